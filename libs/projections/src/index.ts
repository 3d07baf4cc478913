/**
 * @ledger/projections — each agency's view of the ledger: the projector that maintains it from
 * the event store, the readers the API queries it through, and the rules (access-policy) that
 * decide what each agency may see. See VISIBILITY.md.
 */
export * from './access-policy/access-policy';
export * from './views/view-types';
export { caseViewers, caseHeaderView, caseFactView, clueViewRows, agreementViewRows, agencyView, officerViews, visibleAgencyIds, type CaseViewer, type ViewLookups, type ViewRow, type ClueViewRow, type ClueLink } from './views/view-rows';
export type { AgencyRecord, AgreementRecord, CaseRecord, ClueRecord, FactRecord, FactType, StepDetail } from './state/records';
export { isProjectedEventType, type SkippedEvent } from './state/apply-event';
export { openReadModel, parseReadModelUrl, readModelUrlFor, type ReadModel, type ReadModelDialect } from './storage/read-model';
export { READ_MODEL_TABLES, type ReadModelTables, type ReadModelTableName } from './storage/tables';
export { readCheckpoint, VIEWS_PROJECTION } from './storage/checkpoint';
export { applyBatch, type BatchOutcome } from './projector/projection-batch';
export { Projector, type ProjectorOptions, type ProjectorHooks, type ProjectorLogger, type BatchReport } from './projector/projector';
export { rebuild, projectUntil, REBUILD_PAGE_SIZE, type ProjectionLimit, type PointInTimeViews, type RebuildProgress, type RebuildResult } from './projector/rebuild';
export type { ProjectionProgress } from './projector/progress';
export { ViewReader, AgencyViewReader, ViewerReader, type CaseFilter, type ClueFilter, type ClueFlowStats, type PartnerCooperation, type ReaderOptions } from './reader/view-reader';
export { OfficerDirectory, type OfficerLookup, type KnownOfficer } from './reader/officer-directory';
export { CheckpointFollower } from './reader/checkpoint-follower';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page, type PageRequest } from './reader/paging';
