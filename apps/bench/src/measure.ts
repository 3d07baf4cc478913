/** One unit of work of a throughput measurement (e.g. one append); may be synchronous. */
export type Step = () => Promise<void> | void;

export interface AlternatingOptions {
  /** Untimed run of each step first (connections, caches, JIT). */
  warmupMs?: number;
  /** Timed rounds; each round runs every step once for `roundMs`. */
  rounds?: number;
  roundMs?: number;
}

/**
 * Throughput of several ways of doing the same work, in items per second (`itemsPerStep` items
 * per call). The ways take turns over several short rounds instead of running one after the
 * other, so a background disturbance on a shared machine hits them alike.
 */
export async function measureAlternating(steps: Step[], itemsPerStep: number, options: AlternatingOptions = {}): Promise<number[]> {
  const { warmupMs = 300, rounds = 8, roundMs = 600 } = options;
  for (const step of steps) await runFor(step, warmupMs);
  const calls = steps.map(() => 0);
  const seconds = steps.map(() => 0);
  for (let round = 0; round < rounds; round += 1) {
    for (const [index, step] of steps.entries()) {
      const { count, elapsedSeconds } = await runFor(step, roundMs);
      calls[index] += count;
      seconds[index] += elapsedSeconds;
    }
  }
  return steps.map((_, index) => (calls[index] * itemsPerStep) / seconds[index]);
}

async function runFor(step: Step, durationMs: number): Promise<{ count: number; elapsedSeconds: number }> {
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(durationMs) * 1_000_000n;
  let count = 0;
  let now = started;
  while (now < deadline) {
    await step();
    count += 1;
    now = process.hrtime.bigint();
  }
  return { count, elapsedSeconds: Number(now - started) / 1e9 };
}
