/**
 * The standalone projector (apps/projector) on PostgreSQL is killed with SIGKILL in the middle of
 * catching up, twice. Each time it is started again it must resume exactly at the checkpoint it
 * committed: its first batch applies exactly the events after the checkpoint (none twice, none
 * skipped), and in the end its views equal a rebuild from the log, with the checkpoint at the head.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { openEventStore, type EventStore } from '@ledger/event-store';
import { openReadModel, readCheckpoint, readModelUrlFor } from '@ledger/projections';
import { writeLedger } from '@ledger/projections/testing/ledger-generator';
import { compareWithRebuild } from '../../apps/soak/src/checks/views-vs-rebuild';
import { LedgerProcess } from '../../apps/soak/src/processes/ledger-process';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '../support/postgres';

/** A projector log line, when it is one (pino JSON). */
function logLine(text: string): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const isBatch = (text: string, test: (toPosition: number) => boolean): boolean => {
  const line = logLine(text);
  return line?.msg === 'batch applied' && typeof line.toPosition === 'number' && test(line.toPosition);
};

describeWithPostgres('standalone projector killed during catch-up (PostgreSQL)', () => {
  let database: TestDatabase;
  let store: EventStore;
  let dataDir: string;
  let head: number;

  beforeAll(async () => {
    database = await createTestDatabase('ledger_test_projector_kill');
    // Durability of commits is not what this test is about; asynchronous commits make the setup fast.
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    await admin.query(`ALTER DATABASE ${database.name} SET synchronous_commit TO off`);
    await admin.end();
    store = await openEventStore(database.url);
    await writeLedger(store, { targetEvents: 3000, seed: 23 });
    head = await store.headPosition();
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-projector-kill-'));
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const startProjector = () =>
    LedgerProcess.start({
      app: 'projector',
      env: {
        LEDGER_DATA_DIR: dataDir,
        LEDGER_EVENT_STORE: database.url,
        LEDGER_PROJECTOR_PORT: '0',
        LEDGER_PROJECTOR_BATCH_SIZE: '20',
        LEDGER_LOG_LEVEL: 'debug',
      },
      keepLines: 100_000,
    });

  const checkpoint = async (): Promise<number> => {
    const readModel = await openReadModel(readModelUrlFor(database.url));
    try {
      return await readCheckpoint(readModel.db, readModel.dialect);
    } finally {
      await readModel.close();
    }
  };

  /** Events stored after `from` up to and including `to` (positions need not be contiguous). */
  const eventsBetween = async (from: number, to: number): Promise<number> => (await store.readAll({ fromPosition: from + 1 })).filter((event) => event.globalPosition <= to).length;

  it('resumes exactly at its checkpoint after each kill and ends with the views of a rebuild', async () => {
    let resumedFrom = 0;
    for (const killAt of [Math.floor(head * 0.25), Math.floor(head * 0.6)]) {
      const projector = startProjector();
      const started = logLine(await projector.waitForLine((text) => logLine(text)?.msg === 'projector started', 60_000, '"projector started"'));
      expect(started?.position).toBe(resumedFrom);
      if (resumedFrom > 0) {
        // The first batch after a restart holds exactly the events after the checkpoint.
        const first = logLine(await projector.waitForLine((text) => isBatch(text, () => true), 60_000, 'first batch'));
        expect(first?.events).toBe(await eventsBetween(resumedFrom, first?.toPosition as number));
      }
      await projector.waitForLine((text) => isBatch(text, (position) => position >= killAt), 90_000, `a batch reaching position ${killAt}`);
      expect((await projector.kill()).signal).toBe('SIGKILL');

      const committed = await checkpoint();
      expect(committed).toBeGreaterThanOrEqual(killAt);
      expect(committed).toBeLessThan(head);
      expect(committed).toBeGreaterThan(resumedFrom);
      resumedFrom = committed;
    }

    const last = startProjector();
    const started = logLine(await last.waitForLine((text) => logLine(text)?.msg === 'projector started', 60_000, '"projector started"'));
    expect(started?.position).toBe(resumedFrom);
    const first = logLine(await last.waitForLine((text) => isBatch(text, () => true), 60_000, 'first batch'));
    expect(first?.events).toBe(await eventsBetween(resumedFrom, first?.toPosition as number));
    await last.waitForLine((text) => isBatch(text, (position) => position >= head), 90_000, `a batch reaching the head ${head}`);
    expect((await last.stop()).code).toBe(0);

    expect(await checkpoint()).toBe(head);
    const live = await openReadModel(readModelUrlFor(database.url));
    try {
      const scratch = new URL(database.url);
      scratch.searchParams.set('schema', 'rebuilt_views');
      const comparison = await compareWithRebuild(store, live, scratch.toString());
      expect(comparison.position).toBe(head);
      expect(comparison.tables.filter((table) => table.differingRows > 0)).toEqual([]);
      expect(comparison.equal).toBe(true);
      expect(comparison.tables.find((table) => table.table === 'view_cases')?.liveRows).toBeGreaterThan(100);
    } finally {
      await live.close();
    }
  }, 180_000);
});
