import type { AccessedEntityType } from '@ledger/domain/access/access.events';
import type { AgreementStatus, CaseKind, CaseStatus, ClueKind, ClueStatus, Tlp } from '@ledger/domain/shared/vocabulary';
import { assertValidStreamName, InvalidStreamNameError } from '@ledger/event-store';
import type { AgencyView, CaseView, ClueBox, ClueView, ProjectionLimit } from '@ledger/projections';
import type { GraphQLResolveInfo } from 'graphql';
import { requireViewer } from '../../server/graphql/context';
import { type ApiContext, viewerOf } from '../api-context';
import { badInput, notFound } from '../api-errors';
import { type Connection, checkPageSize, toConnection } from '../paging';
import { pagingError } from '../resolvers/query-errors';
import { decodeAccessCursor, encodeAccessCursor, readAccessLog, type AccessLogEntry } from './access-log-query';
import type { AuditApi } from './audit-api';
import { JsonScalar, LongScalar } from './audit-scalars';
import { eventsAsAuditorSees, requireAuditor } from './audit-scope';
import { PastAgencyViews } from './point-in-time-views';
import { requireSoleRootField } from './sole-root-field';
import { entityOfStream, readStreamHistory } from './stream-history';

interface AccessLogArgs {
  filter?: {
    agency?: string | null;
    officer?: string | null;
    entityType?: AccessedEntityType | null;
    entityId?: string | null;
    from?: string | null;
    to?: string | null;
  } | null;
  first?: number | null;
  after?: string | null;
}

