/**
 * Checkpoint and views commit together; a point-in-time projection equals the live views at that
 * position. Run against SQLite and PostgreSQL.
 */
import { applyBatch, Projector, projectUntil, type ReadModel, readCheckpoint, rebuild, ViewReader } from '@ledger/projections';
import { dumpReadModel } from '@ledger/projections/testing/dump-read-model';
import { failInsertsOfCase, stopFailing } from './failure-injection';
import { CN, caseWithFacts, FR, investigator, markings, type Scenario, standardWorld } from './scenario';

export function consistencySuite(open: (options: { project: boolean }) => Promise<Scenario>, openScratch: () => Promise<ReadModel>): void {
  let s: Scenario;
  afterEach(async () => {
    await s.close();
  });

  it('rolls a failed batch back entirely: no view row, no state, no checkpoint move', async () => {
    s = await open({ project: false });
    await standardWorld(s);
    await caseWithFacts(s, 'fine');
    await s.append({ type: 'OpenCase', actor: investigator(FR), data: { caseId: 'boom', kind: 'SMUGGLING', title: 'x', summary: 'y', markings: markings() } });
    await caseWithFacts(s, 'after');
    await failInsertsOfCase(s.readModel, 'boom');

    const events = await s.store.readAll();
    const { readModel } = s;
    // better-sqlite3 raises its errors from outside jest's realm: compare the message, not the class.
    const outcome = await readModel.db
      .transaction()
      .execute((trx) => applyBatch(trx, readModel.dialect, events))
      .then(
        () => 'committed',
        (error: unknown) => String(error),
      );
    expect(String(outcome)).toMatch(/injected failure/);
    expect(await readCheckpoint(readModel.db, readModel.dialect)).toBe(0);
    const { projection_checkpoint: checkpoint, ...tables } = await dumpReadModel(readModel);
    expect(checkpoint).toEqual([{ projection: 'views', position: 0 }]);
    for (const [table, rows] of Object.entries(tables)) expect({ table, rows }).toEqual({ table, rows: [] });
  });

  it('resumes from the last committed batch after a failure, applying nothing twice and skipping nothing', async () => {
    s = await open({ project: false });
    await standardWorld(s);
    await caseWithFacts(s, 'fine');
    await s.append({ type: 'ShareCase', actor: investigator(FR), data: { caseId: 'fine', recipientAgencyIds: [CN], agreementId: 'fr-cn', categories: ['VICTIM_IDENTITY'] } });
    const boomAt = await s.append({ type: 'OpenCase', actor: investigator(FR), data: { caseId: 'boom', kind: 'SMUGGLING', title: 'x', summary: 'y', markings: markings() } });
    await caseWithFacts(s, 'after');
    const head = await s.store.headPosition();
    await failInsertsOfCase(s.readModel, 'boom');

    let failures = 0;
    const projector = new Projector({ store: s.store, readModel: s.readModel, maxBatchSize: 7, retryDelayMs: 20, hooks: { onError: () => (failures += 1) } });
    await projector.start();
    try {
      await waitUntil(() => failures >= 3);
      const stuckAt = await readCheckpoint(s.readModel.db, s.readModel.dialect);
      expect(stuckAt).toBeLessThan(boomAt);
      expect(stuckAt).toBeGreaterThanOrEqual(boomAt - 7);
      expect(projector.position()).toBe(stuckAt);
      // The views hold exactly the events up to the checkpoint: the same as projecting only those.
      const asOf = await projectUntil(s.store, { position: stuckAt });
      try {
        expect(await dumpReadModel(s.readModel)).toEqual(await dumpReadModel(asOf.readModel));
      } finally {
        await asOf.readModel.close();
      }
      expect(await s.views.forAgency(FR).case('boom')).toBeNull();

      await stopFailing(s.readModel);
      expect(await projector.waitFor(head, 10_000)).toBe(true);
    } finally {
      await projector.stop();
    }
    expect(await s.views.forAgency(FR).case('boom')).not.toBeNull();
    expect(await s.views.forAgency(CN).case('fine')).not.toBeNull();
    const scratch = await openScratch();
    try {
      await rebuild(s.store, scratch);
      expect(await dumpReadModel(s.readModel)).toEqual(await dumpReadModel(scratch));
    } finally {
      await scratch.close();
    }
  });

  it('projects the views as of a past position or time with the same code', async () => {
    s = await open({ project: true });
    await standardWorld(s);
    await caseWithFacts(s, 'k1');
    const shared = await s.run({ type: 'ShareCase', actor: investigator(FR), data: { caseId: 'k1', recipientAgencyIds: [CN], agreementId: 'fr-cn', categories: ['VICTIM_IDENTITY'] } });
    const revoked = await s.run({ type: 'RevokeShare', actor: investigator(FR), data: { caseId: 'k1', recipientAgencyId: CN, reason: 'done' } });
    expect(await s.views.forAgency(CN).case('k1')).toBeNull();

    const beforeRevoke = await projectUntil(s.store, { position: shared });
    try {
      expect(beforeRevoke.position).toBe(shared);
      const cn = new ViewReader(beforeRevoke.readModel).forAgency(CN, { today: beforeRevoke.today });
      expect((await cn.case('k1'))?.visibleCategories).toEqual(['VICTIM_IDENTITY']);
      expect(beforeRevoke.today).toBe(new Date().toISOString().slice(0, 10));
    } finally {
      await beforeRevoke.readModel.close();
    }

    const [sharedEvent] = await s.store.readAll({ fromPosition: shared, limit: 1 });
    const byTime = await projectUntil(s.store, { time: sharedEvent.recordedAt });
    try {
      // The longest prefix of the log recorded at or before that time.
      const all = await s.store.readAll();
      const firstLater = all.findIndex((event) => Date.parse(event.recordedAt) > Date.parse(sharedEvent.recordedAt));
      const expected = firstLater < 0 ? all[all.length - 1].globalPosition : all[firstLater - 1].globalPosition;
      expect(byTime.position).toBe(expected);
      expect(byTime.position).toBeGreaterThanOrEqual(shared);
      expect(byTime.asOf.toISOString()).toBe(sharedEvent.recordedAt);
      const cnSees = await new ViewReader(byTime.readModel).forAgency(CN, { today: byTime.today }).case('k1');
      expect(cnSees !== null).toBe(byTime.position < revoked);
    } finally {
      await byTime.readModel.close();
    }

    const atHead = await projectUntil(s.store, { position: revoked });
    try {
      expect(await dumpReadModel(atHead.readModel)).toEqual(await dumpReadModel(s.readModel));
    } finally {
      await atHead.readModel.close();
    }
  });
}

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
