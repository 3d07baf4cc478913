import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CHECKPOINT_STREAM,
  CheckpointService,
  LedgerIntegrityError,
  readCheckpointFile,
  verifyLedger,
  writeCheckpointFile,
  type LedgerVerificationResult,
  type SignedCheckpoint,
} from '@ledger/audit';
import { AUDIT_BACKENDS, type LedgerUnderTest } from './support/audit-backends';
import { appendStep, AT_CASE, buildAuditLedger, CLUE, eventAt, forgeNextEvent, FR_CASE, HISTORY, newSigningKey } from './support/audit-ledger';
import { deleteEvent, deleteFrom, flipOnePayloadByte, insertEventRow, openGapAfter, positionOf, rewriteStream, swapPositions } from './support/tamper';

const key = newSigningKey();

for (const backend of AUDIT_BACKENDS) {
  backend.describe(`ledger verification on ${backend.name}`, () => {
    let ledger: LedgerUnderTest;

    beforeAll(() => backend.setup());
    afterAll(() => backend.teardown());
    beforeEach(async () => {
      ledger = await backend.create();
      await buildAuditLedger(ledger.store, key, 5);
    });
    afterEach(() => ledger.close());

    const verify = (trusted: SignedCheckpoint[] = []): Promise<LedgerVerificationResult> =>
      verifyLedger(ledger.store, key.publicKey, { trustedCheckpoints: trusted.map((checkpoint) => ({ checkpoint, source: 'the auditor' })) });

    const latestCheckpoint = async (): Promise<SignedCheckpoint> => {
      const [event] = await ledger.store.readStream(CHECKPOINT_STREAM, { direction: 'backwards', limit: 1 });
      return event.data as SignedCheckpoint;
    };

    it('passes an honest ledger, counting events, streams and checkpoints, and reports progress to the head', async () => {
      const calls: Array<[number, number]> = [];
      const result = await verifyLedger(ledger.store, key.publicKey, { onProgress: (done, total) => calls.push([done, total]), pageSize: 7 });
      const historyEvents = HISTORY.reduce((n, step) => n + step.events.length, 0);
      expect(result.ok).toBe(true);
      expect(result.firstProblem).toBeNull();
      expect(result.eventCount).toBe(historyEvents + result.checkpointCount);
      expect(result.checkpointCount).toBeGreaterThanOrEqual(4);
      expect(result.streamCount).toBe(8); // 7 ledger streams and the checkpoint stream
      expect(result.eventsAfterLatestCheckpoint).toBe(1); // the latest checkpoint's own event
      const head = await ledger.store.headPosition();
      expect(calls[calls.length - 1]).toEqual([head, head]);
      expect(calls.length).toBeGreaterThan(3);
    });

    it('names a payload in which one byte was changed', async () => {
      await flipOnePayloadByte(ledger, await positionOf(ledger, FR_CASE, 1), 'o', '0');
      const result = await verify();
      expect(result.ok).toBe(false);
      expect(result.firstProblem).toMatchObject({ kind: 'CONTENT_ALTERED', stream: FR_CASE, revision: 1 });
      expect(result.problemCount).toBe(1);
    });

    it('names a deleted event by the revision missing from its stream', async () => {
      await deleteEvent(ledger, await positionOf(ledger, FR_CASE, 1));
      const result = await verify();
      expect(result.firstProblem).toMatchObject({ kind: 'EVENT_MISSING', stream: FR_CASE, revision: 1 });
      // The checkpoints signed after it no longer count the same number of events.
      expect(result.problems.map((p) => p.kind)).toContain('CHECKPOINT_TREE_SIZE_MISMATCH');
    });

    it('catches a deleted last event of a stream through the next checkpoint', async () => {
      const position = await positionOf(ledger, AT_CASE, 1);
      await deleteEvent(ledger, position);
      const result = await verify();
      expect(result.firstProblem).toMatchObject({ kind: 'CHECKPOINT_TREE_SIZE_MISMATCH', stream: CHECKPOINT_STREAM });
      expect(result.firstProblem!.message).toMatch(/1 event\(s\) were removed/);
      expect(result.problems.every((p) => p.kind.startsWith('CHECKPOINT'))).toBe(true);
    });

    it('names two swapped events of one stream', async () => {
      await swapPositions(ledger, await positionOf(ledger, FR_CASE, 1), await positionOf(ledger, FR_CASE, 2));
      const result = await verify();
      expect(result.firstProblem).toMatchObject({ kind: 'EVENTS_REORDERED', stream: FR_CASE, revision: 1 });
      expect(result.problems.filter((p) => p.stream === FR_CASE)).toHaveLength(1);
    });

    it('catches two swapped events of different streams through the checkpoint root', async () => {
      // Neighbours in the log from different streams: each stream's own order is unchanged.
      await swapPositions(ledger, await positionOf(ledger, FR_CASE, 2), await positionOf(ledger, AT_CASE, 0));
      const result = await verify();
      expect(result.firstProblem).toMatchObject({ kind: 'CHECKPOINT_ROOT_MISMATCH', stream: CHECKPOINT_STREAM });
    });

    it('names a forged event whose hash does not match its content', async () => {
      const last = await eventAt(ledger.store, CLUE, 2);
      await insertEventRow(ledger, (await ledger.store.headPosition()) + 1, { ...forgeNextEvent(last, 'ClueDeclined', { clueId: 'fr-cn-01', recipientAgencyId: 'cn-mps-ocht', reason: 'none' }), hash: last.hash });
      const result = await verify();
      expect(result.firstProblem).toMatchObject({ kind: 'CONTENT_ALTERED', stream: CLUE, revision: 3 });
    });

    it('names a forged event whose stored hash is not even a hash, without stopping', async () => {
      const last = await eventAt(ledger.store, CLUE, 2);
      await insertEventRow(ledger, (await ledger.store.headPosition()) + 1, { ...forgeNextEvent(last, 'ClueDeclined', { clueId: 'fr-cn-01', recipientAgencyId: 'cn-mps-ocht', reason: 'none' }), hash: 'forged' });
      const result = await verify();
      expect(result.firstProblem).toMatchObject({ kind: 'CONTENT_ALTERED', stream: CLUE, revision: 3 });
      expect(result.eventCount).toBe((await ledger.store.readAll()).length);
    });

    it('catches a forged event with a valid chain slipped in before a checkpoint', async () => {
      const last = await eventAt(ledger.store, AT_CASE, 1);
      await openGapAfter(ledger, last.globalPosition);
      await insertEventRow(ledger, last.globalPosition + 1, forgeNextEvent(last, 'CaseClosed', { caseId: 'at-007', reason: 'closed by a forger' }));
      const result = await verify();
      expect(result.firstProblem).toMatchObject({ kind: 'CHECKPOINT_ROOT_MISMATCH', stream: CHECKPOINT_STREAM });
      expect(result.problems.every((p) => p.kind.startsWith('CHECKPOINT'))).toBe(true);
    });

    it('catches a payload change whose chain was recomputed, because nobody could re-sign the checkpoints', async () => {
      await rewriteStream(ledger, FR_CASE, 1, (data) => ({ ...data, fullName: { category: 'SUSPECT_IDENTITY', value: 'Someone Else' } }));
      const result = await verify();
      expect(result.firstProblem).toMatchObject({ kind: 'CHECKPOINT_ROOT_MISMATCH', stream: CHECKPOINT_STREAM });
      expect(result.problems.some((p) => p.stream === FR_CASE)).toBe(false);
    });

    it('names a checkpoint whose signed root was replaced without re-signing', async () => {
      await rewriteStream(ledger, CHECKPOINT_STREAM, 1, (data) => ({ ...data, rootHash: 'ab'.repeat(32) }));
      const result = await verify();
      expect(result.firstProblem).toMatchObject({ kind: 'CHECKPOINT_SIGNATURE_INVALID', stream: CHECKPOINT_STREAM, revision: 1 });
    });

    it('names a checkpoint signed by a key the auditor does not trust', async () => {
      const impostor = new CheckpointService(ledger.store, newSigningKey(), { interval: 5 });
      await impostor.checkpointNow();
      const result = await verify();
      expect(result.firstProblem).toMatchObject({ kind: 'CHECKPOINT_UNKNOWN_KEY', stream: CHECKPOINT_STREAM });
    });

    it('catches a truncated tail only against a checkpoint the auditor kept, and names it', async () => {
      const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-trusted-'));
      const file = path.join(directory, 'checkpoint.json');
      writeCheckpointFile(file, await latestCheckpoint());
      const trusted = readCheckpointFile(file);
      fs.rmSync(directory, { recursive: true });

      // Cut the log right after the agreement: the checkpoints that covered the rest go with it.
      await deleteFrom(ledger, await positionOf(ledger, FR_CASE, 0));
      const alone = await verify();
      expect(alone.ok).toBe(true); // nothing left in the log can tell (documented limitation)
      const result = await verify([trusted]);
      expect(result.firstProblem).toMatchObject({ kind: 'TAIL_TRUNCATED' });
      expect(result.firstProblem!.message).toMatch(new RegExp(`signed ${trusted.treeSize} events`));
    });

    it('catches a truncated and rewritten tail as a fork of the trusted checkpoint', async () => {
      const trusted = await latestCheckpoint();
      await deleteFrom(ledger, await positionOf(ledger, FR_CASE, 0));
      for (let i = 0; i < 25; i += 1) await appendStep(ledger.store, { ...HISTORY[12], stream: `case-rewritten-${i}` });
      expect(await ledger.store.headPosition()).toBeGreaterThan(trusted.treeSize);
      const result = await verify([trusted]);
      expect(result.firstProblem).toMatchObject({ kind: 'TRUSTED_CHECKPOINT_MISMATCH' });
    });

    it('refuses to sign a checkpoint over a broken chain', async () => {
      await flipOnePayloadByte(ledger, await positionOf(ledger, AT_CASE, 0), 'L', 'l');
      const signer = new CheckpointService(ledger.store, key, { interval: 5 });
      const failure = signer.checkpointNow();
      await expect(failure).rejects.toBeInstanceOf(LedgerIntegrityError);
      await expect(failure).rejects.toThrow(new RegExp(`CONTENT_ALTERED at ${AT_CASE} revision 0`));
    });
  });
}
