import { SingleBar } from 'cli-progress';

export interface Progress {
  /** Adds `n` (default 1) to the work done. */
  increment(n?: number): void;
  /** Sets the work done (and, when it becomes known, the total). */
  update(done: number, total?: number): void;
  /** Ends the report: draws the final bar or prints the final line. Idempotent. */
  stop(): void;
}

export interface ProgressOptions {
  /** Where to report; default stderr, so stdout stays clean for a command's own output. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Force bar (true) or line (false) output; default: bar when the stream is a TTY. */
  tty?: boolean;
  /** Minimum time between two lines in line mode; default 2000 ms. */
  intervalMs?: number;
  /** Clock in ms; tests pass their own. */
  now?: () => number;
}

/** One structured progress line (line mode), written as JSON. */
export interface ProgressLine {
  time: string;
  progress: string;
  done: number;
  total: number | null;
  percent: number | null;
  ratePerSecond: number;
  elapsedSeconds: number;
  etaSeconds: number | null;
  finished: boolean;
}

/**
 * Reports the progress of a long operation (replay, rebuild, verify, seed, bench).
 * On a TTY: a cli-progress bar. Otherwise (CI, logs): a JSON line at most every `intervalMs`
 * and always one at the end. `total` may be unknown (undefined) at first.
 */
export function progress(label: string, total: number | undefined, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const tty = options.tty ?? stream.isTTY === true;
  return tty ? barProgress(label, total, stream) : lineProgress(label, total, stream, options.intervalMs ?? 2000, options.now ?? Date.now);
}

function barProgress(label: string, total: number | undefined, stream: NodeJS.WritableStream): Progress {
  const bar = new SingleBar({
    stream,
    format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`,
    hideCursor: true,
    etaBuffer: 50,
    fps: 5,
  });
  let done = 0;
  let stopped = false;
  bar.start(total ?? 0, 0);
  return {
    increment(n = 1) {
      done += n;
      if (!stopped) bar.increment(n);
    },
    update(value, newTotal) {
      done = value;
      if (stopped) return;
      if (newTotal !== undefined) bar.setTotal(newTotal);
      bar.update(value);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      if (total === undefined) bar.setTotal(done);
      bar.stop();
    },
  };
}

function lineProgress(label: string, initialTotal: number | undefined, stream: NodeJS.WritableStream, intervalMs: number, now: () => number): Progress {
  const started = now();
  let total = initialTotal;
  let done = 0;
  let lastLine = started;
  let stopped = false;

  const write = (finished: boolean): void => {
    const at = now();
    lastLine = at;
    const elapsedSeconds = (at - started) / 1000;
    const ratePerSecond = elapsedSeconds > 0 ? done / elapsedSeconds : 0;
    const line: ProgressLine = {
      time: new Date(at).toISOString(),
      progress: label,
      done,
      total: total ?? null,
      percent: total === undefined || total === 0 ? null : Math.round((done / total) * 1000) / 10,
      ratePerSecond: Math.round(ratePerSecond * 10) / 10,
      elapsedSeconds: Math.round(elapsedSeconds * 10) / 10,
      etaSeconds: total === undefined || ratePerSecond === 0 ? null : Math.max(0, Math.round((total - done) / ratePerSecond)),
      finished,
    };
    stream.write(`${JSON.stringify(line)}\n`);
  };
  const maybeWrite = (): void => {
    if (!stopped && now() - lastLine >= intervalMs) write(false);
  };

  return {
    increment(n = 1) {
      done += n;
      maybeWrite();
    },
    update(value, newTotal) {
      done = value;
      if (newTotal !== undefined) total = newTotal;
      maybeWrite();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      write(true);
    },
  };
}
