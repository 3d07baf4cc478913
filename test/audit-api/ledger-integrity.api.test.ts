import * as path from 'node:path';
import Database from 'better-sqlite3';
import { CheckpointService, loadAuditConfig, loadOrCreateSigningKey, PROBLEM_KINDS, publicKeyPem, readIntegrityStatus, type RecordedCheckpoint } from '@ledger/audit';
import { buildSchema, type GraphQLEnumType } from 'graphql';
import { readdirSync, readFileSync } from 'node:fs';
import { type ApiHarness, type GraphqlResult, startApi } from '../support/api-harness';
import { auditorOf, buildAuditWorld, CN, FR, OVERSIGHT_AUDITOR, type AuditWorld } from './support/audit-world';

const CHECKPOINT = 'treeSize position rootHash signature publicKeyFingerprint signedAt eventPosition eventRevision signatureValid';
const PROBLEM = 'kind stream revision position message';
const INTEGRITY = `query Integrity($verify: Boolean) {
  ledgerIntegrity(verify: $verify) {
    headPosition
    publicKey { pem fingerprint }
    latestCheckpoint { ${CHECKPOINT} }
    lastVerification {
      ok verifiedAt headPosition eventCount streamCount checkpointCount eventsAfterLatestCheckpoint trustedCheckpointsChecked problemCount
      latestCheckpoint { ${CHECKPOINT} }
      firstProblem { ${PROBLEM} }
      problems { ${PROBLEM} }
    }
  }
}`;

function codeOf(result: GraphqlResult): [string | undefined, string | undefined, string | undefined] {
  const extensions = result.errors?.[0]?.extensions;
  return [extensions?.code, extensions?.field, extensions?.rule];
}

