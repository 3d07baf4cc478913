/**
 * Opens the read-model database: SQLite (embedded default, its own file beside the event store)
 * or PostgreSQL (the event store's database, in its own schema). Migrations run on open.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Pool } from 'pg';
import { MIGRATION_LOCK_TABLE, MIGRATION_TABLE, readModelMigrations } from './migrations';
import type { ReadModelTables } from './tables';

export type ReadModelDialect = 'sqlite' | 'postgres';

export interface ReadModel {
  readonly dialect: ReadModelDialect;
  /** Where the read model lives, without credentials (for logs). */
  readonly location: string;
  /** The connection the projector writes through. */
  readonly db: Kysely<ReadModelTables>;
  /** The connection readers query through (a second SQLite connection, so reads do not wait for a batch). */
  readonly queryDb: Kysely<ReadModelTables>;
  /** Drops every read-model table and creates them again, empty. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_PG_SCHEMA = 'views';
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens (creating and migrating as needed) the read model at `url`:
 * - `sqlite:<path>` or `sqlite::memory:` (a throw-away in-memory database);
 * - `postgres://…` or `postgresql://…`, with an optional `?schema=<name>` (default `views`).
 */
export async function openReadModel(url: string): Promise<ReadModel> {
  const parsed = parseReadModelUrl(url);
  const model = parsed.dialect === 'sqlite' ? openSqlite(parsed.path) : openPostgres(parsed.connectionString, parsed.schema);
  try {
    await model.migrate();
  } catch (error) {
    await model.close();
    throw error;
  }
  return model;
}

export type ParsedReadModelUrl = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; connectionString: string; schema: string };

export function parseReadModelUrl(url: string): ParsedReadModelUrl {
  if (typeof url !== 'string' || url.trim() === '') throw new Error('read model url must be a non-empty string (sqlite:<path> or postgres://…)');
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/|\.)/, '');
    if (path === '') throw new Error(`read model url ${url}: sqlite: needs a file path or :memory:`);
    return { dialect: 'sqlite', path };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? DEFAULT_PG_SCHEMA;
    if (!SCHEMA_NAME.test(schema)) throw new Error(`read model url: schema ${JSON.stringify(schema)} must match ${SCHEMA_NAME}`);
    parsed.searchParams.delete('schema');
    return { dialect: 'postgres', connectionString: parsed.toString(), schema };
  }
  throw new Error(`read model url ${redact(url)}: must start with sqlite: or postgres://`);
}

/**
 * Where the read model of an event store lives by default: beside a SQLite store, in a `views.db`
 * file of the same directory; inside a PostgreSQL store's database, in schema `views`; for any
 * other store (EventStoreDB), in `./data/views.db`.
 */
export function readModelUrlFor(eventStoreUrl: string): string {
  if (eventStoreUrl.startsWith('postgres://') || eventStoreUrl.startsWith('postgresql://')) {
    const parsed = new URL(eventStoreUrl);
    for (const key of [...parsed.searchParams.keys()]) parsed.searchParams.delete(key);
    parsed.searchParams.set('schema', DEFAULT_PG_SCHEMA);
    return parsed.toString();
  }
  const sqlitePath = sqliteStorePath(eventStoreUrl);
  if (sqlitePath === ':memory:') return 'sqlite::memory:';
  if (sqlitePath !== null) return `sqlite:${join(dirname(sqlitePath), 'views.db')}`;
  return `sqlite:${join('data', 'views.db')}`;
}

function sqliteStorePath(url: string): string | null {
  const withoutQuery = url.split('?')[0];
  if (withoutQuery.startsWith('sqlite:')) return withoutQuery.slice('sqlite:'.length).replace(/^\/\/(?=\/|\.)/, '') || null;
  if (withoutQuery.startsWith('file:')) return withoutQuery.slice('file:'.length).replace(/^\/\/(?=\/)/, '') || null;
  if (/\.(db|sqlite|sqlite3)$/.test(withoutQuery)) return withoutQuery;
  return null;
}

interface OpenedModel extends ReadModel {
  migrate(): Promise<void>;
}

