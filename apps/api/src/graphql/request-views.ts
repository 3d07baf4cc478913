import type { AccessedEntityType } from '@ledger/domain/access/access.events';
import type { AgencyView, AgreementView, CaseView, ClueView, ViewReader, ViewerReader } from '@ledger/projections';
import type { Viewer } from '@ledger/platform';
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { AccessLogBuffer } from '../access-log/access-log.buffer';

/**
 * Everything one request (or one WebSocket operation) reads, through the viewer-bound reader of
 * the viewer's agency only: there is no other way for a resolver to reach the views. Nested
 * lookups (the agencies a page of cases refers to, the cases clues link to) are batched with
 * DataLoader; over WebSocket nothing is cached, because a subscription lives across changes.
 *
 * It also records what the answer shows: every case and clue a resolver returns goes to the
 * access log, tagged with the operation and the root field that returned it.
 */
export class RequestViews {
  readonly reader: ViewerReader;
  private readonly agencies: DataLoader<string, AgencyView | null>;
  private readonly agreements: DataLoader<string, AgreementView | null>;
  private readonly cases: DataLoader<string, CaseView | null>;
  private readonly clues: DataLoader<string, ClueView | null>;

  constructor(
    views: ViewReader,
    readonly viewer: Viewer,
    private readonly accessLog: AccessLogBuffer,
    options: { cache: boolean },
  ) {
    const reader = views.forViewer(viewer);
    this.reader = reader;
    const loaderOptions = { cache: options.cache };
    this.agencies = new DataLoader((ids) => reader.getAgenciesByIds(ids), loaderOptions);
    this.agreements = new DataLoader((ids) => reader.getAgreementsByIds(ids), loaderOptions);
    this.cases = new DataLoader((ids) => reader.getCasesByIds(ids), loaderOptions);
    this.clues = new DataLoader((ids) => reader.getCluesByIds(ids), loaderOptions);
  }

  agency(id: string): Promise<AgencyView | null> {
    return this.agencies.load(id);
  }

  agreement(id: string): Promise<AgreementView | null> {
    return this.agreements.load(id);
  }

  caseById(id: string): Promise<CaseView | null> {
    return this.cases.load(id);
  }

  clue(id: string): Promise<ClueView | null> {
    return this.clues.load(id);
  }

  /** Drops what this request cached about an entity a command just changed. */
  forget(kind: 'agency' | 'agreement' | 'case' | 'clue', id: string): void {
    ({ agency: this.agencies, agreement: this.agreements, case: this.cases, clue: this.clues })[kind].clear(id);
  }

  /** Records that the answer to this operation shows the case or clue `id`. */
  recordAccess(info: GraphQLResolveInfo, type: AccessedEntityType, id: string): void {
    this.accessLog.record(
      this,
      {
        agencyId: this.viewer.agencyId,
        officerId: this.viewer.officerId,
        operationType: info.operation.operation,
        operationName: info.operation.name?.value ?? null,
      },
      rootFieldOf(info),
      { type, id },
    );
  }
}

/** The name of the root field under which `info`'s field is being resolved. */
export function rootFieldOf(info: GraphQLResolveInfo): string {
  let path = info.path;
  while (path.prev !== undefined) path = path.prev;
  const responseKey = String(path.key);
  if (info.path.prev === undefined) return info.fieldName;
  for (const selection of info.operation.selectionSet.selections) {
    if (selection.kind === 'Field' && (selection.alias?.value ?? selection.name.value) === responseKey) return selection.name.value;
  }
  // Selected through a fragment: the response key is the field name unless aliased there.
  return responseKey;
}
