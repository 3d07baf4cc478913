import { Pool, type PoolClient, type PoolConfig, type QueryConfig, type QueryResultRow } from 'pg';
import type { Logger } from 'pino';
import { CatchUpSubscription, type CatchUpPage, WakeSignal } from '../../catch-up-subscription';
import { StoreUnavailableError, WrongExpectedRevisionError } from '../../errors';
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
import { checkExpectedRevision, DEFAULT_MAX_EVENT_BYTES, prepareEvents, validateAppendRequest } from '../../prepare-append';
import { type EventFilter, planAllRead, planStreamRead, planSubscription } from '../../read-options';
import { assertValidStreamName } from '../../stream-name';
import { EVENT_COLUMNS, type EventRow, rowToEvent } from '../event-row';
import { appendEventsQuery } from './postgres-append';
import { APPEND_COMMAND_RECORDED, APPEND_STREAM_MOVED, sqlState, translatePgError } from './postgres-errors';
import { PostgresWakeListener } from './postgres-listener';
import { migratePostgres } from './postgres-schema';

export interface PostgresEventStoreOptions {
  /** Largest serialized `data` of one event; default DEFAULT_MAX_EVENT_BYTES. */
  maxEventBytes?: number;
  /** Longest wait of a live subscription when no NOTIFY arrives; default 500 ms. */
  pollIntervalMs?: number;
  /** Connections in the pool; default 10. */
  poolSize?: number;
  /** How long to wait for a connection (new or from the pool) before failing; default 3000 ms. */
  connectTimeoutMs?: number;
  /** Server-side limit of one statement (and client-side read timeout); default 10000 ms. */
  statementTimeoutMs?: number;
  logger?: Logger;
}

const COLUMNS = EVENT_COLUMNS.map((column) => (column === 'data' ? 'e.data::text AS data' : `e.${column}`)).join(', ');
const PAGE_COLUMNS = EVENT_COLUMNS.map((column) => `page.${column}`).join(', ');
const CATCH_UP_PAGE_SIZE = 500;
/** Stream tails remembered to skip a read before an append; see `append`. */
const TAIL_CACHE_SIZE = 10_000;
/** Appends retried after losing a race (stream moved under them) before giving up. */
const MAX_APPEND_ATTEMPTS = 20;

/**
 * The largest position a reader may deliver now (see the ordering note in postgres-schema.ts):
 * `anchor` is the highest row whose transaction is below the snapshot's xmin (rule 1); above it,
 * rows are deliverable while positions stay contiguous (rule 2) — `drift` (position minus rank)
 * stays equal to the anchor exactly along that contiguous run.
 */
const SAFE_HEAD_CTE = `
  snapshot AS MATERIALIZED (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),
  anchor AS MATERIALIZED (
    SELECT coalesce((SELECT a.global_position FROM ledger_events a
                     WHERE a.transaction_id < (SELECT xmin FROM snapshot)
                     ORDER BY a.global_position DESC LIMIT 1), 0) AS position),
  safe AS MATERIALIZED (
    SELECT anchor.position + (
      SELECT count(*) FROM (
        SELECT r.global_position - row_number() OVER (ORDER BY r.global_position) AS drift
        FROM ledger_events r WHERE r.global_position > anchor.position) runs
      WHERE runs.drift = anchor.position) AS head
    FROM anchor)`;

const FILTER_CONDITIONS = `
  AND ($2::text[] IS NULL OR e.type = ANY ($2::text[]))
  AND ($3::text[] IS NULL OR EXISTS (SELECT 1 FROM unnest($3::text[]) AS p(prefix) WHERE starts_with(e.stream, p.prefix)))`;

