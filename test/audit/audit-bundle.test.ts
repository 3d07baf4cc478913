import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  BundleExportError,
  buildLedgerTree,
  CHECKPOINT_STREAM,
  CheckpointService,
  consistencyProofBetween,
  doesCheckpointExtend,
  inclusionProofFor,
  isEventIncluded,
  recordedCheckpointOf,
  trustedKeys,
  verifyBundle,
  verifyBundleText,
  verifyLedger,
} from '@ledger/audit';
import { computeEventHash } from '@ledger/event-store';
import { AUDIT_BACKENDS, type LedgerUnderTest } from './support/audit-backends';
import { AGREEMENT, AT, AT_CASE, buildAuditLedger, CLUE, CN, eventAt, forgeNextEvent, FR, FR_CASE, newSigningKey } from './support/audit-ledger';
import { exportLines, joinLines, parse } from './support/bundle-text';
import { rewriteStream } from './support/tamper';

const key = newSigningKey();
const keys = trustedKeys(key.publicKey);

const streamsOf = (lines: string[]): string[] => [...new Set(lines.map(parse).filter((l) => l.record === 'event').map((l) => l.event.stream as string))].sort();

for (const backend of AUDIT_BACKENDS) {
  backend.describe(`audit bundles on ${backend.name}`, () => {
    let ledger: LedgerUnderTest;
    let fr: string[];

    beforeAll(async () => {
      await backend.setup();
      ledger = await backend.create();
      await buildAuditLedger(ledger.store, key, 5);
      fr = await exportLines(ledger.store, { agencyId: FR }, key);
    });
    afterAll(async () => {
      await ledger.close();
      await backend.teardown();
    });

    it('holds exactly the streams an agency took part in, as decided from the events', async () => {
      expect(streamsOf(fr)).toEqual([`agency-${FR}`, AGREEMENT, FR_CASE, CLUE].sort());
      // The recipient of the share and of the clue; never the third agency's case.
      expect(streamsOf(await exportLines(ledger.store, { agencyId: CN }, key))).toEqual([`agency-${CN}`, AGREEMENT, FR_CASE, CLUE].sort());
      expect(streamsOf(await exportLines(ledger.store, { agencyId: AT }, key))).toEqual([`agency-${AT}`, AT_CASE].sort());
    });

    it('verifies offline: header, every event with its proof, the earlier checkpoints, a sealed trailer', async () => {
      const lines = fr.map(parse);
      expect(lines[0]).toMatchObject({ record: 'header', format: 'liaison-ledger-audit-bundle', formatVersion: 1, publicKeyFingerprint: key.fingerprint });
      expect(lines[lines.length - 1]).toMatchObject({ record: 'trailer', eventCount: lines.filter((l) => l.record === 'event').length });
      expect(lines.filter((l) => l.record === 'checkpoint').length).toBeGreaterThanOrEqual(3);
      const result = verifyBundleText(joinLines(fr), { publicKey: key.publicKey });
      expect(result).toMatchObject({ ok: true, sealed: true, keyCompared: true, firstProblem: null });
      expect(result.eventCount).toBe(lines.filter((l) => l.record === 'event').length);

      // And from a file, as the CLI reads it.
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bundle-')), 'fr.jsonl');
      fs.writeFileSync(file, joinLines(fr));
      expect((await verifyBundle(file, { publicKey: key.publicKey })).ok).toBe(true);
      fs.rmSync(path.dirname(file), { recursive: true });
    });

    it('fails, naming the line and the event, when any single line is edited', () => {
      fr.forEach((line, index) => {
        // Change one character inside the line's last string value, whatever the record.
        const at = line.lastIndexOf('"', line.lastIndexOf('"') - 1) + 1;
        const edited = [...fr];
        edited[index] = line.slice(0, at) + (line[at] === 'x' ? 'y' : 'x') + line.slice(at + 1);
        const result = verifyBundleText(joinLines(edited), { publicKey: key.publicKey });
        expect(result.ok).toBe(false);
        expect(result.firstProblem!.line).toBe(index + 1);
        expect(result.firstProblem!.message).toMatch(new RegExp(`^line ${index + 1}: `));
        const original = parse(line);
        if (original.record === 'event') expect(result.firstProblem).toMatchObject({ stream: original.event.stream, revision: original.event.revision });
      });
    });

    it('names the event whose payload was edited, even when its hash was recomputed to match', () => {
      const index = fr.findIndex((line) => parse(line).event?.stream === FR_CASE && parse(line).event.revision === 1);
      const line = parse(fr[index]);
      line.event.data.fullName.value = 'Someone Else';
      const careless = [...fr];
      careless[index] = JSON.stringify(line);
      expect(verifyBundleText(joinLines(careless), { publicKey: key.publicKey }).firstProblem).toMatchObject({
        line: index + 1,
        stream: FR_CASE,
        revision: 1,
        message: expect.stringMatching(/stored hash does not match the event content/),
      });
      line.event.hash = computeEventHash(line.event);
      const careful = [...fr];
      careful[index] = JSON.stringify(line);
      // Unsealed, so only the evidence itself can speak: the inclusion proof no longer reaches the signed root.
      const trailer = parse(careful[careful.length - 1]);
      delete trailer.lineDigests;
      delete trailer.signature;
      careful[careful.length - 1] = JSON.stringify(trailer);
      expect(verifyBundleText(joinLines(careful), { publicKey: key.publicKey, allowUnsealed: true }).firstProblem).toMatchObject({
        line: index + 1,
        stream: FR_CASE,
        revision: 1,
        message: expect.stringMatching(/inclusion proof does not lead to the signed root/),
      });
    });

    it('names a removed event line by the gap it leaves in its stream', () => {
      const index = fr.findIndex((line) => parse(line).event?.stream === FR_CASE && parse(line).event.revision === 1);
      const removed = [...fr.slice(0, index), ...fr.slice(index + 1)];
      const result = verifyBundleText(joinLines(removed), { publicKey: key.publicKey, allowUnsealed: true });
      expect(result.ok).toBe(false);
      expect(result.problems.some((p) => p.stream === FR_CASE && /revision 2 follows 0/.test(p.message))).toBe(true);
    });

    it('rejects a bundle signed with another key than the ledger key the auditor holds', () => {
      const result = verifyBundleText(joinLines(fr), { publicKey: newSigningKey().publicKey });
      expect(result.firstProblem).toMatchObject({ line: 1, message: expect.stringMatching(/not with the ledger key/) });
    });

    it('rejects an inclusion proof for an event that is not in the log', async () => {
      const last = await eventAt(ledger.store, CLUE, 2);
      // A replacement for revision 2 with a valid link to revision 1 and a correct hash: only the proof can tell.
      const forged = { ...forgeNextEvent(await eventAt(ledger.store, CLUE, 1), 'ClueDeclined', { clueId: 'fr-cn-01', recipientAgencyId: CN, reason: 'forged' }), globalPosition: last.globalPosition };
      const event = { ...forged, hash: computeEventHash(forged) };
      const index = fr.findIndex((line) => parse(line).event?.eventId === last.eventId);
      const line = parse(fr[index]);
      // The forged event takes the real one's place and proof.
      const swapped = [...fr.slice(0, index), JSON.stringify({ ...line, event }), ...fr.slice(index + 1)];
      const result = verifyBundleText(joinLines(swapped), { publicKey: key.publicKey, allowUnsealed: true });
      expect(result.problems.find((p) => p.line === index + 1)?.message).toMatch(/inclusion proof does not lead to the signed root/);

      // The same at the library level: a real event is included, the forged one is not.
      const tree = await buildLedgerTree(ledger.store);
      const [checkpointEvent] = await ledger.store.readStream(CHECKPOINT_STREAM, { direction: 'backwards', limit: 1 });
      const checkpoint = recordedCheckpointOf(checkpointEvent);
      const proof = inclusionProofFor(tree, last.globalPosition, checkpoint);
      expect(isEventIncluded(last.hash, proof, checkpoint, keys)).toBe(true);
      expect(isEventIncluded(event.hash, proof, checkpoint, keys)).toBe(false);
      expect(() => inclusionProofFor(tree, checkpointEvent.globalPosition, checkpoint)).toThrow(/after the checkpoint/);
    });

    it('proves each honest checkpoint extends the previous one, and fails on a forked log', async () => {
      const checkpoints = (await ledger.store.readStream(CHECKPOINT_STREAM)).map(recordedCheckpointOf);
      const tree = await buildLedgerTree(ledger.store);
      for (let i = 1; i < checkpoints.length; i += 1) {
        for (let j = 0; j < i; j += 1) expect(doesCheckpointExtend(checkpoints[j], checkpoints[i], consistencyProofBetween(tree, checkpoints[j], checkpoints[i]), keys)).toBe(true);
      }
      // A proof for the wrong pair does not pass.
      expect(doesCheckpointExtend(checkpoints[1], checkpoints[3], consistencyProofBetween(tree, checkpoints[0], checkpoints[3]), keys)).toBe(false);

      // The fork: the key holder rewrites history (a valid chain) and signs the rewritten log.
      const fork = await backend.create();
      try {
        await buildAuditLedger(fork.store, key, 5);
        // An old checkpoint that covers the case the forger is about to rewrite.
        const opened = await eventAt(fork.store, FR_CASE, 0);
        const old = (await fork.store.readStream(CHECKPOINT_STREAM)).map(recordedCheckpointOf).find((c) => c.position >= opened.globalPosition)!;
        await rewriteStream(fork, FR_CASE, 0, (data) => ({ ...data, title: 'A different story' }));
        const forged = await new CheckpointService(fork.store, key, { interval: 5 }).checkpointNow();
        const forkTree = await buildLedgerTree(fork.store);
        expect(doesCheckpointExtend(old, forged, consistencyProofBetween(forkTree, old, forged), keys)).toBe(false);
        // The old checkpoint is consistent only with the log it signed; against the fork, verification says so.
        const result = await verifyLedger(fork.store, key.publicKey, { trustedCheckpoints: [{ checkpoint: old, source: 'an old checkpoint' }] });
        expect(result.problems.map((p) => p.kind)).toContain('CHECKPOINT_ROOT_MISMATCH');
      } finally {
        await fork.close();
      }
    });

    it('exports one stream within a position range, and refuses bad selections', async () => {
      const [first, second] = await ledger.store.readStream(FR_CASE);
      const lines = await exportLines(ledger.store, { stream: FR_CASE, fromPosition: second.globalPosition }, key);
      const events = lines.map(parse).filter((l) => l.record === 'event');
      expect(events[0].event.revision).toBe(1);
      expect(events.some((l) => l.event.eventId === first.eventId)).toBe(false);
      expect(verifyBundleText(joinLines(lines), { publicKey: key.publicKey }).ok).toBe(true);

      await expect(exportLines(ledger.store, { stream: 'Not A Stream' }, key)).rejects.toThrow(/invalid stream name/);
      await expect(exportLines(ledger.store, { agencyId: FR, fromPosition: 5, toPosition: 2 } as never, key)).rejects.toBeInstanceOf(BundleExportError);
      await expect(exportLines(ledger.store, { agencyId: FR, stream: FR_CASE } as never, key)).rejects.toThrow(/exactly one of agencyId or stream/);
    });
  });
}
