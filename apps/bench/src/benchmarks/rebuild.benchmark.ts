import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { openSqliteEventStore, type EventStore } from '@ledger/event-store';
import { openReadModel, type ReadModel, REBUILD_PAGE_SIZE, rebuild } from '@ledger/projections';
import { writeLedger } from '@ledger/projections/testing/ledger-generator';
import { measureAlternating } from '../measure';
import { type BenchContext, defineBenchmark } from '../registry';

/**
 * `rebuild` (drop every view table, project the whole log again) of a generated, realistic
 * 100,000-event ledger — agencies, agreements, cases with facts, shares and revocations, clues
 * through their lifecycle, a few mandate changes and suspensions — in events/s, into the embedded
 * SQLite read model and (when a server answers) a PostgreSQL one. Ceiling, in the same run: reading
 * the same events page by page without projecting them.
 *
 * The ledger and the SQLite views live in a memory-backed directory when the machine has one, so
 * that generating 100,000 fsync'd appends does not dominate the run; what is measured is projection.
 */
export const benchmark = defineBenchmark({
  name: 'rebuild',
  description: 'events/s rebuilding every agency view from a generated ledger vs reading the same events without projecting',
  async run(context) {
    const target = readEventCount();
    const dir = memoryBackedDir(context.scratchDir);
    const store = openSqliteEventStore(path.join(dir, 'ledger.db'));
    const readModels: Array<{ name: string; model: ReadModel; dispose: () => Promise<void> }> = [];
    try {
      const generating = context.progress('generating the ledger', target);
      const written = await writeLedger(store, { targetEvents: target, seed: 42 }, (progress) => generating.update(progress.events));
      generating.update(written.events);
      generating.stop();
      context.note(`ledger: ${Object.entries(written.summary).map(([type, count]) => `${type} ${count}`).join(', ')}`);

      const sqlite = await openReadModel(`sqlite:${path.join(dir, 'views.db')}`);
      readModels.push({ name: 'sqlite', model: sqlite, dispose: () => sqlite.close() });
      const postgres = await postgresReadModel(context);
      if (postgres) readModels.push(postgres);

      const total = written.events;
      const rounds = 2;
      const bar = context.progress('measuring (passes)', (1 + readModels.length) * rounds);
      const readPass = async (): Promise<void> => {
        const read = await readEverything(store);
        if (read !== total) throw new Error(`read ${read} events, expected ${total}`);
        bar.increment();
      };
      const rebuildPass = (model: ReadModel) => async (): Promise<void> => {
        const result = await rebuild(store, model);
        if (result.events !== total || result.skipped.length > 0) throw new Error(`rebuild applied ${result.events} of ${total} events, skipped ${result.skipped.length}`);
        bar.increment();
      };
      // The passes take turns (read, rebuild, read, rebuild…) so a disturbance hits them alike.
      const [readRate, ...rebuildRates] = await measureAlternating([readPass, ...readModels.map(({ model }) => rebuildPass(model))], total, { warmupMs: 0, rounds, roundMs: 1 });
      bar.stop();

      const ledger = `${total.toLocaleString('en-US')} generated events`;
      context.record({ scenario: 'rebuild', variant: `${ledger}, reading only (no projection)`, metric: 'throughput', value: readRate, unit: 'events/s', ceiling: readRate });
      readModels.forEach(({ name }, index) => {
        context.record({ scenario: 'rebuild', variant: `${ledger}, views in ${name}`, metric: 'throughput', value: rebuildRates[index], unit: 'events/s', ceiling: readRate });
      });
      context.note(`read ${Math.round(readRate)} events/s; rebuild ${readModels.map(({ name }, i) => `${name} ${Math.round(rebuildRates[i])}`).join(', ')} events/s`);
    } finally {
      for (const { dispose } of readModels) await dispose();
      await store.close();
      if (dir !== context.scratchDir) rmSync(dir, { recursive: true, force: true });
    }
  },
});

const DEFAULT_EVENTS = 100_000;

/** LEDGER_BENCH_REBUILD_EVENTS overrides the ledger size (for a quick run). */
function readEventCount(): number {
  const raw = process.env.LEDGER_BENCH_REBUILD_EVENTS;
  if (raw === undefined || raw === '') return DEFAULT_EVENTS;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 500) throw new Error(`LEDGER_BENCH_REBUILD_EVENTS must be a whole number ≥ 500 (got ${JSON.stringify(raw)})`);
  return value;
}

/** The whole log, page by page, as `rebuild` reads it. */
async function readEverything(store: EventStore): Promise<number> {
  let read = 0;
  for (let from = 1; ; ) {
    const page = await store.readAll({ fromPosition: from, limit: REBUILD_PAGE_SIZE });
    if (page.length === 0) return read;
    read += page.length;
    from = page[page.length - 1].globalPosition + 1;
  }
}

function memoryBackedDir(fallback: string): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return mkdtempSync('/dev/shm/ledger-bench-rebuild-');
  } catch {
    return fallback;
  }
}

/** A read model in a throw-away PostgreSQL database, or undefined when no server is usable. */
async function postgresReadModel(context: BenchContext): Promise<{ name: string; model: ReadModel; dispose: () => Promise<void> } | undefined> {
  const adminUrl = process.env.LEDGER_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = `ledger_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
  } catch (error) {
    context.note(`PostgreSQL at ${adminUrl.replace(/\/\/[^@]*@/, '//')} is not usable (${(error as Error).message}); skipping the postgres variant`);
    return undefined;
  } finally {
    await admin.end().catch(() => undefined);
  }
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  url.searchParams.set('schema', 'views');
  const model = await openReadModel(url.toString());
  return {
    name: 'postgres',
    model,
    async dispose() {
      await model.close();
      const cleanup = new Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
