import type { Actor } from '../shared/actor';
import { ForbiddenError } from '../shared/errors';
import { lookup } from '../shared/records';
import type { AgencyState } from './agency.state';

/**
 * The acting officer as the ledger knows them: they must be registered with the agency they claim
 * and not suspended; roles and audit scope come from the ledger, never from the caller's claims.
 */
export function resolveActor(agency: AgencyState, claim: { officerId: string; agencyId: string }): Actor {
  const officer = agency.exists && agency.agencyId === claim.agencyId ? lookup(agency.officers, claim.officerId) : undefined;
  if (!officer) {
    throw new ForbiddenError('actor.registered-officer', `officer ${claim.officerId} is not registered with agency ${claim.agencyId}`);
  }
  if (officer.suspended) {
    throw new ForbiddenError('actor.not-suspended', `officer ${claim.officerId} of ${claim.agencyId} is suspended and can do nothing`);
  }
  return { officerId: officer.officerId, agencyId: claim.agencyId, roles: [...officer.roles], auditScope: officer.auditScope };
}
