/**
 * The standalone projector process is killed with SIGKILL in the middle of catching up, twice,
 * then restarted; its views must equal a full rebuild, row for row. Finally it is stopped with
 * SIGTERM and must exit cleanly.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { openEventStore, type EventStore } from '@ledger/event-store';
import { openReadModel, readCheckpoint, rebuild } from '@ledger/projections';
import { dumpReadModel } from '@ledger/projections/testing/dump-read-model';
import { writeLedger } from '@ledger/projections/testing/ledger-generator';
import { fastTempDir } from './support/temp-dir';

const ROOT = resolve(__dirname, '..', '..');

describe('standalone projector killed during catch-up', () => {
  let dir: string;
  let store: EventStore;
  let head: number;

  beforeAll(async () => {
    dir = fastTempDir('ledger-crash-');
    store = await openEventStore(`sqlite:${join(dir, 'ledger.db')}`);
    await writeLedger(store, { targetEvents: 4000, seed: 11 });
    head = await store.headPosition();
  }, 120_000);

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resumes from its checkpoint and ends with the same views as a full rebuild', async () => {
    const viewsUrl = `sqlite:${join(dir, 'views.db')}`;
    const checkpoints: number[] = [];
    for (const killAt of [Math.floor(head * 0.25), Math.floor(head * 0.6)]) {
      const child = startProjector(dir, viewsUrl);
      await child.untilPosition((position) => position >= killAt);
      child.process.kill('SIGKILL');
      await child.exited;
      const readModel = await openReadModel(viewsUrl);
      checkpoints.push(await readCheckpoint(readModel.db, readModel.dialect));
      await readModel.close();
    }
    // Both kills landed during catch-up, and the second run resumed beyond the first kill.
    expect(checkpoints[0]).toBeGreaterThan(0);
    expect(checkpoints[0]).toBeLessThan(head);
    expect(checkpoints[1]).toBeGreaterThan(checkpoints[0]);
    expect(checkpoints[1]).toBeLessThan(head);

    const last = startProjector(dir, viewsUrl);
    await last.untilPosition((position) => position >= head);
    // The operator endpoints of the running process.
    const running = await last.untilLine((line) => line.msg === 'projector running');
    const base = `http://127.0.0.1:${String(running.port)}`;
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', ready: true, checks: { projector: { ok: true }, lag: { ok: true, details: { lag: 0 } } } });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`ledger_projector_position\\{[^}]*\\} ${head}`));
    expect(metrics).toContain('ledger_projector_events_total');
    last.process.kill('SIGTERM');
    expect(await last.exited).toBe(0);
    expect(last.lines.some((line) => line.msg === 'projector stopped')).toBe(true);

    const projected = await openReadModel(viewsUrl);
    const rebuilt = await openReadModel('sqlite::memory:');
    try {
      expect(await readCheckpoint(projected.db, projected.dialect)).toBe(head);
      await rebuild(store, rebuilt);
      const [a, b] = [await dumpReadModel(projected), await dumpReadModel(rebuilt)];
      for (const table of Object.keys(b) as Array<keyof typeof b>) {
        expect({ table, rows: a[table].length }).toEqual({ table, rows: b[table].length });
      }
      expect(a).toEqual(b);
      expect(b.view_cases.length).toBeGreaterThan(100);
    } finally {
      await projected.close();
      await rebuilt.close();
    }
  }, 180_000);
});

function startProjector(dir: string, viewsUrl: string) {
  const child: ChildProcess = spawn(process.execPath, ['-r', join(ROOT, 'test/support/register-ts.js'), join(ROOT, 'apps/projector/src/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      LEDGER_DATA_DIR: dir,
      LEDGER_EVENT_STORE: `sqlite:${join(dir, 'ledger.db')}`,
      LEDGER_READ_MODEL: viewsUrl,
      LEDGER_PROJECTOR_PORT: '0',
      LEDGER_PROJECTOR_BATCH_SIZE: '20',
      LEDGER_LOG_LEVEL: 'debug',
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  const watchers = new Set<{ test: (position: number) => boolean; resolve: () => void }>();
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return;
    }
    lines.push(line);
    const position = typeof line.toPosition === 'number' ? line.toPosition : typeof line.position === 'number' ? line.position : undefined;
    if (position === undefined) return;
    for (const watcher of watchers) {
      if (watcher.test(position)) {
        watchers.delete(watcher);
        watcher.resolve();
      }
    }
  });
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  return {
    process: child,
    lines,
    exited,
    async untilLine(test: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
        const found = lines.find(test);
        if (found) return found;
      }
      throw new Error(`no such log line; stderr: ${stderr.slice(-2000)}`);
    },
    untilPosition(test: (position: number) => boolean): Promise<void> {
      return new Promise((resolveWait, reject) => {
        const timer = setTimeout(() => reject(new Error(`projector did not get there in time; stderr: ${stderr.slice(-2000)}`)), 90_000);
        watchers.add({ test, resolve: () => (clearTimeout(timer), resolveWait()) });
        void exited.then((code) => reject(new Error(`projector exited (${code}) early; stderr: ${stderr.slice(-2000)}`)));
      });
    },
  };
}
