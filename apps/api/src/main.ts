import 'reflect-metadata';
import { LEDGER_CONFIG, LEDGER_LOGGER, TokenService, type LedgerConfig, type Logger } from '@ledger/platform';
import { CommandBus } from '@nestjs/cqrs';
import { AppModule } from './app.module';
import type { ApiSettings } from './runtime/api-settings';
import type { LedgerRuntime } from './runtime/ledger-runtime';
import { API_SETTINGS, LEDGER_RUNTIME } from './runtime/ledger-runtime.module';
import { seedDemoWorld } from './seed/seed-demo-world';
import { createApiApplication } from './server/bootstrap';
import { startupBanner } from './startup-banner';

const TOKEN_TTL_SECONDS = 8 * 60 * 60;
const CATCH_UP_MS = 120_000;

/**
 * Starts the API: opens the ledger (projector in process on the embedded default), seeds the demo
 * world on an empty ledger (LEDGER_SEED_DEMO), listens, and prints the URL, the explorer and a
 * token per officer.
 */
async function main(): Promise<void> {
  const app = await createApiApplication(AppModule.forRoot());
  await app.init();
  const config = app.get<LedgerConfig>(LEDGER_CONFIG);
  const settings = app.get<ApiSettings>(API_SETTINGS);
  const logger = app.get<Logger>(LEDGER_LOGGER);
  const runtime = app.get<LedgerRuntime>(LEDGER_RUNTIME);

  if (settings.seedDemo && (await runtime.store.headPosition()) === 0) {
    logger.info('empty ledger: seeding the demo world');
    const result = await seedDemoWorld(app.get(CommandBus));
    logger.info({ commands: result.commands }, 'demo world seeded');
    // A first signed checkpoint, so auditors can verify the demo ledger right away.
    const checkpoint = await runtime.checkpoints?.checkpointNow();
    if (checkpoint) logger.info({ treeSize: checkpoint.treeSize }, 'demo ledger checkpoint signed');
  }
  if (!(await runtime.catchUp(CATCH_UP_MS))) logger.warn({ lag: await runtime.lag() }, 'the views are still catching up with the ledger');

  await app.listen(config.http.port, config.http.host);
  const address = app.getHttpServer().address() as { address: string; port: number; family: string };
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  logger.info({ url, graphql: `${url}/graphql` }, 'API server listening');
  process.stdout.write(
    await startupBanner({ url, explorer: config.graphql.explorer, officers: await runtime.officers.listOfficers(), tokens: app.get(TokenService), ttlSeconds: TOKEN_TTL_SECONDS }),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`The API failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