/** ledgerIntegrity: the latest verification and signed checkpoint, and verification on demand. */
describe('ledger integrity', () => {
  let api: ApiHarness;
  let world: AuditWorld;
  let integrityFile: string;
  const integrity = (officer: string, verify = false) => api.ok(world.tokens[officer], INTEGRITY, { verify });

  beforeAll(async () => {
    api = await startApi({ settings: { accessLogFlushMs: 60_000 } });
    world = await buildAuditWorld(api);
    integrityFile = loadAuditConfig(api.config).integrityFile;
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('names every kind of problem verification reports', () => {
    const directory = path.join(__dirname, '../../schema');
    const sdl = readdirSync(directory)
      .filter((name) => name.endsWith('.graphql'))
      .map((name) => readFileSync(path.join(directory, name), 'utf8'))
      .join('\n');
    const kinds = (buildSchema(sdl).getType('IntegrityProblemKind') as GraphQLEnumType).getValues().map((value) => value.name);
    expect(kinds).toEqual([...PROBLEM_KINDS]);
  });

  it('says there is no checkpoint nor verification yet on a young ledger, and shows the key the API created at start', async () => {
    const answer = await integrity(auditorOf(FR));
    const key = loadOrCreateSigningKey(loadAuditConfig(api.config).signingKeyFile, { createIfMissing: false });
    expect(answer.ledgerIntegrity).toEqual({
      headPosition: await api.store.headPosition(),
      publicKey: { fingerprint: key.fingerprint, pem: publicKeyPem(key.publicKey) },
      latestCheckpoint: null,
      lastVerification: null,
    });
  });

  describe('with the ledger signing key and a checkpoint', () => {
    let checkpoint: RecordedCheckpoint;
    let fingerprint: string;
    let pem: string;

    beforeAll(async () => {
      const key = loadOrCreateSigningKey(loadAuditConfig(api.config).signingKeyFile, { createIfMissing: true });
      fingerprint = key.fingerprint;
      pem = publicKeyPem(key.publicKey);
      checkpoint = await new CheckpointService(api.store, key, { interval: 1000 }).checkpointNow();
    });

    it('shows the latest signed checkpoint, its signature checked against the ledger\'s public key', async () => {
      const answer = await integrity(auditorOf(CN));
      expect(answer.ledgerIntegrity.publicKey).toEqual({ pem, fingerprint });
      expect(answer.ledgerIntegrity.latestCheckpoint).toEqual({ ...checkpoint, signatureValid: true });
      expect(answer.ledgerIntegrity.latestCheckpoint.position).toBe(checkpoint.eventPosition - 1);
      expect(answer.ledgerIntegrity.lastVerification).toBeNull();
    });

    it('verifies on demand, records the result as the latest, and shows it to every auditor', async () => {
      const events = (await api.store.readAll()).filter((event) => event.globalPosition <= checkpoint.eventPosition).length;
      const answer = await integrity(auditorOf(FR), true);
      const verification = answer.ledgerIntegrity.lastVerification;
      expect(verification).toMatchObject({ ok: true, checkpointCount: 1, firstProblem: null, problems: [], problemCount: 0, trustedCheckpointsChecked: 0 });
      expect(verification.eventCount).toBeGreaterThanOrEqual(events);
      expect(verification.latestCheckpoint).toEqual({ ...checkpoint, signatureValid: true });
      expect(readIntegrityStatus(integrityFile)?.lastVerification.verifiedAt).toBe(verification.verifiedAt);

      const seenByOthers = await integrity(OVERSIGHT_AUDITOR);
      expect(seenByOthers.ledgerIntegrity.lastVerification.verifiedAt).toBe(verification.verifiedAt);
      // The next verification compares the log with the checkpoint this one matched.
      const again = await integrity(OVERSIGHT_AUDITOR, true);
      expect(again.ledgerIntegrity.lastVerification).toMatchObject({ ok: true, trustedCheckpointsChecked: 1 });
    });

    it('reports a tampered event; an OWN auditor is not told where, when it lies outside its scope', async () => {
      // Someone with write access to the database changes one byte of China's own case.
      const stream = `case-${world.cnCaseId}`;
      const db = new Database(path.join(api.dataDir, 'ledger.db'));
      try {
        db.exec('DROP TRIGGER IF EXISTS ledger_events_no_update');
        const row = db.prepare('SELECT global_position, CAST(data AS TEXT) AS data FROM ledger_events WHERE stream = ? AND revision = 0').get(stream) as { global_position: number; data: string };
        expect(row.data).toContain('Belgrade');
        db.prepare('UPDATE ledger_events SET data = ? WHERE global_position = ?').run(row.data.replace('Belgrade', 'Budapest'), row.global_position);
      } finally {
        db.close();
      }

      const oversight = await integrity(OVERSIGHT_AUDITOR, true);
      const verification = oversight.ledgerIntegrity.lastVerification;
      expect(verification.ok).toBe(false);
      expect(verification.firstProblem).toMatchObject({ kind: 'CONTENT_ALTERED', stream, revision: 0 });
      const china = await integrity(auditorOf(CN));
      expect(china.ledgerIntegrity.lastVerification.firstProblem).toEqual(verification.firstProblem);

      const france = await integrity(auditorOf(FR));
      const shown = france.ledgerIntegrity.lastVerification;
      expect(shown.firstProblem).toEqual({ kind: 'CONTENT_ALTERED', stream: null, revision: null, position: verification.firstProblem.position, message: 'CONTENT_ALTERED in a stream outside your audit scope' });
      expect(JSON.stringify(shown)).not.toContain(world.cnCaseId);
      expect(shown.problemCount).toBe(verification.problemCount);

      // The stream's history names the altered event too.
      const history = await api.ok(world.tokens[auditorOf(CN)], `{ streamHistory(stream: "${stream}") { events { revision chainProblem } } }`);
      expect(history.streamHistory.events[0]).toEqual({ revision: 0, chainProblem: 'stored hash does not match the event content' });
      expect(history.streamHistory.events.slice(1).every((event: { chainProblem: string | null }) => event.chainProblem === null)).toBe(true);
    });
  });
});
