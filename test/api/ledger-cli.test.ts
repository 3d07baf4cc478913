import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadConfig, TokenService } from '@ledger/platform';
import { runLedgerCli } from '../support/ledger-cli';

const ledger = runLedgerCli;

/** The `ledger` command line on an embedded (SQLite) ledger in a temporary directory. */
describe('ledger CLI', () => {
  const saved = { ...process.env };
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ledger-cli-'));
    Object.assign(process.env, { LEDGER_DATA_DIR: dataDir, LEDGER_LOG_LEVEL: 'silent' });
    delete process.env.LEDGER_EVENT_STORE;
  });
  afterAll(() => {
    process.env = { ...saved };
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says clearly that an empty ledger has no officers', async () => {
    const run = await ledger('token', '--officer', 'fr-ocreth-dupont');
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('officer fr-ocreth-dupont is not registered');
    expect(run.stderr).toContain('the ledger has no officers yet');
    expect(run.stdout).toBe('');
  });

  it('seeds the demo world once, and a second seed writes nothing', async () => {
    const first = await ledger('seed');
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toMatch(/seeded the demo world: \d+ commands applied, 0 already recorded/);
    const second = await ledger('seed');
    expect(second.stdout).toMatch(/the demo world was already seeded/);
  });

  it('lists the officers', async () => {
    const run = await ledger('officers', '--agency', 'iom-cn', '--json');
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout).map((o: { officerId: string; roles: string[] }) => [o.officerId, o.roles])).toEqual([
      ['iom-cn-admin', ['AGENCY_ADMIN']],
      ['iom-cn-okafor', ['LIAISON_OFFICER']],
    ]);
  });

  it('mints a token the API accepts for a registered officer, and refuses an unknown one', async () => {
    const run = await ledger('token', '--officer', 'nordic-plo-lindqvist', '--ttl', '2');
    expect(run.exitCode).toBe(0);
    const config = loadConfig(process.env, dataDir);
    const claims = await (await TokenService.fromConfig(config.auth)).verify(run.stdout.trim());
    expect(claims).toMatchObject({ officerId: 'nordic-plo-lindqvist', agencyId: 'nordic-plo-beijing' });
    expect(claims.expiresAt.getTime() - claims.issuedAt.getTime()).toBe(2 * 3600 * 1000);

    const unknown = await ledger('token', '--officer', 'nobody');
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain('officer nobody is not registered');
    expect(unknown.stderr).toContain('ledger officers');
  });

  it('validates options', async () => {
    const run = await ledger('token', '--officer', 'iom-cn-okafor', '--ttl', 'forever');
    expect(run.exitCode).toBe(1);
  });

  it('rebuilds the views from event 0 with the same result', async () => {
    const before = JSON.parse((await ledger('officers', '--json')).stdout);
    const run = await ledger('rebuild');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/rebuilt the views from \d+ events up to position \d+/);
    expect(run.stderr).toContain('rebuilding the views');
    expect(JSON.parse((await ledger('officers', '--json')).stdout)).toEqual(before);
  });

  it('has the audit commands under `ledger audit`', async () => {
    const run = await ledger('audit', '--help');
    for (const command of ['verify', 'export', 'verify-bundle', 'replay', 'checkpoint']) expect(run.stdout).toMatch(new RegExp(`\\n\\s+${command} `));
  });
});
