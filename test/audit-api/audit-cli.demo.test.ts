import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runLedgerCli } from '../support/ledger-cli';
import { CASES, CN, FR } from '../../apps/api/src/seed/demo-world';
import { seedDemoWorld } from '../../apps/api/src/seed/seed-demo-world';
import { type ApiHarness, startApi } from '../support/api-harness';

const ledger = runLedgerCli;

const quiet = { increment: () => undefined, update: () => undefined, stop: () => undefined };

/**
 * The auditor's command line on the demo ledger while the API serves it: verify, replay, export and
 * verify-bundle end to end, and the API's audit queries agreeing with what the CLI found.
 */
describe('auditing the demo ledger with the CLI and the API', () => {
  const saved = { ...process.env };
  let dataDir: string;
  let api: ApiHarness;
  const as = async (officerId: string, query: string, variables?: Record<string, unknown>) => api.ok(await api.token(officerId), query, variables);

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ledger-audit-demo-'));
    api = await startApi({ dataDir, settings: { accessLogFlushMs: 60_000 } });
    await seedDemoWorld(api.commandBus, { progress: quiet });
    await api.viewsCaughtUp();
    await as('cn-mps-ocht-li', `query Morning { case(id: "${CASES.parlours}") { id title } }`);
    await api.flushAccessLog();
    Object.assign(process.env, { LEDGER_DATA_DIR: dataDir, LEDGER_LOG_LEVEL: 'silent' });
    delete process.env.LEDGER_EVENT_STORE;
    delete process.env.LEDGER_SIGNING_KEY_FILE;
    delete process.env.LEDGER_INTEGRITY_FILE;
  });
  afterAll(async () => {
    process.env = { ...saved };
    await api?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('verifies, exports an agency\'s bundle, checks it offline, and the API shows the result', async () => {
    // The API created the ledger's signing key at start (embedded ledger); fewer events than the
    // checkpoint interval were written, so the log verifies on its hash chains alone.
    expect(existsSync(path.join(dataDir, 'ledger-signing-key.pem'))).toBe(true);
    const unsigned = await ledger('audit', 'verify');
    expect(unsigned.exitCode).toBe(0);
    expect(unsigned.stdout).toContain('checkpoints 0');
    // A checkpoint on demand signs the log.
    const signed = await ledger('audit', 'checkpoint');
    expect(signed.exitCode).toBe(0);
    expect(signed.stdout).toMatch(/^checkpoint signed: size \d+ up to position \d+, root [0-9a-f]{64}/);
    const first = await ledger('audit', 'verify');
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toMatch(/^ledger verified: OK\n {2}events \d+ in \d+ streams/);
    expect(first.stdout).toContain('checkpoints 1; latest: size');

    const bundle = path.join(dataDir, 'fr-ocreth.bundle.jsonl');
    const exported = await ledger('audit', 'export', '--agency', FR, '--out', bundle);
    expect(exported.exitCode).toBe(0);
    expect(exported.stderr).toMatch(/exported \d+ event\(s\) of \d+ stream\(s\)/);
    const publicKey = path.join(dataDir, 'ledger-public.pem');
    expect((await ledger('audit', 'public-key', '--out', publicKey)).exitCode).toBe(0);

    const checked = await ledger('audit', 'verify-bundle', bundle, '--public-key', publicKey);
    expect(checked.exitCode).toBe(0);
    expect(checked.stdout).toMatch(new RegExp(`^bundle ${bundle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: OK`));
    expect(checked.stdout).toContain('sealed: yes');

    const second = await ledger('audit', 'verify');
    expect(second.exitCode).toBe(0);
    const [, checkpoints, size, root] = /checkpoints (\d+); latest: size (\d+) up to position \d+, root ([0-9a-f]{64})/.exec(second.stdout) ?? [];
    expect(Number(checkpoints)).toBeGreaterThanOrEqual(1);

    // The API reports what the CLI recorded and the checkpoint the bundle is anchored on.
    const integrity = await as('oversight-auditor', '{ ledgerIntegrity { latestCheckpoint { treeSize rootHash signatureValid } lastVerification { ok checkpointCount trustedCheckpointsChecked } } }');
    expect(integrity.ledgerIntegrity.lastVerification).toEqual({ ok: true, checkpointCount: Number(checkpoints), trustedCheckpointsChecked: 1 });
    expect(integrity.ledgerIntegrity.latestCheckpoint).toEqual({ treeSize: Number(size), rootHash: root, signatureValid: true });
    expect(exported.stderr).toContain(`anchored on checkpoint size ${size} `);
  });

  it('gives an OWN auditor through the API exactly the streams of its agency\'s bundle', async () => {
    const bundle = path.join(dataDir, 'cn.bundle.jsonl');
    expect((await ledger('audit', 'export', '--agency', CN, '--out', bundle)).exitCode).toBe(0);
    const lines = readFileSync(bundle, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    const anchor = lines[0].checkpoint.position as number;
    const inBundle = new Set(lines.filter((line) => line.record === 'event').map((line) => line.event.stream as string));

    // Every stream that existed when the bundle's checkpoint was signed: readable by China's auditor exactly when bundled.
    const streams = [...new Set((await api.store.readAll()).filter((event) => event.globalPosition <= anchor).map((event) => event.stream))];
    const token = await api.token('cn-mps-ocht-auditor');
    const readable = new Set<string>();
    for (const stream of streams) {
      const result = await api.gql(token, 'query($stream: String!) { streamHistory(stream: $stream, limit: 1) { stream } }', { stream });
      if (result.errors === undefined) readable.add(stream);
      else expect(result.errors[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect([...readable].sort()).toEqual([...inBundle].sort());
    expect(readable.size).toBeGreaterThan(3);
    expect(readable.size).toBeLessThan(streams.length);
  });

  it('replays a stream as the same history the API returns', async () => {
    const stream = `case-${CASES.parlours}`;
    const replay = await ledger('audit', 'replay', '--stream', stream);
    expect(replay.exitCode).toBe(0);
    expect(replay.stdout).toMatch(new RegExp(`^${stream}: \\d+ event\\(s\\)`));
    expect(replay.stdout).toContain('CaseOpened');
    expect(replay.stdout).not.toContain('!!');

    const json = await ledger('audit', 'replay', '--stream', stream, '--json');
    const timeline = JSON.parse(json.stdout) as Array<{ revision: number; type: string; globalPosition: number; recordedAt: string }>;
    const history = await as('fr-ocreth-auditor', 'query($stream: String!) { streamHistory(stream: $stream, limit: 100) { events { revision type globalPosition recordedAt chainProblem } } }', { stream });
    expect(history.streamHistory.events).toEqual(timeline.map(({ revision, type, globalPosition, recordedAt }) => ({ revision, type, globalPosition, recordedAt, chainProblem: null })));
  });
});
