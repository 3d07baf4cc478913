import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { openSqliteEventStore } from '@ledger/event-store';
import { instrumentEventStore } from './instrument-event-store';
import { BoundedLabel, LedgerMetrics } from './ledger-metrics';

const ACTOR = { officerId: 'off-1', agencyId: 'fr-ocreth' };

describe('LedgerMetrics', () => {
  it('exposes the standard series and process metrics in Prometheus text', async () => {
    const metrics = new LedgerMetrics({ defaultLabels: { service: 'spec' } });
    metrics.httpRequests.inc({ method: 'POST', route: '/graphql', status: '200' });
    metrics.projectorLag.set({ projection: 'views' }, 7);
    const { contentType, body } = await metrics.exposition();
    expect(contentType).toMatch(/^text\/plain/);
    expect(body).toContain('ledger_http_requests_total{method="POST",route="/graphql",status="200",service="spec"} 1');
    expect(body).toContain('ledger_projector_lag_events{projection="views",service="spec"} 7');
    expect(body).toContain('# TYPE process_resident_memory_bytes gauge');
  });

  it('creates further series on its own registry through the factories', async () => {
    const one = new LedgerMetrics({ processMetrics: false });
    const two = new LedgerMetrics({ processMetrics: false });
    one.counter('ledger_seeded_total', 'Commands seeded', ['kind']).inc({ kind: 'case' }, 3);
    expect((await one.exposition()).body).toContain('ledger_seeded_total{kind="case"} 3');
    expect((await two.exposition()).body).not.toContain('ledger_seeded_total');
  });
});

describe('BoundedLabel', () => {
  it('keeps the first values and folds the rest into __other__', () => {
    const label = new BoundedLabel(2);
    expect(['a', 'b', 'c', 'a', 'd'].map((value) => label.value(value))).toEqual(['a', 'b', '__other__', 'a', '__other__']);
  });
});

describe('instrumentEventStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ledger-metrics-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('counts and times appends on a real SQLite store by outcome', async () => {
    const metrics = new LedgerMetrics({ processMetrics: false });
    const store = instrumentEventStore(openSqliteEventStore(path.join(dir, 'ledger.db')), metrics, 'sqlite');
    try {
      const context = { actor: ACTOR, commandId: 'cmd-1', correlationId: 'corr-1' };
      await store.append('case-1', [{ type: 'CaseOpened', data: { caseId: '1' } }, { type: 'NoteRecorded', data: { text: 'x' } }], 'no_stream', context);
      await store.append('case-1', [{ type: 'CaseOpened', data: { caseId: '1' } }], 'no_stream', context);
      await expect(store.append('case-1', [{ type: 'NoteRecorded', data: {} }], 'no_stream', { ...context, commandId: 'cmd-2' })).rejects.toMatchObject({ code: 'WRONG_EXPECTED_REVISION' });
      expect(await store.readStream('case-1')).toHaveLength(2);

      const body = (await metrics.exposition()).body;
      expect(body).toContain('ledger_event_store_appends_total{adapter="sqlite",outcome="ok"} 1');
      expect(body).toContain('ledger_event_store_appends_total{adapter="sqlite",outcome="idempotent"} 1');
      expect(body).toContain('ledger_event_store_appends_total{adapter="sqlite",outcome="conflict"} 1');
      expect(body).toContain('ledger_event_store_appended_events_total{adapter="sqlite"} 2');
      expect(body).toContain('ledger_event_store_append_duration_seconds_count{adapter="sqlite",outcome="ok"} 1');
    } finally {
      await store.close();
    }
  });
});
