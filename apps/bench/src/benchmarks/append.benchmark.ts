import { randomBytes, randomUUID } from 'node:crypto';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { type EventStore, type ExpectedRevision, type NewEvent, openPostgresEventStore, openSqliteEventStore } from '@ledger/event-store';
import { migrateSqlite } from '@ledger/event-store/adapters/sqlite/sqlite-schema';
import { defineBenchmark, type BenchContext } from '../registry';
import { measureAlternating } from '../measure';
import { esdbAppendTarget } from './esdb-append-target';

/**
 * Append throughput of each adapter, one event per append and batches of 50, against a ceiling
 * measured in the same run: the raw driver INSERTing equivalent rows (same table, same columns
 * and sizes, same indexes) with the same durability — SQLite WAL + synchronous=FULL with one
 * transaction per append, PostgreSQL one client with one commit per append. The adapter's extra
 * work (checks, idempotency lookup, envelope and hash chain, global order) is what the ratio shows.
 */
export const benchmark = defineBenchmark({
  name: 'append',
  description: 'events/s appended through each event store adapter vs raw driver INSERTs of the same rows',
  async run(context) {
    const targets: Target[] = [sqliteTarget(context)];
    const postgres = await postgresTarget(context);
    if (postgres) targets.push(postgres);
    const eventstoredb = esdbAppendTarget(context);
    if (eventstoredb) targets.push(eventstoredb);
    try {
      const bar = context.progress('measuring', targets.length * BATCH_SIZES.length);
      for (const target of targets) {
        for (const batch of BATCH_SIZES) {
          // Each side has its own streams and revisions: they write to different stores.
          const storeWork = new Workload(batch);
          const rawWork = new Workload(batch);
          const adapter = await target.adapter();
          const ceiling = await target.ceiling(batch);
          try {
            const [viaStore, raw] = await measureAlternating([() => storeWork.appendTo(adapter), () => ceiling.insert(rawWork.rows())], batch);
            const variant = `${target.name}, ${batch} event${batch === 1 ? '' : 's'}/append`;
            context.record({ scenario: 'append', variant, metric: 'throughput', value: viaStore, unit: 'events/s', ceiling: raw });
            context.note(`${variant}: ${Math.round(viaStore)} events/s (raw INSERT ceiling ${Math.round(raw)}, ratio ${(viaStore / raw).toFixed(2)})`);
          } finally {
            await adapter.close();
            await ceiling.close();
          }
          bar.increment();
        }
      }
      bar.stop();
    } finally {
      for (const target of targets) await target.dispose();
    }
  },
});

const BATCH_SIZES = [1, 50];
const STREAMS = 200;

export interface Target {
  name: string;
  /** A fresh, empty store. */
  adapter(): Promise<EventStore>;
  /** A fresh, empty table of the same shape, written by the raw driver. */
  ceiling(batch: number): Promise<RawInserter>;
  dispose(): Promise<void>;
}

export interface RawInserter {
  insert(rows: RawRow[]): Promise<void> | void;
  close(): Promise<void>;
}

/** The columns of one stored event, as the raw baseline writes them. */
export type RawRow = [stream: string, revision: number, eventId: string, type: string, schemaVersion: number, occurredAt: string, recordedAt: string,
  officerId: string, agencyId: string, commandId: string, correlationId: string, causationId: string, data: string, hash: string, previousHash: string];

const COLUMN_LIST = `stream, revision, event_id, type, schema_version, occurred_at, recorded_at, officer_id, agency_id,
  command_id, correlation_id, causation_id, data, hash, previous_hash`;

/**
 * Commands like the application's: a person recorded in a case, ~600 bytes of data, appended to
 * one of 200 streams with the expected revision the caller last saw.
 */
class Workload {
  private readonly revisions = new Map<string, number>();
  private readonly streams = Array.from({ length: STREAMS }, () => `case-${randomUUID()}`);
  private sequence = 0;

  constructor(readonly batch: number) {}

  async appendTo(store: EventStore): Promise<void> {
    const stream = this.nextStream();
    const known = this.revisions.get(stream);
    const expected: ExpectedRevision = known === undefined ? 'no_stream' : known;
    const commandId = randomUUID();
    const events: NewEvent[] = Array.from({ length: this.batch }, () => ({ type: 'PersonRecorded', data: this.data() }));
    const result = await store.append(stream, events, expected, { actor: ACTOR, commandId, correlationId: commandId });
    this.revisions.set(stream, result.nextExpectedRevision);
  }