const SQL = {
  tail: `SELECT t.revision, t.hash, EXISTS (SELECT 1 FROM ledger_events c WHERE c.stream = $1 AND c.command_id = $2) AS recorded
         FROM (SELECT 1) AS one
         LEFT JOIN LATERAL (SELECT revision, hash FROM ledger_events WHERE stream = $1 ORDER BY revision DESC LIMIT 1) AS t ON true`,
  commandEvents: 'SELECT event_id, revision, global_position FROM ledger_events WHERE stream = $1 AND command_id = $2 ORDER BY revision',
  streamForwards: `SELECT ${COLUMNS} FROM ledger_events e WHERE e.stream = $1 AND e.revision >= $2 ORDER BY e.revision ASC LIMIT $3`,
  streamBackwards: `SELECT ${COLUMNS} FROM ledger_events e WHERE e.stream = $1 AND e.revision <= $2 ORDER BY e.revision DESC LIMIT $3`,
  head: `WITH ${SAFE_HEAD_CTE} SELECT head FROM safe`,
  allForwards: `WITH ${SAFE_HEAD_CTE}
    SELECT safe.head AS safe_head, ${PAGE_COLUMNS}
    FROM safe LEFT JOIN LATERAL (
      SELECT ${COLUMNS} FROM ledger_events e
      WHERE e.global_position >= $1 AND e.global_position <= safe.head ${FILTER_CONDITIONS}
      ORDER BY e.global_position ASC LIMIT $4) AS page ON true`,
  allBackwards: `WITH ${SAFE_HEAD_CTE}
    SELECT safe.head AS safe_head, ${PAGE_COLUMNS}
    FROM safe LEFT JOIN LATERAL (
      SELECT ${COLUMNS} FROM ledger_events e
      WHERE e.global_position <= least($1, safe.head) ${FILTER_CONDITIONS}
      ORDER BY e.global_position DESC LIMIT $4) AS page ON true`,
};

type PageRow = Partial<EventRow> & { safe_head: string };

/** Connects, runs pending migrations, and returns the store; StoreUnavailableError if the server cannot be reached. */
export async function openPostgresEventStore(url: string, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
  const store = new PostgresEventStore(url, options);
  try {
    await migratePostgres(store.pool);
  } catch (error) {
    await store.close();
    throw translatePgError(error);
  }
  return store;
}

/**
 * The PostgreSQL event store, for several processes appending and reading at once. Global
 * order and the safe head are explained in postgres-schema.ts.
 */
export class PostgresEventStore implements EventStore {
  readonly pool: Pool;
  private readonly logger: Logger;
  private readonly maxEventBytes: number;
  private readonly pollIntervalMs: number;
  private readonly signal = new WakeSignal();
  private readonly listener: PostgresWakeListener;
  private readonly subscriptions = new Set<CatchUpSubscription>();
  /** Last known event (revision, hash) per stream: a hint, checked by the append function. */
  private readonly tails = new Map<string, { revision: number; hash: string }>();
  private closed = false;

  constructor(url: string, options: PostgresEventStoreOptions = {}) {
    this.logger = options.logger ?? defaultEventStoreLogger();
    this.maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    const statementTimeoutMs = options.statementTimeoutMs ?? 10_000;
    const connection: PoolConfig = {
      connectionString: url,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 3000,
      keepAlive: true,
      statement_timeout: statementTimeoutMs,
      query_timeout: statementTimeoutMs + 2000,
      idle_in_transaction_session_timeout: statementTimeoutMs,
      application_name: 'liaison-ledger-event-store',
    };
    this.pool = new Pool({ ...connection, max: options.poolSize ?? 10, idleTimeoutMillis: 30_000 });
    // Idle connections that die (server restart) are dropped by the pool; without a listener
    // the error event would crash the process.
    this.pool.on('error', (error) => this.logger.warn({ err: error }, 'idle event store connection failed'));
    // A connection that dies while checked out emits 'error' on the client itself; the query in
    // flight rejects with StoreUnavailableError, and the process must not crash on the event.
    this.pool.on('connect', (client) => client.on('error', (error) => this.logger.warn({ err: error }, 'event store connection failed')));
    this.listener = new PostgresWakeListener(connection, this.signal, this.logger);
  }

