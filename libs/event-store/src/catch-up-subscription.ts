import type { Logger } from 'pino';
import { StoreUnavailableError } from './errors';
import type { RecordedEvent, Subscription } from './event-store.port';

/**
 * A wake-up call for live readers: bumped whenever new events may be readable. It carries no
 * data — readers always re-read the store — so a lost or duplicated signal can only cost
 * latency, never correctness.
 */
export class WakeSignal {
  private counter = 0;
  private readonly listeners = new Set<() => void>();

  get version(): number {
    return this.counter;
  }

  notify(): void {
    this.counter += 1;
    for (const listener of [...this.listeners]) listener();
  }

  /** Calls `listener` on every notify until the returned function is called. */
  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** One page of a catch-up read. */
export interface CatchUpPage {
  /** Events at positions ≥ the requested one, in global order, already filtered. */
  events: RecordedEvent[];
  /**
   * Where the next read starts: past every position this read examined, including events the
   * filter dropped, so a selective filter does not rescan the same rows.
   */
  nextPosition: number;
  /** True when the read reached the end of what is readable now (no need to read again before a wake-up). */
  caughtUp: boolean;
}

export type CatchUpReader = (fromPosition: number) => Promise<CatchUpPage>;

export interface CatchUpSubscriptionOptions {
  fromPosition: number;
  read: CatchUpReader;
  signal: WakeSignal;
  /** Longest wait between two reads when no wake-up arrives (picks up writes by other processes). */
  pollIntervalMs: number;
  logger: Logger;
  onStop?: () => void;
}

const MAX_RETRY_DELAY_MS = 5000;

/**
 * Catch-up then live, in one loop: read a page from the next position; if the store had nothing
 * more, sleep until a wake-up or the poll interval, then read again. Because every round starts
 * from "last delivered + 1" and the adapters' reads return only positions that can no longer be
 * preceded by a later commit, the hand-over from catch-up to live has no gap and no duplicate.
 * While the store is unreachable the loop retries with backoff instead of ending.
 */
export class CatchUpSubscription implements Subscription {
  private stopped = false;
  private iterating = false;
  private interruptSleep: (() => void) | undefined;
  private inFlight: Promise<unknown> | undefined;

  constructor(private readonly options: CatchUpSubscriptionOptions) {}

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.iterating) throw new Error('a subscription can be iterated only once');
    this.iterating = true;
    return this.run();
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.interruptSleep?.();
      this.options.onStop?.();
    }
    await this.inFlight?.catch(() => undefined);
  }

  private async *run(): AsyncGenerator<RecordedEvent, void, undefined> {
    const { read, signal, pollIntervalMs, logger } = this.options;
    let next = this.options.fromPosition;
    let failures = 0;
    try {
      while (!this.stopped) {
        const seen = signal.version;
        let page: CatchUpPage;
        try {
          const reading = read(next);
          this.inFlight = reading;
          page = await reading;
          failures = 0;
        } catch (error) {
          // A read cut short by stop() or close() just ends the iteration.
          if (this.stopped) return;
          if (!(error instanceof StoreUnavailableError)) throw error;
          failures += 1;
          const delay = Math.min(pollIntervalMs * 2 ** failures, MAX_RETRY_DELAY_MS);
          logger.warn({ err: error, retryInMs: delay, position: next }, 'event store subscription cannot read; retrying');
          await this.sleep(delay, undefined);
          continue;
        } finally {
          this.inFlight = undefined;
        }
        for (const event of page.events) {
          if (this.stopped) return;
          if (event.globalPosition < next) {
            // Positions only grow; anything else means the store broke its ordering promise.
            throw new Error(`event store delivered position ${event.globalPosition} after ${next - 1}: global order violated`);
          }
          next = event.globalPosition + 1;
          yield event;
        }
        next = Math.max(next, page.nextPosition);
        if (page.caughtUp) await this.sleep(pollIntervalMs, seen);
      }
    } finally {
      this.stopped = true;
      this.options.onStop?.();
    }
  }

  /** Waits for the delay, a wake-up newer than `seenVersion`, or stop(), whichever comes first. */
  private sleep(delayMs: number, seenVersion: number | undefined): Promise<void> {
    const { signal } = this.options;
    if (this.stopped || (seenVersion !== undefined && signal.version !== seenVersion)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        unlisten();
        this.interruptSleep = undefined;
        resolve();
      };
      const timer = setTimeout(done, delayMs);
      const unlisten = seenVersion === undefined ? () => undefined : signal.listen(done);
      this.interruptSleep = done;
    });
  }
}
