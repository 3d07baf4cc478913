import type { EventStore } from '@ledger/event-store/event-store.port';
import type { LedgerMetrics } from './ledger-metrics';

/**
 * Wraps an event store so every append is counted and timed under the adapter's name
 * (`sqlite`, `postgres`, `eventstoredb`); reads and subscriptions pass through untouched.
 */
export function instrumentEventStore(store: EventStore, metrics: LedgerMetrics, adapter: string): EventStore {
  return {
    async append(stream, events, expectedRevision, context) {
      const started = process.hrtime.bigint();
      const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
      try {
        const result = await store.append(stream, events, expectedRevision, context);
        metrics.recordAppend(adapter, result.idempotentReplay ? 'idempotent' : 'ok', events.length, elapsed());
        return result;
      } catch (error) {
        const conflict = (error as { code?: unknown }).code === 'WRONG_EXPECTED_REVISION';
        metrics.recordAppend(adapter, conflict ? 'conflict' : 'error', events.length, elapsed());
        throw error;
      }
    },
    readStream: (stream, options) => store.readStream(stream, options),
    readAll: (options) => store.readAll(options),
    subscribeToAll: (options) => store.subscribeToAll(options),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
  };
}
