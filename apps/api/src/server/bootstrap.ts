import { LEDGER_CONFIG, LEDGER_LOGGER, PinoNestLogger, type LedgerConfig, type Logger } from '@ledger/platform';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

export interface CreateApiApplicationOptions {
  /** Install SIGTERM/SIGINT handlers that close the application gracefully; default true. */
  shutdownHooks?: boolean;
}

/**
 * Creates the Nest application the way GraphqlServerModule needs it: Nest's own body parser off
 * (the GraphQL route parses JSON with the configured size limit and answers 413 itself), Nest's
 * logs through pino, and graceful shutdown on SIGTERM/SIGINT.
 */
/** The root module handed to NestFactory. */
export type RootModule = Parameters<typeof NestFactory.create>[0];

export async function createApiApplication(rootModule: RootModule, options: CreateApiApplicationOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(rootModule, { bodyParser: false, bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(PinoNestLogger));
  if (options.shutdownHooks ?? true) app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  return app;
}

/** Creates the application and listens on the configured host and port; returns it with its URL. */
export async function startApiServer(rootModule: RootModule, options: CreateApiApplicationOptions = {}): Promise<{ app: INestApplication; url: string }> {
  const app = await createApiApplication(rootModule, options);
  const config = app.get<LedgerConfig>(LEDGER_CONFIG);
  await app.listen(config.http.port, config.http.host);
  const address = app.getHttpServer().address() as { address: string; port: number; family: string };
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  app.get<Logger>(LEDGER_LOGGER).info({ url, graphql: `${url}/graphql` }, 'API server listening');
  return { app, url };
}
