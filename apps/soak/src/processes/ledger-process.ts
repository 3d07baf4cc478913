import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { appEntry, type LedgerApp, REPOSITORY_ROOT } from './app-entry';

export interface LedgerProcessOptions {
  app: LedgerApp;
  /** Environment added to this process's own (LEDGER_* settings). */
  env: Record<string, string>;
  /** How many output lines to keep for diagnostics; default 200. */
  keepLines?: number;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * One ledger app (API server or projector) running as a child process: its output is watched
 * line by line (so a caller can wait for "listening" or a position), the last lines are kept for
 * error messages, and it can be stopped gracefully (SIGTERM) or killed outright (SIGKILL).
 */
export class LedgerProcess {
  readonly exited: Promise<ProcessExit>;
  private readonly recent: string[] = [];
  private readonly watchers = new Set<{ test: (line: string) => boolean; resolve: (line: string) => void }>();
  private exit: ProcessExit | undefined;

  private constructor(
    readonly app: LedgerApp,
    readonly child: ChildProcess,
    private readonly keepLines: number,
  ) {
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => this.onLine(line));
    }
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  static start(options: LedgerProcessOptions): LedgerProcess {
    const child = spawn(process.execPath, appEntry(options.app), {
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new LedgerProcess(options.app, child, options.keepLines ?? 200);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /** Waits for an output line matching `test`; fails when the process exits first or the time is up. */
  waitForLine(test: (line: string) => boolean, timeoutMs: number, what: string): Promise<string> {
    const seen = this.recent.find(test);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const watcher = {
        test,
        resolve: (line: string) => {
          clearTimeout(timer);
          resolve(line);
        },
      };
      const timer = setTimeout(() => {
        this.watchers.delete(watcher);
        reject(new Error(`${this.app} (pid ${this.pid}): no ${what} within ${timeoutMs} ms; last output:\n${this.tail()}`));
      }, timeoutMs);
      this.watchers.add(watcher);
      void this.exited.then((exit) => {
        if (!this.watchers.delete(watcher)) return;
        clearTimeout(timer);
        reject(new Error(`${this.app} exited (code ${exit.code}, signal ${exit.signal}) before ${what}; last output:\n${this.tail()}`));
      });
    });
  }

  /** SIGKILL: the process gets no chance to finish anything. Resolves once it is gone. */
  async kill(): Promise<ProcessExit> {
    if (this.exit) return this.exit;
    this.child.kill('SIGKILL');
    return this.exited;
  }

  /** SIGTERM and wait for a graceful exit; SIGKILL when it takes longer than `graceMs`. */
  async stop(graceMs = 30_000): Promise<ProcessExit> {
    if (this.exit) return this.exit;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The last output lines (stdout and stderr interleaved), for error messages. */
  tail(lines = 30): string {
    return this.recent.slice(-lines).join('\n');
  }

  private onLine(line: string): void {
    this.recent.push(line);
    if (this.recent.length > this.keepLines) this.recent.shift();
    for (const watcher of this.watchers) {
      if (watcher.test(line)) {
        this.watchers.delete(watcher);
        watcher.resolve(line);
      }
    }
  }
}