/** What `agencyViewAsOf` answers; its fields read from `views`, the agency's views at that moment. */
interface AgencyViewAsOfResult {
  agency: AgencyView;
  position: number;
  asOf: string;
  today: string;
  eventsApplied: number;
  views: PastAgencyViews;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO-8601 date-time with a zone, as epoch milliseconds; BAD_USER_INPUT naming `field` otherwise. */
function instant(field: string, value: string): number {
  const ms = INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw badInput(field, 'audit.instant-is-iso-8601', `must be an ISO-8601 date-time with a time zone, e.g. 2024-05-01T08:30:00.000Z (got ${JSON.stringify(value)})`);
  return ms;
}

/** The audit queries of schema/audit.graphql; every one needs the role AUDITOR and checks the auditor's scope. */
export function auditResolvers(api: AuditApi) {
  return {
    Long: LongScalar,
    JSON: JsonScalar,
    Query: {
      streamHistory: async (_parent: unknown, args: { stream: string; from?: number | null; limit?: number | null }, context: ApiContext, info: GraphQLResolveInfo) => {
        const { viewer, views } = viewerOf(context);
        requireAuditor(viewer);
        try {
          assertValidStreamName(args.stream);
        } catch (error) {
          if (error instanceof InvalidStreamNameError) throw badInput('stream', 'stream.name-format', error.message);
          throw error;
        }
        const from = args.from ?? 0;
        if (!Number.isInteger(from) || from < 0) throw badInput('from', 'streamHistory.from-is-a-revision', `must be a revision ≥ 0 (got ${from})`);
        const limit = args.limit ?? 50;
        if (!Number.isInteger(limit) || limit < 1 || limit > api.maxPageSize) {
          throw badInput('limit', 'page.limit-within-limit', `must be an integer from 1 to ${api.maxPageSize} (got ${limit})`);
        }
        const scope = api.scopeOf(viewer);
        await scope.requireStream(args.stream);
        const stored = await readStreamHistory(api.store, args.stream, from, limit);
        if (stored === null) throw notFound('stream', args.stream);
        const page = { ...stored, events: await eventsAsAuditorSees(scope, api.store, args.stream, stored.events) };
        const entity = entityOfStream(args.stream);
        if (entity !== null && page.events.length > 0) views.recordAccess(info, entity.type, entity.id);
        return page;
      },

      accessLog: async (_parent: unknown, args: AccessLogArgs, context: ApiContext) => {
        const viewer = requireViewer(context);
        requireAuditor(viewer);
        const first = checkPageSize(args.first, api.maxPageSize);
        const filter = args.filter ?? {};
        const from = filter.from == null ? null : instant('filter.from', filter.from);
        const to = filter.to == null ? null : instant('filter.to', filter.to);
        if (from !== null && to !== null && from > to) throw badInput('filter.to', 'access-log.to-not-before-from', 'must not be before filter.from');
        const after = args.after == null ? null : decodeAccessCursor(args.after);
        if (args.after != null && after === null) throw badInput('after', 'page.after-is-a-cursor', 'is not a cursor of this access log');
        const scope = api.scopeOf(viewer);
        const agencyId = filter.agency ?? (scope.coversEverything ? null : viewer.agencyId);
        if (agencyId !== null) scope.requireAgency(agencyId);
        const page = await readAccessLog(
          api.store,
          { agencyId, officerId: filter.officer ?? null, entityType: filter.entityType ?? null, entityId: filter.entityId ?? null, from, to },
          first,
          after,
        );
        const edges = page.entries.map(({ cursor, entry }) => ({ cursor: encodeAccessCursor(cursor), node: entry }));
        return {
          edges,
          pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
        } satisfies Connection<AccessLogEntry>;
      },

      agencyViewAsOf: async (
        _parent: unknown,
        args: { agency: string; position?: number | null; time?: string | null },
        context: ApiContext,
        info: GraphQLResolveInfo,
      ): Promise<AgencyViewAsOfResult> => {
        const viewer = requireViewer(context);
        requireAuditor(viewer);
        api.scopeOf(viewer).requireAgency(args.agency);
        const limit = await pastMoment(api, args);
        requireSoleRootField(info, 'agencyViewAsOf.only-field-of-operation');
        const past = await api.pastViews.viewsAsOf(limit);
        const views = new PastAgencyViews(past, args.agency, viewer, api.accessLog);
        const agency = await views.agency(args.agency);
        if (agency === null) throw notFound('agency', args.agency);
        // From here on, every resolver of this operation reads the agency's views at that moment.
        context.views = views;
        return { agency, position: past.position, asOf: past.asOf.toISOString(), today: past.today, eventsApplied: past.events, views };
      },

      ledgerIntegrity: async (_parent: unknown, args: { verify?: boolean | null }, context: ApiContext) => {
        const viewer = requireViewer(context);
        requireAuditor(viewer);
        if (args.verify === true) await api.integrity.verifyNow();
        return api.integrity.current(api.scopeOf(viewer));
      },
    },

    AgencyViewAsOf: {
      agencies: (result: AgencyViewAsOfResult) => result.views.reader.agencies(),
      agreements: (result: AgencyViewAsOfResult, args: { status?: AgreementStatus | null }) => result.views.reader.agreements({ status: args.status ?? null }),
      cases: async (
        result: AgencyViewAsOfResult,
        args: { filter?: { kind?: CaseKind | null; status?: CaseStatus | null; tlp?: Tlp | null; owner?: string | null; text?: string | null } | null; first?: number | null; after?: string | null },
      ): Promise<Connection<CaseView>> => {
        const first = checkPageSize(args.first, api.maxPageSize);
        const filter = args.filter ?? {};
        try {
          const page = await result.views.reader.cases(
            { kind: filter.kind, status: filter.status, tlp: filter.tlp, ownerAgencyId: filter.owner, text: filter.text },
            { first, after: args.after ?? null },
          );
          return toConnection(page, args.after);
        } catch (error) {
          throw pagingError(error);
        }
      },
      case: async (result: AgencyViewAsOfResult, args: { id: string }, _context: ApiContext, info: GraphQLResolveInfo): Promise<CaseView | null> => {
        const found = await result.views.caseById(args.id);
        if (found !== null) result.views.recordAccess(info, 'CASE', found.caseId);
        return found;
      },
      clues: async (
        result: AgencyViewAsOfResult,
        args: { box?: ClueBox | null; status?: ClueStatus | null; kind?: ClueKind | null; first?: number | null; after?: string | null },
      ): Promise<Connection<ClueView>> => {
        const first = checkPageSize(args.first, api.maxPageSize);
        try {
          const page = await result.views.reader.clues({ box: args.box, status: args.status, kind: args.kind }, { first, after: args.after ?? null });
          return toConnection(page, args.after);
        } catch (error) {
          throw pagingError(error);
        }
      },
      clue: async (result: AgencyViewAsOfResult, args: { id: string }, _context: ApiContext, info: GraphQLResolveInfo): Promise<ClueView | null> => {
        const found = await result.views.clue(args.id);
        if (found !== null) result.views.recordAccess(info, 'CLUE', found.clueId);
        return found;
      },
    },
  };
}

/** The moment `agencyViewAsOf` asks for: exactly one of a position in the log or a past time. */
async function pastMoment(api: AuditApi, args: { position?: number | null; time?: string | null }): Promise<ProjectionLimit> {
  const hasPosition = args.position !== undefined && args.position !== null;
  const hasTime = args.time !== undefined && args.time !== null;
  if (hasPosition === hasTime) throw badInput(hasPosition ? 'time' : 'position', 'agencyViewAsOf.position-or-time', 'give exactly one of position or time');
  if (hasPosition) {
    const head = await api.store.headPosition();
    if ((args.position as number) > head) throw badInput('position', 'agencyViewAsOf.position-within-log', `must be at most the log's head position ${head} (got ${args.position})`);
    return { position: args.position as number };
  }
  const time = instant('time', args.time as string);
  if (time > Date.now()) throw badInput('time', 'agencyViewAsOf.time-not-in-future', `must not be in the future (got ${args.time})`);
  return { time: new Date(time) };
}
