/**
 * The standalone projector (PostgreSQL or multi-process deployments): follows the event store
 * named by LEDGER_EVENT_STORE and keeps every agency's views current in the read model.
 * Structured logs on stdout; GET /health and GET /metrics on LEDGER_PROJECTOR_PORT.
 * SIGTERM or SIGINT: stops after the batch in progress commits, then exits.
 */
import { startCheckpointSigner } from '@ledger/audit';
import { openEventStore } from '@ledger/event-store';
import { createLogger, describeConfig, eventStoreCheck, HealthRegistry, LedgerMetrics, loadConfig, projectorLagCheck, ShutdownRegistry } from '@ledger/platform';
import { openReadModel, Projector } from '@ledger/projections';
import { startOpsServer } from './ops-server';
import { projectorMetricHooks } from './projector-metrics';
import { readProjectorSettings } from './projector-settings';

async function main(): Promise<void> {
  const config = loadConfig();
  const settings = readProjectorSettings(config);
  const logger = createLogger({ level: config.log.level, service: 'projector' });
  logger.info({ config: describeConfig(config), readModel: settings.readModelUrl.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@') }, 'projector starting');

  const shutdown = new ShutdownRegistry(logger);
  const health = new HealthRegistry();
  // Installed first: a signal during start-up still stops whatever has been opened so far.
  const stop = (signal: string): void => {
    if (shutdown.started) return;
    logger.info({ signal }, 'projector shutting down');
    health.markShuttingDown();
    void shutdown.run().then(() => {
      logger.info('projector stopped');
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  /** What start-up opens after a signal arrived is closed again at once. */
  const onShutdown = (name: string, callback: () => Promise<void>): void => {
    if (shutdown.started) void callback();
    else shutdown.register(name, callback);
  };
  const metrics = new LedgerMetrics({ defaultLabels: { service: 'projector' } });

  const store = await openEventStore(config.eventStore.url, { logger: logger.child({ component: 'event-store' }) });
  onShutdown('event store', () => store.close());
  const readModel = await openReadModel(settings.readModelUrl);
  onShutdown('read model', () => readModel.close());

  const projector = new Projector({ store, readModel, maxBatchSize: settings.maxBatchSize, logger: logger.child({ component: 'projector' }), hooks: projectorMetricHooks(metrics) });
  health.register('eventStore', eventStoreCheck(store));
  health.register('projector', () => ({ ok: projector.isRunning(), details: { ...projector.status() } }));
  health.register(
    'lag',
    projectorLagCheck({ projection: 'views', lag: async () => Math.max(0, (await store.headPosition()) - projector.position()), maxLag: settings.maxLag, metrics }),
  );
  await projector.start();
  onShutdown('projector', () => projector.stop());
  const checkpoints = await startCheckpointSigner(store, config, logger.child({ component: 'checkpoints' }));
  if (checkpoints) onShutdown('checkpoint signing', () => checkpoints.stop());

  const ops = await startOpsServer({ host: config.http.host, port: settings.port, health, metrics });
  onShutdown('ops server', () => ops.close());
  logger.info({ port: ops.port, position: projector.position() }, 'projector running');
}

main().catch((error: unknown) => {
  // Before the logger exists (bad configuration) the error still goes out as one JSON line.
  process.stderr.write(`${JSON.stringify({ level: 'fatal', service: 'projector', msg: 'projector failed to start', err: error instanceof Error ? error.message : String(error) })}\n`);
  process.exit(1);
});