  rows(): RawRow[] {
    const stream = this.nextStream();
    let revision = this.revisions.get(stream) ?? -1;
    const commandId = randomUUID();
    const now = new Date().toISOString();
    const rows = Array.from({ length: this.batch }, (): RawRow => {
      revision += 1;
      return [stream, revision, randomUUID(), 'PersonRecorded', 1, now, now, ACTOR.officerId, ACTOR.agencyId, commandId, commandId, commandId,
        JSON.stringify(this.data()), FAKE_HASH, FAKE_HASH];
    });
    this.revisions.set(stream, revision);
    return rows;
  }

  private nextStream(): string {
    return this.streams[this.sequence++ % STREAMS];
  }

  private data(): Record<string, unknown> {
    return { ...PERSON, sequence: this.sequence };
  }
}

const ACTOR = { officerId: 'officer-bench-0001', agencyId: 'fr-ocreth' };
const FAKE_HASH = randomBytes(32).toString('hex');
const PERSON = {
  personId: '5d0c2f8e-7f1e-4d2a-9a57-1f0e6f3c2b11',
  role: 'VICTIM',
  identity: { familyName: 'Nguyen', givenNames: 'Thi Lan', dateOfBirth: '1999-04-12', nationality: 'VN', documents: [{ kind: 'PASSPORT', number: 'C1234567', issuer: 'VN' }] },
  categories: ['VICTIM_IDENTITY', 'TRAVEL_ROUTE'],
  marking: { tlp: 'AMBER', handling: ['H1', 'H2'], evaluation: { source: 'B', information: '2' } },
  notes: 'Recruited through a job advertisement for restaurant work; travelled via Moscow and Belgrade with a facilitator.',
};

function sqliteTarget(context: BenchContext): Target {
  let counter = 0;
  const file = (kind: string) => path.join(context.scratchDir, `${kind}-${(counter += 1)}.db`);
  return {
    name: 'sqlite',
    adapter: async () => openSqliteEventStore(file('store')),
    async ceiling() {
      const db = new Database(file('ceiling'));
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      migrateSqlite(db);
      const insert = db.prepare(`INSERT INTO ledger_events (${COLUMN_LIST}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      const transaction = db.transaction((rows: RawRow[]) => {
        for (const row of rows) insert.run(...row);
      });
      return {
        insert: (rows) => transaction.immediate(rows),
        close: async () => {
          db.close();
        },
      };
    },
    dispose: async () => undefined,
  };
}

async function postgresTarget(context: BenchContext): Promise<Target | undefined> {
  const adminUrl = process.env.LEDGER_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = `ledger_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
  } catch (error) {
    context.note(`PostgreSQL at ${adminUrl.replace(/\/\/[^@]*@/, '//')} is not usable (${(error as Error).message}); skipping the postgres variants`);
    await admin.end().catch(() => undefined);
    return undefined;
  }
  await admin.end();
  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${database}`;
  let counter = 0;
  const freshSchema = async (kind: string): Promise<string> => {
    const schema = `${kind}_${(counter += 1)}`;
    const client = new Client({ connectionString: databaseUrl.toString() });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    const url = new URL(databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return url.toString();
  };
  return {
    name: 'postgres',
    adapter: async () => openPostgresEventStore(await freshSchema('store')),
    async ceiling(batch) {
      const url = await freshSchema('ceiling');
      // The same table, made by the adapter's own migration, then written by a plain client.
      await (await openPostgresEventStore(url)).close();
      const client = new Client({ connectionString: url });
      await client.connect();
      const values = Array.from({ length: batch }, (_, row) => {
        const p = (column: number) => `$${row * 15 + column}`;
        return `(nextval('ledger_events_position_seq'), pg_current_xact_id(), ${Array.from({ length: 15 }, (__, c) => p(c + 1)).join(', ')})`;
      });
      const text = `INSERT INTO ledger_events (global_position, transaction_id, ${COLUMN_LIST}) VALUES ${values.join(', ')}`;
      return {
        insert: async (rows) => {
          await client.query({ name: 'raw_insert', text, values: rows.flat() });
        },
        close: () => client.end(),
      };
    },
    async dispose() {
      const cleanup = new Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
