import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { openEventStore, type EventStore } from '@ledger/event-store';
import { createTestDatabase, createTestSchema, describeWithPostgres, type TestDatabase } from '../../support/postgres';

/**
 * The audit tests run on every SQL adapter. Each scenario gets a fresh, empty ledger, and —
 * to play the attacker — raw SQL access to the very table the adapter writes, bypassing the
 * event store port and its append-only guards.
 */
export interface LedgerUnderTest {
  url: string;
  store: EventStore;
  sql: RawSql;
  /** Closes the store and the SQL handle. */
  close(): Promise<void>;
}

/** Direct SQL on `ledger_events`, with `?` placeholders on every backend. */
export interface RawSql {
  run(sql: string, params?: unknown[]): Promise<void>;
  rows<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** What an attacker with database access does first: turns off the UPDATE/DELETE guards. */
  disableGuards(): Promise<void>;
  /** Inserts a raw row (column name → value; backend-specific columns are filled in). */
  insertEvent(row: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

export interface AuditBackend {
  name: 'SQLite' | 'PostgreSQL';
  /** `describe`, or its PostgreSQL-aware variant (fails under CI=true when the server is down). */
  describe(title: string, body: () => void): void;
  setup(): Promise<void>;
  create(): Promise<LedgerUnderTest>;
  teardown(): Promise<void>;
}

export function sqliteBackend(): AuditBackend {
  let root = '';
  let counter = 0;
  return {
    name: 'SQLite',
    describe: (title, body) => describe(title, body),
    async setup() {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-audit-'));
    },
    async create() {
      counter += 1;
      const file = path.join(root, `ledger-${counter}.db`);
      const url = `sqlite:${file}`;
      const store = await openEventStore(url);
      const db = new Database(file);
      const sql: RawSql = {
        async run(text, params = []) {
          db.prepare(text).run(...params);
        },
        async rows<T>(text: string, params: unknown[] = []) {
          return db.prepare(text).all(...params) as T[];
        },
        async disableGuards() {
          db.exec('DROP TRIGGER IF EXISTS ledger_events_no_update; DROP TRIGGER IF EXISTS ledger_events_no_delete;');
        },
        async insertEvent(row) {
          const columns = Object.keys(row);
          db.prepare(`INSERT INTO ledger_events (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...Object.values(row));
        },
        async close() {
          db.close();
        },
      };
      return { url, store, sql, close: async () => (await store.close(), sql.close()) };
    },
    async teardown() {
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

export function postgresBackend(): AuditBackend {
  let database: TestDatabase | undefined;
  const clients: Client[] = [];
  return {
    name: 'PostgreSQL',
    describe: (title, body) => describeWithPostgres(title, body),
    async setup() {
      database = await createTestDatabase('ledger_audit');
    },
    async create() {
      const url = await createTestSchema(database!, 'audit');
      const store = await openEventStore(url);
      const client = new Client({ connectionString: url });
      await client.connect();
      clients.push(client);
      const numbered = (text: string): string => {
        let n = 0;
        return text.replace(/\?/g, () => `$${++n}`);
      };
      // A tampered row leaves a hole in the positions. Readers deliver rows past a hole only once no
      // older transaction is running anywhere on the cluster (other test files' transactions count),
      // so wait for that before verifying, or a verification could see only the log before the hole.
      const settle = async (): Promise<void> => {
        const deadline = Date.now() + 30_000;
        while (Date.now() < deadline) {
          const [row] = (await client.query('SELECT coalesce(max(global_position), 0) AS max FROM ledger_events')).rows as Array<{ max: string | number }>;
          if ((await store.headPosition()) >= Number(row.max)) return;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      };
      const sql: RawSql = {
        async run(text, params = []) {
          await client.query(numbered(text), params);
          await settle();
        },
        async rows<T>(text: string, params: unknown[] = []) {
          return (await client.query(numbered(text), params)).rows as T[];
        },
        async disableGuards() {
          await client.query('ALTER TABLE ledger_events DISABLE TRIGGER USER');
        },
        async insertEvent(row) {
          const columns = Object.keys(row);
          await client.query(
            `INSERT INTO ledger_events (${columns.join(', ')}, transaction_id) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}, pg_current_xact_id())`,
            Object.values(row),
          );
          await settle();
        },
        async close() {
          await client.end();
        },
      };
      return { url, store, sql, close: async () => (await store.close(), sql.close()) };
    },
    async teardown() {
      await database?.drop();
    },
  };
}

export const AUDIT_BACKENDS: AuditBackend[] = [sqliteBackend(), postgresBackend()];
