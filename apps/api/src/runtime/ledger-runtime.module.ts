import { HealthRegistry, LEDGER_CONFIG, LEDGER_LOGGER, LedgerMetrics, PubSub, ShutdownRegistry, eventStoreCheck, projectorLagCheck, type LedgerConfig, type Logger } from '@ledger/platform';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { AccessLogBuffer } from '../access-log/access-log.buffer';
import { ViewChangeNotifier } from '../notifications/view-change-notifier';
import type { ApiSettings } from './api-settings';
import { LedgerRuntime } from './ledger-runtime';

export const LEDGER_RUNTIME = Symbol.for('ledger.api.runtime');
export const API_SETTINGS = Symbol.for('ledger.api.settings');

/** Readiness fails while the views are this many events behind the store. */
const MAX_READY_LAG = 10_000;

/**
 * Opens the ledger runtime (event store, views, projector) for the API and registers, in order, how
 * it stops: the ShutdownRegistry runs callbacks in reverse, so the access log is flushed and live
 * notifications end before the projector stops and the stores close.
 */
@Global()
@Module({})
export class LedgerRuntimeModule {
  static forRoot(settings: ApiSettings): DynamicModule {
    return {
      module: LedgerRuntimeModule,
      providers: [
        { provide: API_SETTINGS, useValue: settings },
        {
          provide: LEDGER_RUNTIME,
          inject: [LEDGER_CONFIG, LEDGER_LOGGER, LedgerMetrics, HealthRegistry, ShutdownRegistry],
          useFactory: async (config: LedgerConfig, logger: Logger, metrics: LedgerMetrics, health: HealthRegistry, shutdown: ShutdownRegistry) => {
            const runtime = await LedgerRuntime.open({ config, logger, metrics, embeddedProjector: settings.embeddedProjector });
            shutdown.register('ledger-runtime', () => runtime.close());
            health.register('eventStore', eventStoreCheck(runtime.store));
            health.register('views', projectorLagCheck({ projection: 'views', lag: () => runtime.lag(), maxLag: MAX_READY_LAG, metrics }));
            return runtime;
          },
        },
        {
          provide: AccessLogBuffer,
          inject: [LEDGER_RUNTIME, LEDGER_LOGGER, LedgerMetrics, ShutdownRegistry],
          useFactory: (runtime: LedgerRuntime, logger: Logger, metrics: LedgerMetrics, shutdown: ShutdownRegistry) => {
            const accessLog = new AccessLogBuffer(runtime.store, logger.child({ component: 'access-log' }), { flushIntervalMs: settings.accessLogFlushMs });
            new Gauge({
              name: 'ledger_access_log_buffered_operations',
              help: 'Operations whose access records are not yet in the ledger',
              registers: [metrics.registry],
              collect() {
                this.set(accessLog.bufferedOperations);
              },
            });
            accessLog.start();
            shutdown.register('access-log', () => accessLog.stop());
            return accessLog;
          },
        },
        {
          provide: ViewChangeNotifier,
          inject: [LEDGER_RUNTIME, PubSub, LEDGER_LOGGER, ShutdownRegistry],
          useFactory: async (runtime: LedgerRuntime, pubsub: PubSub, logger: Logger, shutdown: ShutdownRegistry) => {
            const notifier = new ViewChangeNotifier(runtime.store, runtime.views, runtime.progress, pubsub, logger.child({ component: 'notifications' }));
            await notifier.start();
            shutdown.register('live-notifications', () => notifier.stop());
            return notifier;
          },
        },
      ],
      exports: [API_SETTINGS, LEDGER_RUNTIME, AccessLogBuffer, ViewChangeNotifier],
    };
  }
}
