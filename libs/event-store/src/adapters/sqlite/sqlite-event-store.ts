import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { CatchUpSubscription, type CatchUpPage, WakeSignal } from '../../catch-up-subscription';
import { EventStoreError, InvalidEventError, StoreUnavailableError } from '../../errors';
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
import { SQLITE_MEMORY } from './sqlite-location';
import { migrateSqlite } from './sqlite-schema';

export interface SqliteEventStoreOptions {
  /** Largest serialized `data` of one event; default DEFAULT_MAX_EVENT_BYTES. */
  maxEventBytes?: number;
  /** How often live subscriptions look for events appended by other processes; default 200 ms. */
  pollIntervalMs?: number;
  /** How long a write waits for another process's write lock before failing; default 5000 ms. */
  busyTimeoutMs?: number;
  logger?: Logger;
}

const COLUMNS = EVENT_COLUMNS.join(', ');
const CATCH_UP_PAGE_SIZE = 500;
const NO_LIMIT = -1;

/**
 * Processes that open the same file share one wake-up signal, so an append through any handle
 * wakes every live subscription of this process at once; other processes are found by polling.
 */
const sharedSignals = new Map<string, { signal: WakeSignal; handles: number }>();

function acquireSignal(file: string): WakeSignal {
  if (file === SQLITE_MEMORY) return new WakeSignal();
  const entry = sharedSignals.get(file) ?? { signal: new WakeSignal(), handles: 0 };
  entry.handles += 1;
  sharedSignals.set(file, entry);
  return entry.signal;
}

function releaseSignal(file: string): void {
  const entry = sharedSignals.get(file);
  if (!entry) return;
  entry.handles -= 1;
  if (entry.handles === 0) sharedSignals.delete(file);
}

/** Opens (creating directory, file and schema when missing) the embedded event store. */
export function openSqliteEventStore(file: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
  return new SqliteEventStore(file, options);
}