function openSqlite(path: string): OpenedModel {
  const inMemory = path === ':memory:';
  const file = inMemory ? path : resolve(path);
  if (!inMemory) mkdirSync(dirname(file), { recursive: true });
  const writer = new Database(file);
  configureSqlite(writer);
  const db = new Kysely<ReadModelTables>({ dialect: new SqliteDialect({ database: withStatementCache(writer) }) });
  let reader: Kysely<ReadModelTables> | undefined;
  let readerConnection: Database.Database | undefined;
  const migrate = async (): Promise<void> => {
    await runMigrations(db, undefined);
    if (!inMemory && !reader) {
      readerConnection = new Database(file, { readonly: true, fileMustExist: true });
      readerConnection.pragma('busy_timeout = 5000');
      reader = new Kysely<ReadModelTables>({ dialect: new SqliteDialect({ database: withStatementCache(readerConnection) }) });
    }
  };
  return {
    dialect: 'sqlite',
    location: inMemory ? 'sqlite::memory:' : `sqlite:${file}`,
    db,
    get queryDb() {
      return reader ?? db;
    },
    migrate,
    async reset() {
      const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
      for (const table of tables) await db.schema.dropTable(table.name).ifExists().execute();
      await runMigrations(db, undefined);
    },
    async close() {
      if (reader) await reader.destroy();
      await db.destroy();
    },
  };
}

function configureSqlite(connection: Database.Database): void {
  // WAL lets readers proceed during a projector batch. NORMAL sync keeps every commit atomic and
  // consistent; a power cut may lose the last commits, which the projector re-applies from its checkpoint.
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('busy_timeout = 5000');
  // Views are rewritten in bulk: a larger page cache keeps the indexes of big tables in memory.
  connection.pragma('cache_size = -65536');
}

const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely prepares every query anew; the projector and the readers repeat a few hundred query
 * shapes, so prepared statements are kept (least recently used out). Kysely runs one query at a
 * time per connection, so a cached statement is never used by two queries at once.
 */
function withStatementCache(connection: Database.Database): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const prepare = (source: string): Database.Statement => {
    const cached = cache.get(source);
    if (cached) {
      cache.delete(source);
      cache.set(source, cached);
      return cached;
    }
    const statement = connection.prepare(source);
    cache.set(source, statement);
    if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    return statement;
  };
  return new Proxy(connection, {
    get(target, property, receiver) {
      if (property === 'prepare') return prepare;
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function openPostgres(connectionString: string, schema: string): OpenedModel {
  // Timeouts so that an unreachable database fails requests fast instead of hanging them.
  const pool = new Pool({ connectionString, max: 6, connectionTimeoutMillis: 3000, query_timeout: 30_000, keepAlive: true, application_name: 'liaison-ledger-views' });
  // A pool error on an idle client, or on a client whose connection dies while checked out, must
  // not crash the process; the query in flight reports the failure.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const base = new Kysely<ReadModelTables>({ dialect: new PostgresDialect({ pool }) });
  const db = base.withSchema(schema);
  const location = `${redact(connectionString)} (schema ${schema})`;
  const withMigrationLock = async (work: (connection: Kysely<ReadModelTables>) => Promise<void>): Promise<void> => {
    // Several processes (API, projector, CLI) may open the same read model at once.
    await base.connection().execute(async (connection) => {
      await sql`select pg_advisory_lock(hashtext(${`ledger-read-model:${schema}`}))`.execute(connection);
      try {
        await work(connection.withSchema(schema));
      } finally {
        await sql`select pg_advisory_unlock(hashtext(${`ledger-read-model:${schema}`}))`.execute(connection);
      }
    });
  };
  return {
    dialect: 'postgres',
    location,
    db,
    queryDb: db,
    migrate: () =>
      withMigrationLock(async (connection) => {
        await sql`create schema if not exists ${sql.id(schema)}`.execute(connection);
        await runMigrations(connection, schema);
      }),
    reset: () =>
      withMigrationLock(async (connection) => {
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(connection);
        await sql`create schema ${sql.id(schema)}`.execute(connection);
        await runMigrations(connection, schema);
      }),
    async close() {
      await base.destroy();
    },
  };
}

async function runMigrations(db: Kysely<ReadModelTables>, schema: string | undefined): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: readModelMigrations,
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(`read model migration ${failed ? failed.migrationName : ''} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}
