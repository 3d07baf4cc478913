import { buildLedgerTree, CHECKPOINT_STREAM, CheckpointService, recordedCheckpointOf, verifyLedger, type RecordedCheckpoint } from '@ledger/audit';
import type { EventStore } from '@ledger/event-store';
import { AUDIT_BACKENDS, type LedgerUnderTest } from './support/audit-backends';
import { appendStep, buildAuditLedger, HISTORY, newSigningKey } from './support/audit-ledger';

const key = newSigningKey();

async function checkpointsOf(store: EventStore): Promise<RecordedCheckpoint[]> {
  return (await store.readStream(CHECKPOINT_STREAM)).map(recordedCheckpointOf);
}

/** Waits (bounded) until the checkpoint stream holds `count` events. */
async function waitForCheckpoints(store: EventStore, count: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while ((await store.readStream(CHECKPOINT_STREAM)).length < count) {
    if (Date.now() > deadline) throw new Error(`fewer than ${count} checkpoints after 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

for (const backend of AUDIT_BACKENDS) {
  backend.describe(`checkpoint service on ${backend.name}`, () => {
    let ledger: LedgerUnderTest;

    beforeAll(() => backend.setup());
    afterAll(() => backend.teardown());
    beforeEach(async () => {
      ledger = await backend.create();
    });
    afterEach(() => ledger.close());

    it('signs every N events a root equal to the Merkle tree recomputed from the log', async () => {
      await buildAuditLedger(ledger.store, key, 5);
      const checkpoints = await checkpointsOf(ledger.store);
      const { tree, positions } = await buildLedgerTree(ledger.store);
      expect(checkpoints.length).toBeGreaterThanOrEqual(4);
      checkpoints.forEach((checkpoint, i) => {
        const gap = checkpoint.treeSize - (i === 0 ? 0 : checkpoints[i - 1].treeSize);
        // Each append adds one or two events, so a checkpoint falls due after 5 or 6; the last is on demand.
        if (i < checkpoints.length - 1) expect([5, 6]).toContain(gap);
        expect(positions.countAtOrBelow(checkpoint.position)).toBe(checkpoint.treeSize);
        expect(tree.root(checkpoint.treeSize).toString('hex')).toBe(checkpoint.rootHash);
        expect(checkpoint.publicKeyFingerprint).toBe(key.fingerprint);
      });
    });

    it('follows the log through its own subscription until stopped', async () => {
      const signer = new CheckpointService(ledger.store, key, { interval: 4 });
      signer.start();
      try {
        for (const step of HISTORY.slice(0, 10)) await appendStep(ledger.store, step);
        await waitForCheckpoints(ledger.store, 2);
      } finally {
        await signer.stop();
      }
      const checkpoints = await checkpointsOf(ledger.store);
      expect(checkpoints[0].treeSize).toBe(4);
      expect((await verifyLedger(ledger.store, key.publicKey)).ok).toBe(true);
    });

    it('lets two signers race over the same log: the checkpoint is recorded once and both get it', async () => {
      for (const step of HISTORY.slice(0, 6)) await appendStep(ledger.store, step);
      const a = new CheckpointService(ledger.store, key, { interval: 100 });
      const b = new CheckpointService(ledger.store, key, { interval: 100 });
      await Promise.all([a.catchUp(), b.catchUp()]);
      const [first, second] = await Promise.all([a.checkpointNow(), b.checkpointNow()]);
      expect(second).toEqual(first);
      expect(await checkpointsOf(ledger.store)).toHaveLength(1);

      // A signer that is behind — another signed a checkpoint it has not read — loses the append
      // race on the checkpoint stream, reads what it missed, and finds no checkpoint due any more.
      await appendStep(ledger.store, HISTORY[6]);
      const behind = new CheckpointService(ledger.store, key, { interval: 2 });
      await behind.catchUp();
      const seen = await ledger.store.headPosition();
      await appendStep(ledger.store, HISTORY[7]);
      const other = await b.checkpointNow();
      const late = await behind.maybeCheckpoint(seen); // `seen`: it believes nothing new was committed
      expect(late).toBeNull();
      expect(behind.latest).toEqual(other);
      expect(behind.treeSize).toBe(other.treeSize + 1);
      const result = await verifyLedger(ledger.store, key.publicKey);
      expect(result).toMatchObject({ ok: true, checkpointCount: 2 });
    });

    it('resumes after a restart from the latest checkpoint in the log', async () => {
      await buildAuditLedger(ledger.store, key, 5);
      const [last] = (await checkpointsOf(ledger.store)).slice(-1);
      const restarted = new CheckpointService(ledger.store, key, { interval: 5 });
      await restarted.catchUp();
      expect(restarted.latest).toEqual(last);
      expect(await restarted.maybeCheckpoint()).toBeNull(); // only the checkpoint's own event since
      for (const step of HISTORY.slice(0, 4)) await appendStep(ledger.store, step);
      const next = await restarted.maybeCheckpoint(await ledger.store.headPosition());
      expect(next).toMatchObject({ treeSize: last.treeSize + 5 });
    });

    it('refuses an interval that would sign its own checkpoints forever', () => {
      expect(() => new CheckpointService(ledger.store, key, { interval: 1 })).toThrow(/interval must be an integer ≥ 2/);
    });
  });
}