/**
 * The embedded event store: one SQLite file in WAL mode with synchronous=FULL, so an append that
 * returned has reached the disk and survives kill -9 or power loss.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly signal: WakeSignal;
  private readonly logger: Logger;
  private readonly maxEventBytes: number;
  private readonly pollIntervalMs: number;
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private readonly readAllStatements = new Map<string, Database.Statement>();
  private readonly statements: ReturnType<SqliteEventStore['prepareStatements']>;
  private readonly appendTransaction: Database.Transaction<(stream: string, events: NewEvent[], expected: ExpectedRevision, context: AppendContext) => AppendResult>;
  private readonly catchUpTransaction: Database.Transaction<(from: number, filter: EventFilter | undefined) => CatchUpPage>;
  private closed = false;

  constructor(
    readonly file: string,
    options: SqliteEventStoreOptions = {},
  ) {
    this.logger = options.logger ?? defaultEventStoreLogger();
    this.maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.db = translateErrors(() => openDatabase(file, options.busyTimeoutMs ?? 5000));
    this.statements = this.prepareStatements();
    this.appendTransaction = this.db.transaction((stream, events, expected, context) => this.appendInTransaction(stream, events, expected, context));
    this.catchUpTransaction = this.db.transaction((from, filter) => this.readCatchUpPage(from, filter));
    this.signal = acquireSignal(file);
  }

  async append(stream: string, events: NewEvent[], expectedRevision: ExpectedRevision, context: AppendContext): Promise<AppendResult> {
    validateAppendRequest(stream, events, context, this.maxEventBytes);
    // IMMEDIATE takes the write lock before the checks, so check and write see the same stream.
    const result = this.run(() => this.appendTransaction.immediate(stream, events, expectedRevision, context));
    if (!result.idempotentReplay) this.signal.notify();
    return result;
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    assertValidStreamName(stream);
    const plan = planStreamRead(options);
    const limit = plan.limit ?? NO_LIMIT;
    const rows = this.run(() =>
      plan.direction === 'forwards'
        ? (this.statements.streamForwards.all(stream, plan.from ?? 0, limit) as EventRow[])
        : (this.statements.streamBackwards.all(stream, plan.from ?? Number.MAX_SAFE_INTEGER, limit) as EventRow[]),
    );
    return rows.map(rowToEvent);
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    const plan = planAllRead(options);
    const from = plan.fromPosition ?? (plan.direction === 'forwards' ? 0 : Number.MAX_SAFE_INTEGER);
    const rows = this.run(() => this.readAllRows(plan.direction, from, plan.filter, plan.limit ?? NO_LIMIT));
    return rows.map(rowToEvent);
  }

  subscribeToAll(options?: SubscribeOptions): Subscription {
    const plan = planSubscription(options);
    this.assertOpen();
    const subscription: CatchUpSubscription = new CatchUpSubscription({
      fromPosition: plan.fromPosition,
      read: async (from) => this.run(() => this.catchUpTransaction(from, plan.filter)),
      signal: this.signal,
      pollIntervalMs: this.pollIntervalMs,
      logger: this.logger,
      onStop: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    return this.run(() => (this.statements.head.get() as { head: number }).head);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.closed = true;
    this.db.close();
    releaseSignal(this.file);
  }

  private prepareStatements() {
    const db = this.db;
    return {
      commandEvents: db.prepare('SELECT event_id, revision, global_position FROM ledger_events WHERE stream = ? AND command_id = ? ORDER BY revision'),
      lastEvent: db.prepare('SELECT revision, hash FROM ledger_events WHERE stream = ? ORDER BY revision DESC LIMIT 1'),
      insert: db.prepare(
        `INSERT INTO ledger_events (stream, revision, event_id, type, schema_version, occurred_at, recorded_at, officer_id, agency_id,
           command_id, correlation_id, causation_id, data, hash, previous_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      streamForwards: db.prepare(`SELECT ${COLUMNS} FROM ledger_events WHERE stream = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`),
      streamBackwards: db.prepare(`SELECT ${COLUMNS} FROM ledger_events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`),
      head: db.prepare('SELECT coalesce(max(global_position), 0) AS head FROM ledger_events'),
    };
  }

  private appendInTransaction(stream: string, events: NewEvent[], expected: ExpectedRevision, context: AppendContext): AppendResult {
    const { commandEvents, lastEvent, insert } = this.statements;
    const recorded = commandEvents.all(stream, context.commandId) as Array<{ event_id: string; revision: number; global_position: number }>;
    if (recorded.length > 0) {
      return {
        nextExpectedRevision: recorded[recorded.length - 1].revision,
        positions: recorded.map((row) => ({ eventId: row.event_id, revision: row.revision, globalPosition: row.global_position })),
        idempotentReplay: true,
      };
    }
    const last = lastEvent.get(stream) as { revision: number; hash: string } | undefined;
    checkExpectedRevision(stream, expected, last ? last.revision : 'no_stream');
    const prepared = prepareEvents(stream, events, context, last);
    const positions = prepared.map((event) => {
      const info = insert.run(
        event.stream,
        event.revision,
        event.eventId,
        event.type,
        event.schemaVersion,
        event.occurredAt,
        event.recordedAt,
        event.actor.officerId,
        event.actor.agencyId,
        event.commandId,
        event.correlationId,
        event.causationId,
        event.dataJson,
        event.hash,
        event.previousHash,
      );
      return { eventId: event.eventId, revision: event.revision, globalPosition: Number(info.lastInsertRowid) };
    });
    return { nextExpectedRevision: prepared[prepared.length - 1].revision, positions, idempotentReplay: false };
  }

  /** One read transaction, so the page and the head it is compared with come from the same snapshot. */
  private readCatchUpPage(from: number, filter: EventFilter | undefined): CatchUpPage {
    const rows = this.readAllRows('forwards', from, filter, CATCH_UP_PAGE_SIZE);
    const events = rows.map(rowToEvent);
    if (rows.length === CATCH_UP_PAGE_SIZE) return { events, nextPosition: events[events.length - 1].globalPosition + 1, caughtUp: false };
    const head = (this.statements.head.get() as { head: number }).head;
    return { events, nextPosition: Math.max(from, head + 1), caughtUp: true };
  }

  private readAllRows(direction: 'forwards' | 'backwards', from: number, filter: EventFilter | undefined, limit: number): EventRow[] {
    const types = filter?.eventTypes;
    const prefixes = filter?.streamPrefixes;
    const key = `${direction}:${types ? 't' : ''}:${prefixes ? 'p' : ''}`;
    let statement = this.readAllStatements.get(key);
    if (!statement) {
      const conditions = [direction === 'forwards' ? 'global_position >= ?' : 'global_position <= ?'];
      if (types) conditions.push('type IN (SELECT value FROM json_each(?))');
      if (prefixes) conditions.push('EXISTS (SELECT 1 FROM json_each(?) AS p WHERE substr(stream, 1, length(p.value)) = p.value)');
      const order = direction === 'forwards' ? 'ASC' : 'DESC';
      statement = this.db.prepare(`SELECT ${COLUMNS} FROM ledger_events WHERE ${conditions.join(' AND ')} ORDER BY global_position ${order} LIMIT ?`);
      this.readAllStatements.set(key, statement);
    }
    const parameters: unknown[] = [from];
    if (types) parameters.push(JSON.stringify(types));
    if (prefixes) parameters.push(JSON.stringify(prefixes));
    parameters.push(limit);
    return statement.all(...parameters) as EventRow[];
  }

  private run<T>(operation: () => T): T {
    this.assertOpen();
    return translateErrors(operation);
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError(`the store at ${this.file} is closed`);
  }
}

function openDatabase(file: string, busyTimeoutMs: number): Database.Database {
  if (file !== SQLITE_MEMORY) {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
    } catch (error) {
      throw new StoreUnavailableError(`cannot create the directory of ${file}: ${(error as Error).message}`, error);
    }
  }
  const db = new Database(file, { timeout: busyTimeoutMs });
  try {
    if (file !== SQLITE_MEMORY) db.pragma('journal_mode = WAL');
    // FULL: every commit syncs the WAL, so an acknowledged append is on disk.
    db.pragma('synchronous = FULL');
    migrateSqlite(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** SQLite failures become the port's errors; anything unexpected passes through unchanged. */
function translateErrors<T>(operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    if (error instanceof EventStoreError) throw error;
    const code = (error as { code?: unknown }).code;
    const message = (error as Error).message;
    if (typeof code === 'string') {
      if (code === 'SQLITE_CONSTRAINT_UNIQUE' && message.includes('event_id')) {
        throw new InvalidEventError('eventId', 'must be unique: another event already has this id');
      }
      if (/^SQLITE_(BUSY|LOCKED)/.test(code)) throw new StoreUnavailableError(`the database is locked by another process (${code})`, error);
      if (/^SQLITE_(IOERR|CANTOPEN|FULL|READONLY|CORRUPT|NOTADB|PERM|AUTH|NOMEM)/.test(code)) throw new StoreUnavailableError(`${message} (${code})`, error);
    }
    if (error instanceof TypeError && message.includes('database connection is not open')) throw new StoreUnavailableError('the store is closed', error);
    throw error;
  }
}
