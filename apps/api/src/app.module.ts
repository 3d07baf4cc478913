import { CommandsModule } from '@ledger/commands';
import { MAX_PAGE_SIZE } from '@ledger/projections';
import { LEDGER_CONFIG, type LedgerConfig, type Logger, PlatformModule, errorCodes, loadConfig } from '@ledger/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { AccessLogBuffer } from './access-log/access-log.buffer';
import { AuditApi } from './graphql/audit/audit-api';
import { AuditApiModule } from './graphql/audit/audit-api.module';
import { auditResolvers } from './graphql/audit/audit.resolvers';
import { ledgerResolvers } from './graphql/ledger-resolvers';
import { RequestViews } from './graphql/request-views';
import { type ApiSettings, loadApiSettings } from './runtime/api-settings';
import type { LedgerRuntime } from './runtime/ledger-runtime';
import { API_SETTINGS, LEDGER_RUNTIME, LedgerRuntimeModule } from './runtime/ledger-runtime.module';
import { GraphqlServerModule } from './server/graphql-server.module';

export interface AppModuleOptions {
  /** Default: loadConfig(process.env). */
  config?: LedgerConfig;
  /** Overrides of the settings read from the environment (see api-settings.ts). */
  settings?: Partial<ApiSettings>;
  /** Default: a pino logger at the configured level. */
  logger?: Logger;
}

/**
 * Codes the domain and the command side raise, for errors that reach the server without passing
 * through the API's own translation (see graphql/api-errors.ts, which also names field and rule).
 */
errorCodes.register({
  BAD_INPUT: 'BAD_USER_INPUT',
  RULE_VIOLATION: 'BAD_USER_INPUT',
  ALREADY_EXISTS: 'CONFLICT',
  INVALID_TRANSITION: 'CONFLICT',
  CONCURRENCY_CONFLICT: 'CONFLICT',
});

/**
 * The API application: platform services, the ledger runtime (event store, views, projector),
 * the command handlers, and the GraphQL server whose resolvers read only through the viewer's
 * agency's views and write only through the CommandBus.
 */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions = {}): DynamicModule {
    const config = options.config ?? loadConfig();
    const settings: ApiSettings = { ...loadApiSettings(config), ...options.settings };
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ config, logger: options.logger, service: 'api' }),
        LedgerRuntimeModule.forRoot(settings),
        CommandsModule.forRoot({ eventStore: { useFactory: (runtime: LedgerRuntime) => runtime.store, inject: [LEDGER_RUNTIME] } }),
        GraphqlServerModule.forRootAsync({
          imports: [AuditApiModule],
          inject: [LEDGER_RUNTIME, CommandBus, AccessLogBuffer, LEDGER_CONFIG, API_SETTINGS, AuditApi],
          useFactory: (runtime: LedgerRuntime, commands: CommandBus, accessLog: AccessLogBuffer, ledgerConfig: LedgerConfig, apiSettings: ApiSettings, audit: AuditApi) => ({
            // LEDGER_MAX_PAGE_SIZE, within what the view reader serves in one page.
            resolvers: [ledgerResolvers({ commands, progress: runtime.progress, maxPageSize: Math.min(ledgerConfig.graphql.maxPageSize, MAX_PAGE_SIZE), viewWaitMs: apiSettings.viewWaitMs }), auditResolvers(audit)].flat(),
            officerLookup: runtime.officers,
            extendContext: (base) => ({
              views: base.viewer === null ? null : new RequestViews(runtime.views, base.viewer, accessLog, { cache: base.transport === 'http' }),
            }),
          }),
        }),
      ],
    };
  }
}
