import type { Action, WorkloadContext } from './actions';

export interface RunOptions {
  durationMs: number;
  /** Virtual users acting at the same time (the bound on concurrent requests). */
  concurrency: number;
  mix: ReadonlyArray<readonly [Action, number]>;
  /** Checked before each action: true ends the run early (each user finishes its current action). */
  stop?: () => boolean;
  /** Called about once a second with the elapsed time. */
  onTick?: (elapsedMs: number) => void;
}

/**
 * Runs the mix for `durationMs` with `concurrency` virtual users, each choosing its next action
 * by weight as soon as the previous one answered (a closed loop: the offered load adapts to the
 * server, so latency measures the server, not a queue in the client). Resolves with the time
 * actually spent, once every user finished its last action.
 */
export async function runWorkload(context: WorkloadContext, options: RunOptions): Promise<number> {
  const started = performance.now();
  const deadline = started + options.durationMs;
  const ticker = setInterval(() => options.onTick?.(performance.now() - started), 1000);
  const user = async (): Promise<void> => {
    while (performance.now() < deadline && !(options.stop?.() ?? false)) {
      const action = context.random.weighted(options.mix);
      await action(context);
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, user));
  } finally {
    clearInterval(ticker);
  }
  return performance.now() - started;
}
