import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import type { EventStore, RecordedEvent, Subscription } from '@ledger/event-store';

/**
 * What the shared contract suite (event-store.contract.ts) needs from one adapter.
 * An adapter's test file builds one and calls `describeEventStoreContract(name, harness)`.
 */
export interface EventStoreHarness {
  /** Opens a fresh, empty store (its own file, database, schema or server). Each call is independent. */
  open(): Promise<EventStore>;
  /**
   * A URL that `openEventStore(url)` in ANOTHER OS process resolves to the same storage as
   * `store` (a store returned by `open`). Enables the cross-process and kill -9 tests, which a
   * child process (fixtures/appender.js) runs against this URL. Omit it to skip those tests.
   */
  urlOf?(store: EventStore): string;
  /**
   * A second, independent handle on the same storage as `store`, as another process (or a
   * restart) would open it. Used for writers on separate connections and for re-reading after
   * the kill -9 test. Defaults to `openEventStore(urlOf(store))` when `urlOf` is given.
   */
  reopen?(store: EventStore): Promise<EventStore>;
  /** The largest `data` (serialized, in bytes) the stores accept; default DEFAULT_MAX_EVENT_BYTES. */
  maxEventBytes?: number;
  /** Runs once after the suite: closes whatever is still open, deletes files, databases, servers. */
  cleanup(): Promise<void>;
}

const APPENDER = path.join(__dirname, 'fixtures', 'appender.js');

export interface Ack {
  revision: number;
  globalPosition: number;
  eventId: string;
}

/** A child process appending to a store; see fixtures/appender.js. */
export interface AppenderProcess {
  readonly child: ChildProcess;
  readonly acks: Ack[];
  /** Resolves once `count` appends have been acknowledged (rejects if the process ends first). */
  waitForAcks(count: number): Promise<void>;
  /** Resolves with the exit code (or signal name) once the process has ended. */
  exited: Promise<number | string>;
}

/** Starts fixtures/appender.js against `url`; `count` 0 appends until killed. */
export function spawnAppender(url: string, stream: string, count: number): AppenderProcess {
  const child = spawn(process.execPath, [APPENDER, url, stream, String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const acks: Ack[] = [];
  let stderr = '';
  const waiters: Array<{ count: number; resolve: () => void; reject: (error: Error) => void }> = [];
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    const match = /^ack (\d+) (\d+) (\S+)$/.exec(line);
    if (!match) return;
    acks.push({ revision: Number(match[1]), globalPosition: Number(match[2]), eventId: match[3] });
    for (const waiter of [...waiters]) {
      if (acks.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => {
      const outcome = code ?? signal ?? 'unknown';
      for (const waiter of waiters.splice(0)) {
        waiter.reject(new Error(`appender ended (${outcome}) after ${acks.length} of ${waiter.count} acknowledged appends; stderr:\n${stderr}`));
      }
      resolve(outcome);
    });
  });
  return {
    child,
    acks,
    exited,
    waitForAcks(wanted) {
      if (acks.length >= wanted) return Promise.resolve();
      if (child.exitCode !== null || child.signalCode !== null) {
        return Promise.reject(new Error(`appender already ended after ${acks.length} acknowledged appends; stderr:\n${stderr}`));
      }
      return new Promise((resolve, reject) => waiters.push({ count: wanted, resolve, reject }));
    },
  };
}

/**
 * Reads `count` events from a subscription, then stops it. Fails (and stops it) if they do not
 * all arrive within `timeoutMs` — a bound for a hung test, not a performance assertion.
 */
export async function take(subscription: Subscription, count: number, timeoutMs = 20_000): Promise<RecordedEvent[]> {
  const received: RecordedEvent[] = [];
  const iterator = subscription[Symbol.asyncIterator]();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`subscription delivered ${received.length} of ${count} events within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    while (received.length < count) {
      const next = await Promise.race([iterator.next(), timeout]);
      if (next.done) throw new Error(`subscription ended after ${received.length} of ${count} events`);
      received.push(next.value);
    }
    return received;
  } finally {
    clearTimeout(timer);
    await subscription.stop();
  }
}
