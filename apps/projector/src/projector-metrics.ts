import type { LedgerMetrics } from '@ledger/platform';
import type { ProjectorHooks } from '@ledger/projections';

/** Prometheus series for the projector, fed by its hooks. */
export function projectorMetricHooks(metrics: LedgerMetrics): ProjectorHooks {
  const events = metrics.counter('ledger_projector_events_total', 'Events applied to the views');
  const batches = metrics.histogram('ledger_projector_batch_duration_seconds', 'Time to apply and commit one batch');
  const position = metrics.gauge('ledger_projector_position', 'Global position of the last event the views include');
  const lagSeconds = metrics.gauge('ledger_projector_lag_seconds', 'Seconds between recording the last applied event and applying it');
  const skipped = metrics.counter('ledger_projector_skipped_events_total', 'Events the projection could not apply (about unknown records)');
  const failures = metrics.counter('ledger_projector_failures_total', 'Batches that failed and were rolled back');
  return {
    onBatch(report) {
      events.inc(report.events);
      batches.observe(report.durationMs / 1000);
      position.set(report.toPosition);
      lagSeconds.set(Math.max(0, (Date.now() - Date.parse(report.lastRecordedAt)) / 1000));
    },
    onSkipped: () => skipped.inc(),
    onError: () => failures.inc(),
  };
}
