import { LedgerMetrics } from '../metrics/ledger-metrics';
import { eventStoreCheck, projectorLagCheck } from './checks';
import { HealthRegistry } from './health-registry';

describe('HealthRegistry', () => {
  it('is ready with no checks, and with passing ones', async () => {
    const health = new HealthRegistry();
    expect(await health.report()).toEqual({ status: 'ok', live: true, ready: true, checks: {} });
    health.register('eventStore', eventStoreCheck({ headPosition: async () => 12 }));
    expect(await health.report()).toMatchObject({ ready: true, checks: { eventStore: { ok: true, details: { headPosition: 12 } } } });
  });

  it('is not ready when a check throws, fails or hangs, and says which', async () => {
    const health = new HealthRegistry(50);
    health.register('throws', () => {
      throw new Error('connection refused');
    });
    health.register('fails', () => ({ ok: false, details: { reason: 'behind' } }));
    health.register('hangs', () => new Promise(() => undefined));
    health.register('fine', () => ({ ok: true }));
    const report = await health.report();
    expect(report.status).toBe('unavailable');
    expect(report.ready).toBe(false);
    expect(report.checks).toMatchObject({
      throws: { ok: false, details: { error: 'connection refused' } },
      fails: { ok: false, details: { reason: 'behind' } },
      hangs: { ok: false, details: { error: 'no answer within 50 ms' } },
      fine: { ok: true },
    });
  });

  it('stops being ready once shutdown starts, while staying live', async () => {
    const health = new HealthRegistry();
    health.markShuttingDown();
    expect(await health.report()).toMatchObject({ status: 'shutting_down', live: true, ready: false });
  });

  it('refuses two checks under one name', () => {
    const health = new HealthRegistry();
    health.register('eventStore', () => ({ ok: true }));
    expect(() => health.register('eventStore', () => ({ ok: true }))).toThrow('health check eventStore is already registered');
  });
});

describe('projectorLagCheck', () => {
  it('fails above the allowed lag and publishes the lag as a gauge', async () => {
    const metrics = new LedgerMetrics({ processMetrics: false });
    let lag = 3;
    const check = projectorLagCheck({ projection: 'agency-views', lag: async () => lag, maxLag: 10, metrics });
    expect(await check()).toEqual({ ok: true, details: { lag: 3, maxLag: 10 } });
    lag = 11;
    expect(await check()).toEqual({ ok: false, details: { lag: 11, maxLag: 10 } });
    expect((await metrics.exposition()).body).toContain('ledger_projector_lag_events{projection="agency-views"} 11');
  });
});
