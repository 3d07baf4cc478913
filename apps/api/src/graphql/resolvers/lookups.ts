import type { AgencyView, AgreementView } from '@ledger/projections';
import type { RequestViews } from '../request-views';

/**
 * An agency or agreement another visible entity refers to. The views guarantee these are visible
 * too (the owner, sender, recipients and acting agencies of what an agency sees are co-parties of
 * its agreements), so a miss means the views are inconsistent, which must not pass silently.
 */
export async function referencedAgency(views: RequestViews, id: string): Promise<AgencyView> {
  const agency = await views.agency(id);
  if (agency === null) throw new Error(`agency ${id} is referenced in the view of ${views.viewer.agencyId} but not visible to it`);
  return agency;
}

export async function referencedAgreement(views: RequestViews, id: string): Promise<AgreementView> {
  const agreement = await views.agreement(id);
  if (agreement === null) throw new Error(`agreement ${id} is referenced in the view of ${views.viewer.agencyId} but not visible to it`);
  return agreement;
}

/** The agencies of a list that are visible, in order. */
export async function visibleAgencies(views: RequestViews, ids: readonly string[]): Promise<AgencyView[]> {
  const agencies = await Promise.all(ids.map((id) => views.agency(id)));
  return agencies.filter((agency): agency is AgencyView => agency !== null);
}
