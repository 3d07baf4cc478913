import type { AuditConfig } from '@ledger/audit';
import type { EventStore } from '@ledger/event-store';
import type { Logger, Viewer } from '@ledger/platform';
import type { AccessLogBuffer } from '../../access-log/access-log.buffer';
import { AuditorScope, ParticipationIndex } from './audit-scope';
import { LedgerIntegrityService } from './ledger-integrity';
import { PointInTimeViewCache, type PointInTimeCacheOptions } from './point-in-time-views';

export interface AuditApiOptions {
  store: EventStore;
  /** Where reads are recorded; auditors' reads included. */
  accessLog: AccessLogBuffer;
  audit: Pick<AuditConfig, 'signingKeyFile' | 'integrityFile'>;
  /** LEDGER_MAX_PAGE_SIZE: also the most events one streamHistory page returns. */
  maxPageSize: number;
  logger: Logger;
  pastViews?: Omit<PointInTimeCacheOptions, 'logger'>;
}

/** What the audit queries share across requests: who took part in which stream, past views, integrity. */
export class AuditApi {
  readonly store: EventStore;
  readonly accessLog: AccessLogBuffer;
  readonly maxPageSize: number;
  readonly participation: ParticipationIndex;
  readonly pastViews: PointInTimeViewCache;
  readonly integrity: LedgerIntegrityService;

  constructor(options: AuditApiOptions) {
    this.store = options.store;
    this.accessLog = options.accessLog;
    this.maxPageSize = options.maxPageSize;
    this.participation = new ParticipationIndex(options.store);
    this.pastViews = new PointInTimeViewCache(options.store, { ...options.pastViews, logger: options.logger });
    this.integrity = new LedgerIntegrityService(options.store, options.audit, options.logger);
  }

  scopeOf(viewer: Viewer): AuditorScope {
    return new AuditorScope(viewer, this.participation);
  }

  close(): Promise<void> {
    return this.pastViews.close();
  }
}
