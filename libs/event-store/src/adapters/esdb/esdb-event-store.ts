import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  FORWARDS,
  MaxAppendSizeExceededError,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import type { Logger } from 'pino';
import { EventTooLargeError, InvalidOptionError, StoreUnavailableError, WrongExpectedRevisionError } from '../../errors';
import type {
  AppendContext,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../../event-store.port';
import { defaultEventStoreLogger } from '../../logger';
import { checkExpectedRevision, DEFAULT_MAX_EVENT_BYTES, prepareEvents, validateAppendRequest, type PreparedEvent } from '../../prepare-append';
import { planAllRead, planStreamRead, planSubscription, type EventFilter } from '../../read-options';
import { assertValidStreamName } from '../../stream-name';
import { commandEventId } from './command-event-id';
import { fromEsdbRecord, toEsdbEvent, writeIdOf } from './envelope-codec';
import { isDiscoveryFailure, isTransient, toPortError } from './esdb-errors';
import { EsdbAllSubscription } from './esdb-subscription';
import { readAllFiltered } from './filtered-all-read';
import { anchorOf } from './global-position';
import { isWantedLedgerEvent, serverFilterFor } from './ledger-filter';
import { StreamNamespace } from './stream-namespace';
import { StreamTailCache, type CommandPositions, type StreamTail } from './stream-tail-cache';

export interface EsdbEventStoreOptions {
  logger?: Logger;
  /**
   * Largest serialized `data` of one event (default DEFAULT_MAX_EVENT_BYTES). EventStoreDB also
   * limits a whole append (data + metadata of all its events) by its MaxAppendSize setting, 1 MiB
   * by default: raise that setting, or lower this limit, for events close to 1 MiB.
   */
  maxEventBytes?: number;
  /** Keeps this ledger's streams apart from other ledgers on the same cluster (see stream-namespace.ts). */
  namespace?: string;
  /** How many streams' last event and command ids stay cached between appends (default 10 000). */
  streamTailCacheSize?: number;
  /** Pauses before each retry of a call that failed because the server was unreachable (default 100, 300, 900 ms). */
  transientRetryDelaysMs?: number[];
}

/** Events per server round trip when scanning $all or a stream's tail. */
const PAGE_SIZE = 500;
/** Appends with 'any' or 'stream_exists' rebuild the hash chain and retry when they lose a race; this bounds the rounds. */
const MAX_APPEND_ROUNDS = 25;
const DEFAULT_TRANSIENT_RETRY_DELAYS_MS = [100, 300, 900];

/**
 * The event store on EventStoreDB: one EventStoreDB stream per ledger stream, $all for the global
 * log (see `global-position.ts` for the mapping of positions).
 *
 * Appending and the hash chain: the chain needs the stream's last event. The adapter keeps each
 * stream's tail (last event, command ids) from earlier reads and writes, and writes with the
 * server's expected revision pinned to that tail's revision: if the stream has anything newer —
 * another process wrote, or the tail was never read — the server refuses, the adapter reads the
 * missing events and tries again, so two events can never claim the same predecessor and a
 * lone writer needs no read before writing. The port's expected revision is checked against the
 * tail (re-read first when the check fails on cached knowledge); 'any' and 'stream_exists'
 * appends that lose a race are rebuilt and retried. After writing, the adapter reads the events
 * back: the server's answer has no position per event, and only the stored metadata tells whether
 * this call wrote them (below).
 *
 * Command-id idempotency, in two layers:
 * 1. Before writing, the adapter looks the command id up among the stream's events it knows,
 *    and returns the original positions if the command is there. The lookup is complete whenever
 *    the pinned write can succeed: if the stream has newer events, the write is refused and the
 *    lookup repeated after reading them.
 * 2. Event ids the caller leaves out are derived from (stream, command id, index), so a
 *    duplicate that races past the lookup proposes the same ids at the same revisions, and the
 *    server answers it as a repeat of the stored write instead of storing a copy; the adapter
 *    then reports the stored originals as an idempotent replay.
 */
export class EsdbEventStore implements EventStore {
  private readonly logger: Logger;
  private readonly tails: StreamTailCache;
  private readonly subscriptions = new Set<EsdbAllSubscription>();
  private readonly namespace: StreamNamespace;
  private readonly maxEventBytes: number;
  private readonly retryDelaysMs: number[];
  private closed = false;

  constructor(
    private readonly client: EventStoreDBClient,
    options: EsdbEventStoreOptions = {},
  ) {
    this.logger = options.logger ?? defaultEventStoreLogger();
    this.tails = new StreamTailCache(options.streamTailCacheSize ?? 10_000);
    this.namespace = new StreamNamespace(options.namespace);
    this.maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    this.retryDelaysMs = options.transientRetryDelaysMs ?? DEFAULT_TRANSIENT_RETRY_DELAYS_MS;
  }

  async append(stream: string, events: NewEvent[], expectedRevision: ExpectedRevision, context: AppendContext): Promise<AppendResult> {
    this.assertOpen();
    validateAppendRequest(stream, events, context, this.maxEventBytes);
    assertExpectedRevision(expectedRevision);
    const withIds = events.map((event, index) => ({ ...event, eventId: event.eventId ?? commandEventId(stream, context.commandId, index) }));
    return this.retryTransient('append', () => this.appendOnce(stream, withIds, expectedRevision, context));
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertValidStreamName(stream);
    const plan = planStreamRead(options);
    const from = plan.from === undefined ? (plan.direction === 'forwards' ? START : END) : BigInt(plan.from);
    return this.retryTransient('read of a stream', () => this.readStreamRaw(stream, plan.direction, from, plan.limit ?? Number.MAX_SAFE_INTEGER));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const plan = planAllRead(options);
    const limit = plan.limit ?? Number.POSITIVE_INFINITY;
    return this.retryTransient('read of $all', async () => {
      const events: RecordedEvent[] = [];
      const requested = plan.fromPosition;
      if (plan.direction === 'forwards') {
        const anchor = anchorOf(requested);
        for await (const event of this.scanAll('forwards', anchor.kind === 'start' ? 'start' : anchor.commit, plan.filter, limit + 1)) {
          if (requested !== undefined && event.globalPosition < requested) continue; // the excluded anchor event
          events.push(event);
          if (events.length >= limit) break;
        }
        return events;
      }
      if (requested !== undefined && requested < 1) return events;
      const before = requested === undefined ? 'end' : await this.positionAfter(BigInt(Math.floor((requested - 1) / 2)));
      for await (const event of this.scanAll('backwards', before, plan.filter, limit)) {
        if (requested !== undefined && event.globalPosition > requested) continue;
        events.push(event);
        if (events.length >= limit) break;
      }
      return events;
    });
  }

  subscribeToAll(options?: SubscribeOptions): Subscription {
    this.assertOpen();
    const plan = planSubscription(options);
    const subscription: EsdbAllSubscription = new EsdbAllSubscription({
      client: this.client,
      anchor: anchorOf(plan.fromPosition),
      filter: plan.filter,
      namespace: this.namespace,
      eventAt: (commit) => this.eventAt(commit, plan.filter),
      logger: this.logger,
      onStop: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.retryTransient('read of the head position', async () => {
      for await (const event of this.scanAll('backwards', 'end', undefined, 1)) return event.globalPosition;
      return 0;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
    const channel = await (this.client as unknown as { getChannel(): Promise<{ close(): void }> }).getChannel().catch(() => undefined);
    channel?.close();
  }

  private async appendOnce(stream: string, events: NewEvent[], expected: ExpectedRevision, context: AppendContext): Promise<AppendResult> {
    const tail = this.tails.get(stream);
    let mustRefresh = !tail.loaded;
    for (let round = 1; ; round++) {
      if (mustRefresh) await this.refreshTail(stream, tail);
      let recorded = tail.command(context.commandId);
      if (!recorded && !mustRefresh && !satisfies(expected, actualOf(tail))) {
        // The cached tail may be behind: judge the expectation on the stream as it is now.
        await this.refreshTail(stream, tail);
        recorded = tail.command(context.commandId);
      }
      if (recorded) return replayOf(recorded);
      const actual = actualOf(tail);
      checkExpectedRevision(stream, expected, actual);
      const prepared = prepareEvents(stream, events, context, tail.last);
      const writeId = randomUUID();
      try {
        await this.client.appendToStream(this.namespace.toEsdb(stream), prepared.map((event) => toEsdbEvent(event, writeId)), {
          expectedRevision: actual === 'no_stream' ? NO_STREAM : BigInt(actual),
        });
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) {
          // The stream has events the cached tail does not know. The next round reads them, and
          // then finds this command if it was a duplicate, reports the conflict for an exact
          // expectation, or rebuilds the chain on the new last event.
          mustRefresh = true;
          if (round < MAX_APPEND_ROUNDS) continue;
          throw new WrongExpectedRevisionError(stream, expected, error.actualVersion === 'no_stream' ? 'no_stream' : Number(error.actualVersion));
        }
        if (error instanceof MaxAppendSizeExceededError) throw tooLarge(prepared, error.maxAppendSize);
        throw error;
      }
      const stored = await this.readStreamRecords(stream, 'forwards', BigInt(prepared[0].revision), prepared.length);
      tail.learn(stored.map(({ event }) => event));
      if (stored.length === prepared.length && stored.every(({ writeId: storedBy }) => storedBy === writeId)) {
        return {
          nextExpectedRevision: stored[stored.length - 1].event.revision,
          positions: stored.map(({ event: { eventId, revision, globalPosition } }) => ({ eventId, revision, globalPosition })),
          idempotentReplay: false,
        };
      }
      // The server took the write for a repeat of one it already stored (same event ids at the
      // same revisions, written by another call): the stored events are the original ones.
      const original = tail.command(context.commandId);
      if (original) return replayOf(original);
      mustRefresh = true;
      if (round >= MAX_APPEND_ROUNDS) throw new WrongExpectedRevisionError(stream, expected, actualOf(tail));
    }
  }

  /** Brings the cached tail of a stream up to date by reading only the events it has not seen. */
  private async refreshTail(stream: string, tail: StreamTail): Promise<void> {
    const fresh: RecordedEvent[] = [];
    let from: bigint | typeof END = END;
    let pageSize = tail.loaded ? 1 : PAGE_SIZE;
    for (;;) {
      const page = await this.readStreamRaw(stream, 'backwards', from, pageSize);
      const unseen = page.filter((event) => event.revision > tail.knownRevision);
      fresh.push(...unseen);
      const lowest = page[page.length - 1];
      if (unseen.length < page.length || page.length < pageSize || !lowest || lowest.revision === 0) break;
      from = BigInt(lowest.revision - 1);
      pageSize = PAGE_SIZE;
    }
    tail.learn(fresh);
    tail.loaded = true;
  }

  private async readStreamRaw(stream: string, direction: 'forwards' | 'backwards', from: bigint | typeof START | typeof END, maxCount: number): Promise<RecordedEvent[]> {
    return (await this.readStreamRecords(stream, direction, from, maxCount)).map(({ event }) => event);
  }

  private async readStreamRecords(
    stream: string,
    direction: 'forwards' | 'backwards',
    from: bigint | typeof START | typeof END,
    maxCount: number,
  ): Promise<Array<{ event: RecordedEvent; writeId: string | undefined }>> {
    const records: Array<{ event: RecordedEvent; writeId: string | undefined }> = [];
    const read = this.client.readStream(this.namespace.toEsdb(stream), { direction: direction === 'forwards' ? FORWARDS : BACKWARDS, fromRevision: from, maxCount });
    try {
      for await (const resolved of read) {
        if (resolved.event) records.push({ event: fromEsdbRecord(resolved.event, this.namespace), writeId: writeIdOf(resolved.event) });
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return records;
  }

  /**
   * Ledger events of $all in one direction from a record position (forwards: inclusive;
   * backwards: exclusive), page by page, filtered on the server and checked again here.
   * `wanted` sizes the first page for callers that need only a few events.
   */
  private async *scanAll(
    direction: 'forwards' | 'backwards',
    from: 'start' | 'end' | bigint,
    filter: EventFilter | undefined,
    wanted: number,
  ): AsyncGenerator<RecordedEvent> {
    const serverFilter = serverFilterFor(filter, this.namespace);
    let pageSize = Math.min(PAGE_SIZE, wanted);
    let cursor = from;
    // Forwards reads include their start, so a page after the first begins with the previous page's last event.
    let alreadySeen: bigint | undefined;
    for (;;) {
      let received = 0;
      let lastCommit: bigint | undefined;
      for await (const record of readAllFiltered(this.client, { direction, from: cursor, maxCount: pageSize, filter: serverFilter })) {
        received += 1;
        lastCommit = record.position?.commit;
        if (lastCommit === alreadySeen) continue;
        if (isWantedLedgerEvent(record.streamId, record.type, filter, this.namespace)) yield fromEsdbRecord(record, this.namespace);
      }
      if (received < pageSize || lastCommit === undefined) return;
      cursor = lastCommit;
      pageSize = PAGE_SIZE;
      alreadySeen = direction === 'forwards' ? lastCommit : undefined;
    }
  }

  /** The commit position of the first event after `commit`, or 'end': where a backwards read that includes `commit` starts. */
  private async positionAfter(commit: bigint): Promise<bigint | 'end'> {
    for await (const record of readAllFiltered(this.client, { direction: 'forwards', from: commit, maxCount: 2, filter: undefined })) {
      const position = record.position?.commit;
      if (position !== undefined && position > commit) return position;
    }
    return 'end';
  }

  /** The ledger event stored at exactly `commit`, if it passes the filter. */
  private async eventAt(commit: bigint, filter: EventFilter | undefined): Promise<RecordedEvent | undefined> {
    for await (const record of readAllFiltered(this.client, { direction: 'forwards', from: commit, maxCount: 1, filter: undefined })) {
      if (record.position?.commit === commit && isWantedLedgerEvent(record.streamId, record.type, filter, this.namespace)) return fromEsdbRecord(record, this.namespace);
    }
    return undefined;
  }

  /**
   * Runs a call again after short pauses while the server is unreachable (a restarting node, a
   * leader election), then gives up with StoreUnavailableError. Discovery failures are not
   * retried here: the client has already tried every gossip seed `maxDiscoverAttempts` times.
   */
  private async retryTransient<T>(operation: string, call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        const retry = isTransient(error) && !isDiscoveryFailure(error) && attempt < this.retryDelaysMs.length && !this.closed;
        if (!retry) throw toPortError(error, operation);
        this.logger.warn({ err: error, attempt: attempt + 1, operation }, 'EventStoreDB unreachable; retrying');
        await new Promise((resolve) => setTimeout(resolve, this.retryDelaysMs[attempt]));
      }
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('the EventStoreDB event store is closed');
  }
}

function assertExpectedRevision(expected: unknown): asserts expected is ExpectedRevision {
  const valid =
    expected === 'any' || expected === 'no_stream' || expected === 'stream_exists' || (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0);
  if (!valid) throw new InvalidOptionError('expectedRevision', 'must be a revision ≥ 0, "no_stream", "stream_exists" or "any"');
}

function actualOf(tail: StreamTail): number | 'no_stream' {
  return tail.last ? tail.last.revision : 'no_stream';
}

function satisfies(expected: ExpectedRevision, actual: number | 'no_stream'): boolean {
  try {
    checkExpectedRevision('', expected, actual);
    return true;
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError) return false;
    throw error;
  }
}

function replayOf(recorded: CommandPositions): AppendResult {
  const positions = recorded.positions.map((position) => ({ ...position }));
  return { nextExpectedRevision: positions[positions.length - 1].revision, positions, idempotentReplay: true };
}

function tooLarge(prepared: PreparedEvent[], limitBytes: number): EventTooLargeError {
  const largest = prepared.reduce((a, b) => (Buffer.byteLength(b.dataJson) > Buffer.byteLength(a.dataJson) ? b : a));
  const appendBytes = prepared.reduce((sum, event) => sum + Buffer.byteLength(event.dataJson), 0);
  return new EventTooLargeError(largest.type, appendBytes, limitBytes);
}