  /**
   * Read the stream's tail (or use the remembered one), check the expectation, build envelopes
   * and hash chain, then let `ledger_append_events` write them — usually one round trip in all. The function
   * re-checks, under a per-stream lock and inside the writing transaction, that the command is
   * not recorded yet and that the stream still ends where the chain was built; if either check
   * fails we learn why and act: return the original result, or retry from a fresh tail.
   */
  async append(stream: string, events: NewEvent[], expectedRevision: ExpectedRevision, context: AppendContext): Promise<AppendResult> {
    validateAppendRequest(stream, events, context, this.maxEventBytes);
    this.assertOpen();
    let actual: number | 'no_stream' = 'no_stream';
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt += 1) {
      let last = this.tails.get(stream);
      // A remembered tail, or — for a stream expected not to exist — no tail at all, is a guess
      // the append function verifies; only after a wrong guess do we pay for reading the tail.
      const guessed = last !== undefined || (expectedRevision === 'no_stream' && attempt === 0);
      if (!guessed) {
        const tail = await this.readTail(stream, context.commandId);
        if (tail.recorded) return this.replay(stream, context.commandId);
        last = tail.last;
      }
      actual = last ? last.revision : 'no_stream';
      try {
        checkExpectedRevision(stream, expectedRevision, actual);
      } catch (error) {
        if (!guessed) throw error;
        this.tails.delete(stream);
        continue;
      }
      const prepared = prepareEvents(stream, events, context, last);
      const outcome = await this.callAppend(appendEventsQuery(stream, last ? last.revision : -1, prepared));
      if (outcome === 'command_recorded') return this.replay(stream, context.commandId);
      if (outcome === 'stream_moved') {
        this.tails.delete(stream);
        continue;
      }
      const lastEvent = prepared[prepared.length - 1];
      this.rememberTail(stream, lastEvent.revision, lastEvent.hash);
      this.signal.notify();
      return {
        nextExpectedRevision: lastEvent.revision,
        positions: prepared.map((event, index) => ({ eventId: event.eventId, revision: event.revision, globalPosition: outcome + index })),
        idempotentReplay: false,
      };
    }
    throw new WrongExpectedRevisionError(stream, expectedRevision, actual);
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    assertValidStreamName(stream);
    const plan = planStreamRead(options);
    const result =
      plan.direction === 'forwards'
        ? await this.query<EventRow>({ name: 'ledger_stream_forwards', text: SQL.streamForwards, values: [stream, plan.from ?? 0, plan.limit ?? null] })
        : await this.query<EventRow>({ name: 'ledger_stream_backwards', text: SQL.streamBackwards, values: [stream, plan.from ?? Number.MAX_SAFE_INTEGER, plan.limit ?? null] });
    const events = result.map(rowToEvent);
    const newest = plan.direction === 'forwards' ? events[events.length - 1] : events[0];
    if (newest) this.rememberTail(stream, newest.revision, newest.hash);
    return events;
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    const plan = planAllRead(options);
    const from = plan.fromPosition ?? (plan.direction === 'forwards' ? 0 : Number.MAX_SAFE_INTEGER);
    const { events } = await this.readPage(plan.direction, from, plan.filter, plan.limit);
    return events;
  }

  subscribeToAll(options?: SubscribeOptions): Subscription {
    const plan = planSubscription(options);
    this.assertOpen();
    this.listener.start();
    const subscription: CatchUpSubscription = new CatchUpSubscription({
      fromPosition: plan.fromPosition,
      read: (from) => this.readCatchUpPage(from, plan.filter),
      signal: this.signal,
      pollIntervalMs: this.pollIntervalMs,
      logger: this.logger,
      onStop: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** The safe head: the last position a reader can be given now (see SAFE_HEAD_CTE). */
  async headPosition(): Promise<number> {
    const rows = await this.query<{ head: string }>({ name: 'ledger_head', text: SQL.head });
    return Number(rows[0].head);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.listener.stop();
    await this.pool.end();
  }

  private async readCatchUpPage(from: number, filter: EventFilter | undefined): Promise<CatchUpPage> {
    const { events, safeHead } = await this.readPage('forwards', from, filter, CATCH_UP_PAGE_SIZE);
    if (events.length === CATCH_UP_PAGE_SIZE) return { events, nextPosition: events[events.length - 1].globalPosition + 1, caughtUp: false };
    return { events, nextPosition: Math.max(from, safeHead + 1), caughtUp: true };
  }

  /** Events up to the safe head (never beyond), and the safe head itself, from one snapshot. */
  private async readPage(direction: 'forwards' | 'backwards', from: number, filter: EventFilter | undefined, limit: number | undefined) {
    const forwards = direction === 'forwards';
    const rows = await this.query<PageRow>({
      name: forwards ? 'ledger_all_forwards' : 'ledger_all_backwards',
      text: forwards ? SQL.allForwards : SQL.allBackwards,
      values: [from, filter?.eventTypes ?? null, filter?.streamPrefixes ?? null, limit ?? null],
    });
    const safeHead = Number(rows[0].safe_head);
    const events = rows.filter((row) => row.global_position !== null).map((row) => rowToEvent(row as EventRow));
    return { events, safeHead };
  }

  private async readTail(stream: string, commandId: string): Promise<{ last: { revision: number; hash: string } | undefined; recorded: boolean }> {
    const rows = await this.query<{ revision: string | null; hash: string | null; recorded: boolean }>({ name: 'ledger_tail', text: SQL.tail, values: [stream, commandId] });
    const row = rows[0];
    const last = row.revision === null || row.hash === null ? undefined : { revision: Number(row.revision), hash: row.hash };
    if (last) this.rememberTail(stream, last.revision, last.hash);
    return { last, recorded: row.recorded };
  }

  private async replay(stream: string, commandId: string): Promise<AppendResult> {
    const rows = await this.query<{ event_id: string; revision: string; global_position: string }>({
      name: 'ledger_command_events',
      text: SQL.commandEvents,
      values: [stream, commandId],
    });
    const positions = rows.map((row) => ({ eventId: row.event_id, revision: Number(row.revision), globalPosition: Number(row.global_position) }));
    return { nextExpectedRevision: positions[positions.length - 1].revision, positions, idempotentReplay: true };
  }

  /**
   * Runs the append function on a connection of its own. The function's own refusals (command
   * recorded, stream moved) happen before it takes any lock, so the connection is reused; after
   * any other failure it is discarded, which also frees a session lock it might still hold.
   */
  private async callAppend(query: QueryConfig): Promise<number | 'command_recorded' | 'stream_moved'> {
    const client = await this.connect();
    try {
      const result = await client.query<{ first_position: string }>(query);
      client.release();
      return Number(result.rows[0].first_position);
    } catch (error) {
      const state = sqlState(error);
      if (state === APPEND_COMMAND_RECORDED || state === APPEND_STREAM_MOVED) {
        client.release();
        return state === APPEND_COMMAND_RECORDED ? 'command_recorded' : 'stream_moved';
      }
      client.release(error instanceof Error ? error : true);
      throw translatePgError(error);
    }
  }

  private async connect(): Promise<PoolClient> {
    this.assertOpen();
    try {
      return await this.pool.connect();
    } catch (error) {
      throw translatePgError(error);
    }
  }

  private async query<R extends QueryResultRow>(query: QueryConfig): Promise<R[]> {
    this.assertOpen();
    try {
      return (await this.pool.query<R>(query)).rows;
    } catch (error) {
      throw translatePgError(error);
    }
  }

  private rememberTail(stream: string, revision: number, hash: string): void {
    const known = this.tails.get(stream);
    if (known && known.revision >= revision) return;
    this.tails.delete(stream);
    this.tails.set(stream, { revision, hash });
    if (this.tails.size > TAIL_CACHE_SIZE) this.tails.delete(this.tails.keys().next().value as string);
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('the store is closed');
  }
}
