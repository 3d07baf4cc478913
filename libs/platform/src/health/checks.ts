import type { LedgerMetrics } from '../metrics/ledger-metrics';
import type { HealthCheck } from './health-registry';

/** Ready when the event store answers; reports its head position. */
export function eventStoreCheck(store: { headPosition(): Promise<number> }): HealthCheck {
  return async () => ({ ok: true, details: { headPosition: await store.headPosition() } });
}

export interface ProjectorLagCheckOptions {
  /** Name of the projection, used as the metric label. */
  projection: string;
  /** How many events the projection has yet to apply (its owner knows how to count them). */
  lag: () => Promise<number>;
  /** Readiness fails above this many events behind. */
  maxLag: number;
  metrics?: LedgerMetrics;
}

/** Ready while the projection is at most `maxLag` events behind; also updates the lag gauge. */
export function projectorLagCheck(options: ProjectorLagCheckOptions): HealthCheck {
  return async () => {
    const lag = await options.lag();
    options.metrics?.projectorLag.set({ projection: options.projection }, lag);
    return { ok: lag <= options.maxLag, details: { lag, maxLag: options.maxLag } };
  };
}
