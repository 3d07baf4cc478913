import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Command, CommanderError } from 'commander';
import { ledgerIntegrity, readIntegrityStatus } from '@ledger/audit';
import { registerAuditCommands } from '../../apps/ledger-cli/src/commands/audit';
import { AUDIT_BACKENDS, type LedgerUnderTest } from './support/audit-backends';
import { buildAuditLedger, FR, FR_CASE, newSigningKey } from './support/audit-ledger';
import { deleteFrom, flipOnePayloadByte, positionOf } from './support/tamper';

interface Run {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs `ledger audit <args>` in-process, as the CLI's main would, capturing its output and exit code. */
async function audit(...args: string[]): Promise<Run> {
  const program = new Command('ledger').exitOverride();
  registerAuditCommands(program.command('audit').exitOverride());
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += chunk.toString()), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += chunk.toString()), true));
  try {
    await program.parseAsync(['node', 'ledger', 'audit', ...args]);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    stderr += error.message;
    process.exitCode = error.exitCode;
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { stdout, stderr, exitCode };
}

const key = newSigningKey();

for (const backend of AUDIT_BACKENDS) {
  backend.describe(`ledger audit CLI on ${backend.name}`, () => {
    let ledger: LedgerUnderTest;
    let dataDir: string;
    const saved = { ...process.env };

    beforeAll(() => backend.setup());
    afterAll(() => backend.teardown());
    beforeEach(async () => {
      ledger = await backend.create();
      await buildAuditLedger(ledger.store, key, 5);
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-cli-'));
      const keyFile = path.join(dataDir, 'keys', 'ledger.pem');
      fs.mkdirSync(path.dirname(keyFile));
      fs.writeFileSync(keyFile, key.privateKey.export({ format: 'pem', type: 'pkcs8' }));
      Object.assign(process.env, { LEDGER_DATA_DIR: dataDir, LEDGER_EVENT_STORE: ledger.url, LEDGER_SIGNING_KEY_FILE: keyFile });
    });
    afterEach(async () => {
      process.env = { ...saved };
      await ledger.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('verify: passes an honest ledger, records the result and shows progress', async () => {
      const run = await audit('verify');
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toMatch(/^ledger verified: OK/);
      expect(run.stdout).toMatch(/events \d+ in 8 streams/);
      expect(run.stderr).toMatch(/"progress":"verify".*"finished":true/);
      const integrity = await ledgerIntegrity(ledger.store, path.join(dataDir, 'ledger-integrity.json'));
      expect(integrity.lastVerification).toMatchObject({ ok: true });
      expect(integrity.latestCheckpoint!.treeSize).toBe(integrity.lastVerification!.latestCheckpoint!.treeSize);
    });

    it('verify: exits 1 and names the first broken link by stream and revision', async () => {
      await flipOnePayloadByte(ledger, await positionOf(ledger, FR_CASE, 1), 'o', '0');
      const run = await audit('verify');
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toMatch(/ledger verification FAILED/);
      expect(run.stdout).toContain(`first broken link: CONTENT_ALTERED at ${FR_CASE} revision 1`);
      const json = JSON.parse((await audit('verify', '--json')).stdout);
      expect(json.firstProblem).toMatchObject({ kind: 'CONTENT_ALTERED', stream: FR_CASE, revision: 1 });
    });

    it('checkpoint --out, then verify --trusted-checkpoint: a truncated tail is named', async () => {
      const file = path.join(dataDir, 'auditor', 'checkpoint.json');
      const signed = await audit('checkpoint', '--out', file);
      expect(signed.exitCode).toBe(0);
      expect(signed.stdout).toMatch(/^checkpoint signed: size \d+ up to position \d+/);
      await deleteFrom(ledger, await positionOf(ledger, FR_CASE, 0));
      const run = await audit('verify', '--trusted-checkpoint', file);
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toMatch(/first broken link: TAIL_TRUNCATED/);
      expect(run.stdout).toContain(file);
    });

    it('verify --previous-key: after a key rotation, checkpoints of the old key count only when that key is given', async () => {
      const oldPublicKey = path.join(dataDir, 'old-public.pem');
      expect((await audit('public-key', '--out', oldPublicKey)).exitCode).toBe(0);
      fs.writeFileSync(process.env.LEDGER_SIGNING_KEY_FILE!, newSigningKey().privateKey.export({ format: 'pem', type: 'pkcs8' }));
      expect((await audit('checkpoint')).exitCode).toBe(0);
      const newKeyOnly = await audit('verify', '--ignore-previous', '--json');
      expect(newKeyOnly.exitCode).toBe(1);
      expect(JSON.parse(newKeyOnly.stdout).firstProblem.kind).toBe('CHECKPOINT_UNKNOWN_KEY');
      const bothKeys = await audit('verify', '--ignore-previous', '--previous-key', oldPublicKey);
      expect(bothKeys.exitCode).toBe(0);
    });

    it('verify: compares with the checkpoint the previous verification matched', async () => {
      expect((await audit('verify')).exitCode).toBe(0);
      await deleteFrom(ledger, await positionOf(ledger, FR_CASE, 0));
      const run = await audit('verify');
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toMatch(/TAIL_TRUNCATED[\s\S]*the previous verification/);
      // The failed run is recorded, the checkpoint last matched is kept for the next run.
      const status = readIntegrityStatus(path.join(dataDir, 'ledger-integrity.json'))!;
      expect(status.lastVerification.ok).toBe(false);
      expect(status.lastVerifiedCheckpoint).not.toBeNull();
      expect((await audit('verify', '--ignore-previous')).exitCode).toBe(0);
    });

    it('export, public-key and verify-bundle: a bundle verifies offline, one edited line does not', async () => {
      const bundle = path.join(dataDir, 'fr.jsonl');
      const publicKey = path.join(dataDir, 'ledger-public.pem');
      const exported = await audit('export', '--agency', FR, '--out', bundle);
      expect(exported.exitCode).toBe(0);
      expect(exported.stderr).toMatch(/exported \d+ event\(s\) of 4 stream\(s\)/);
      expect((await audit('public-key', '--out', publicKey)).stderr).toContain(key.fingerprint);

      const ok = await audit('verify-bundle', bundle, '--public-key', publicKey);
      expect(ok.exitCode).toBe(0);
      expect(ok.stdout).toMatch(/: OK/);
      expect(ok.stdout).toContain('matches the key given');

      const lines = fs.readFileSync(bundle, 'utf8').split('\n');
      const index = lines.findIndex((line) => line.includes('"PersonRecorded"'));
      lines[index] = lines[index].replace('Chen Hao', 'Chen Hai');
      fs.writeFileSync(bundle, lines.join('\n'));
      const bad = await audit('verify-bundle', bundle, '--public-key', publicKey);
      expect(bad.exitCode).toBe(1);
      expect(bad.stdout).toContain(`line ${index + 1}: ${FR_CASE} revision 1: stored hash does not match the event content`);
    });

    it('export: refuses an ambiguous or malformed selection with a clear message', async () => {
      const both = await audit('export', '--agency', FR, '--stream', FR_CASE);
      expect(both.exitCode).toBe(1);
      expect(both.stderr).toMatch(/give exactly one of --agency <id> or --stream <name>/);
      const badPosition = await audit('export', '--stream', FR_CASE, '--from', 'soon');
      expect(badPosition.exitCode).not.toBe(0);
      expect(badPosition.stderr).toMatch(/--from must be a positive integer \(got "soon"\)/);
      const nowhere = await audit('export', '--agency', FR, '--out', path.join(dataDir, 'missing-dir', 'fr.jsonl'));
      expect(nowhere.exitCode).toBe(1);
      expect(nowhere.stderr).toMatch(/ENOENT.*missing-dir/);
      expect(fs.existsSync(path.join(dataDir, 'missing-dir'))).toBe(false);
    });

    it('replay: a readable timeline, personal data shown only by category unless asked', async () => {
      const run = await audit('replay', '--stream', FR_CASE);
      expect(run.exitCode).toBe(0);
      const lines = run.stdout.trim().split('\n');
      expect(lines[0]).toBe(`${FR_CASE}: 4 event(s)`);
      expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT\S+Z {2}r0 +CaseOpened +fr-ocreth\.officer@fr-ocreth {2}caseId=fr-001 ownerAgencyId=fr-ocreth kind=TRAFFICKING title="Recruitment through a Lyon parlour"/);
      expect(run.stdout).toContain('fullName=[SUSPECT_IDENTITY]');
      expect(run.stdout).not.toContain('Chen Hao');
      expect((await audit('replay', '--stream', FR_CASE, '--data')).stdout).toContain('Chen Hao');
    });

    it('checkpoint: the signing key is generated on first start only with the embedded store', async () => {
      const generated = path.join(dataDir, 'fresh', 'ledger-signing-key.pem');
      process.env.LEDGER_SIGNING_KEY_FILE = generated;
      const run = await audit('checkpoint');
      if (backend.name === 'SQLite') {
        expect(run.exitCode).toBe(0);
        expect(fs.existsSync(generated)).toBe(true);
      } else {
        expect(run.exitCode).toBe(1);
        expect(run.stderr).toMatch(/ledger-signing-key\.pem: file does not exist/);
        expect(fs.existsSync(generated)).toBe(false);
      }
    });
  });
}
