import { loadAuditConfig } from '@ledger/audit';
import { MAX_PAGE_SIZE } from '@ledger/projections';
import { LEDGER_CONFIG, LEDGER_LOGGER, ShutdownRegistry, type LedgerConfig, type Logger } from '@ledger/platform';
import { Module } from '@nestjs/common';
import { AccessLogBuffer } from '../../access-log/access-log.buffer';
import type { LedgerRuntime } from '../../runtime/ledger-runtime';
import { LEDGER_RUNTIME } from '../../runtime/ledger-runtime.module';
import { AuditApi } from './audit-api';

/**
 * Provides the AuditApi the audit resolvers use (see audit.resolvers.ts), over the runtime's event
 * store, with the audit settings (signing key, integrity file) of @ledger/audit's AuditConfig.
 */
@Module({
  providers: [
    {
      provide: AuditApi,
      inject: [LEDGER_RUNTIME, AccessLogBuffer, LEDGER_CONFIG, LEDGER_LOGGER, ShutdownRegistry],
      useFactory: (runtime: LedgerRuntime, accessLog: AccessLogBuffer, config: LedgerConfig, logger: Logger, shutdown: ShutdownRegistry) => {
        const api = new AuditApi({
          store: runtime.store,
          accessLog,
          audit: loadAuditConfig(config),
          // LEDGER_MAX_PAGE_SIZE, within what the view reader serves in one page (as for the live queries).
          maxPageSize: Math.min(config.graphql.maxPageSize, MAX_PAGE_SIZE),
          logger: logger.child({ component: 'audit' }),
        });
        shutdown.register('audit-past-views', () => api.close());
        return api;
      },
    },
  ],
  exports: [AuditApi],
})
export class AuditApiModule {}
