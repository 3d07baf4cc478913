import type { AgencyView, AgreementView, CaseView, ClueView, OfficerView } from '@ledger/projections';
import type { GraphQLResolveInfo } from 'graphql';
import { type ApiContext, viewerOf } from '../api-context';
import { notFound, toApiError } from '../api-errors';

/**
 * Reads what a mutation changed, as the viewer's agency now sees it (the gateway has waited for
 * the views), bypassing anything the request cached before the change.
 */
export async function caseAfter(context: ApiContext, info: GraphQLResolveInfo, caseId: string): Promise<CaseView> {
  const { views } = viewerOf(context);
  views.forget('case', caseId);
  const found = await views.caseById(caseId);
  if (found === null) throw notFound('case', caseId);
  views.recordAccess(info, 'CASE', caseId);
  return found;
}

export async function clueAfter(context: ApiContext, info: GraphQLResolveInfo, clueId: string): Promise<ClueView> {
  const { views } = viewerOf(context);
  views.forget('clue', clueId);
  const found = await views.clue(clueId);
  if (found === null) throw notFound('clue', clueId);
  views.recordAccess(info, 'CLUE', clueId);
  return found;
}

export async function agreementAfter(context: ApiContext, agreementId: string): Promise<AgreementView> {
  const { views } = viewerOf(context);
  views.forget('agreement', agreementId);
  const found = await views.agreement(agreementId);
  if (found === null) throw notFound('agreement', agreementId);
  return found;
}

/** An agency after a change; null when it is not (yet) visible to the viewer's agency. */
export async function agencyAfter(context: ApiContext, agencyId: string): Promise<AgencyView | null> {
  const { views } = viewerOf(context);
  views.forget('agency', agencyId);
  return views.agency(agencyId);
}

/** An officer of the viewer's own agency after a change (the actor is one of its admins). */
export async function officerAfter(context: ApiContext, officerId: string): Promise<OfficerView> {
  const { viewer, views } = viewerOf(context);
  try {
    const found = officerId === viewer.officerId ? await views.reader.me() : ((await views.reader.officers()).find((officer) => officer.officerId === officerId) ?? null);
    if (found === null) throw notFound('officer', officerId);
    return found;
  } catch (error) {
    throw toApiError(error);
  }
}
