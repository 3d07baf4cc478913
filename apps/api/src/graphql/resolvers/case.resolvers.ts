import type { CaseKind, CaseStatus, Tlp } from '@ledger/domain/shared/vocabulary';
import type { CaseView, ShareView } from '@ledger/projections';
import type { GraphQLResolveInfo } from 'graphql';
import { type ApiContext, viewerOf } from '../api-context';
import { isWellFormedText, WELL_FORMED_TEXT_MESSAGE, WELL_FORMED_TEXT_RULE } from '@ledger/commands';
import { badInput, notFound } from '../api-errors';
import { type Connection, checkPageSize, toConnection } from '../paging';
import { requireCaseworkRole } from '../role-policy';
import { factsOfType, moneyFlowOf, noteOf, organisationOf, personOf, routeOf } from '../view-shapes';
import { referencedAgency, referencedAgreement, visibleAgencies } from './lookups';
import { pagingError } from './query-errors';

interface CasesArgs {
  filter?: { kind?: CaseKind | null; status?: CaseStatus | null; tlp?: Tlp | null; owner?: string | null; text?: string | null } | null;
  first?: number | null;
  after?: string | null;
}

/** `cases`, `case`, the Case type and its facts and shares. */
export function caseResolvers(options: { maxPageSize: number }) {
  return {
    Query: {
      cases: async (_parent: unknown, args: CasesArgs, context: ApiContext): Promise<Connection<CaseView>> => {
        const { viewer, views } = viewerOf(context);
        requireCaseworkRole(viewer);
        const first = checkPageSize(args.first, options.maxPageSize);
        const filter = args.filter ?? {};
        if (typeof filter.text === 'string' && !isWellFormedText(filter.text)) throw badInput('filter.text', WELL_FORMED_TEXT_RULE, WELL_FORMED_TEXT_MESSAGE);
        try {
          const page = await views.reader.cases(
            { kind: filter.kind, status: filter.status, tlp: filter.tlp, ownerAgencyId: filter.owner, text: filter.text },
            { first, after: args.after ?? null },
          );
          return toConnection(page, args.after);
        } catch (error) {
          throw pagingError(error);
        }
      },
      case: async (_parent: unknown, args: { id: string }, context: ApiContext, info: GraphQLResolveInfo): Promise<CaseView> => {
        const { viewer, views } = viewerOf(context);
        requireCaseworkRole(viewer);
        const found = await views.caseById(args.id);
        if (found === null) throw notFound('case', args.id);
        views.recordAccess(info, 'CASE', found.caseId);
        return found;
      },
    },
    CaseConnection: {
      edges: (connection: Connection<CaseView>, _args: unknown, context: ApiContext, info: GraphQLResolveInfo) => {
        const { views } = viewerOf(context);
        for (const edge of connection.edges) views.recordAccess(info, 'CASE', edge.node.caseId);
        return connection.edges;
      },
    },
    Case: {
      id: (view: CaseView) => view.caseId,
      owner: (view: CaseView, _args: unknown, context: ApiContext) => referencedAgency(viewerOf(context).views, view.ownerAgencyId),
      ownedByViewer: (view: CaseView) => view.viewerRole === 'OWNER',
      jointPartners: (view: CaseView, _args: unknown, context: ApiContext) => visibleAgencies(viewerOf(context).views, view.jointPartnerAgencyIds ?? []),
      closedReason: (view: CaseView) => view.closeReason,
      persons: (view: CaseView) => factsOfType(view.facts, 'PERSON').map(personOf),
      routes: (view: CaseView) => factsOfType(view.facts, 'ROUTE').map(routeOf),
      organisations: (view: CaseView) => factsOfType(view.facts, 'ORGANISATION').map(organisationOf),
      moneyFlows: (view: CaseView) => factsOfType(view.facts, 'MONEY_FLOW').map(moneyFlowOf),
      notes: (view: CaseView) => factsOfType(view.facts, 'NOTE').map(noteOf),
    },
    CaseShare: {
      recipient: (share: ShareView, _args: unknown, context: ApiContext) => referencedAgency(viewerOf(context).views, share.recipientAgencyId),
      agreement: (share: ShareView, _args: unknown, context: ApiContext) => referencedAgreement(viewerOf(context).views, share.agreementId),
      revokedReason: (share: ShareView) => share.revokeReason,
    },
    Evaluation: {
      code: (evaluation: { source: string; information: string }) => `${evaluation.source}${evaluation.information}`,
    },
  };
}

/** A case another entity links to, if the viewer's agency can see it; recorded as shown when it is. */
export async function linkedCase(context: ApiContext, info: GraphQLResolveInfo, caseId: string | null): Promise<CaseView | null> {
  if (caseId === null) return null;
  const { views } = viewerOf(context);
  const found = await views.caseById(caseId);
  if (found !== null) views.recordAccess(info, 'CASE', found.caseId);
  return found;
}
