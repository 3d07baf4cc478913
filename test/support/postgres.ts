import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * PostgreSQL for tests. Every test file works in a database of its own (created here, dropped
 * afterwards), because several test runs share one server. When the server cannot be reached,
 * the PostgreSQL tests are skipped with a notice — or fail, when CI=true.
 */

/** A maintenance connection used to create and drop test databases. */
export const POSTGRES_ADMIN_URL = process.env.LEDGER_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let availability: { available: true } | { available: false; reason: string } | undefined;

/** Whether the server answers; checked once per process, synchronously so describe blocks can depend on it. */
export function postgresAvailability(): { available: true } | { available: false; reason: string } {
  if (availability) return availability;
  const probe = `
    const { Client } = require('pg');
    const client = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
    client.connect().then(() => client.query('SELECT 1')).then(() => client.end()).then(
      () => process.exit(0),
      (error) => { process.stderr.write(String(error && error.message || error)); process.exit(1); });`;
  const result = spawnSync(process.execPath, ['-e', probe, POSTGRES_ADMIN_URL], { cwd: process.cwd(), encoding: 'utf8', timeout: 10_000 });
  availability = result.status === 0 ? { available: true } : { available: false, reason: (result.stderr || result.error?.message || 'no answer').trim() };
  return availability;
}

/**
 * `describe` for tests that need PostgreSQL: runs them when the server answers; otherwise fails
 * with a clear message when CI=true, or skips them with a printed notice.
 */
export function describeWithPostgres(title: string, body: () => void): void {
  const status = postgresAvailability();
  if (status.available) {
    describe(title, body);
    return;
  }
  const where = redact(POSTGRES_ADMIN_URL);
  if (process.env.CI === 'true') {
    describe(title, () => {
      it('needs a reachable PostgreSQL server', () => {
        throw new Error(`PostgreSQL is not reachable at ${where} (${status.reason}). Start it, e.g. pg_ctlcluster --skip-systemctl-redirect 15 main start, or set LEDGER_TEST_POSTGRES_URL.`);
      });
    });
    return;
  }
  console.warn(`notice: skipping "${title}": PostgreSQL is not reachable at ${where} (${status.reason}); with CI=true this fails instead.`);
  describe.skip(title, body);
}

export interface TestDatabase {
  name: string;
  /** Connection URL of the new database. */
  url: string;
  /**
   * Creates a schema in it and returns a URL whose connections use it
   * (`options=-c search_path=<schema>`): a cheap, isolated, empty store per test.
   */
  createSchema(prefix?: string): Promise<string>;
  /** Drops the database, disconnecting whoever is still connected. */
  drop(): Promise<void>;
}

/** Creates an empty database with a unique name (`<prefix>_<time>_<random>`). */
export async function createTestDatabase(prefix = 'ledger_test'): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
  const parsed = new URL(POSTGRES_ADMIN_URL);
  parsed.pathname = `/${name}`;
  const url = parsed.toString();
  let schemaClient: Promise<Client> | undefined;
  return {
    name,
    url,
    async createSchema(schemaPrefix = 'store') {
      schemaClient ??= (async () => {
        const client = new Client({ connectionString: url });
        await client.connect();
        return client;
      })();
      const schema = `${schemaPrefix}_${randomBytes(5).toString('hex')}`;
      await (await schemaClient).query(`CREATE SCHEMA ${schema}`);
      return withSearchPath(url, schema);
    },
    async drop() {
      if (schemaClient) await (await schemaClient).end().catch(() => undefined);
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** Same as `database.createSchema(prefix)`. */
export function createTestSchema(database: TestDatabase, prefix = 'store'): Promise<string> {
  return database.createSchema(prefix);
}

/** The same URL, with connections using `schema` first. */
export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

async function withAdmin<T>(work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
}
