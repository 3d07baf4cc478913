import type { Role } from '@ledger/domain/shared/vocabulary';
import { type Viewer, requireRole } from '@ledger/platform';

/**
 * Who may read what, beyond what the agency's view already limits:
 * - cases and clues (and their live notifications): investigators and liaison officers;
 * - cooperation statistics: those, and agency admins who manage the agreements;
 * - the viewer's own record, agencies and agreements: every officer.
 * Audit queries have their own rules. Commands are checked by the domain, with the roles the
 * ledger records.
 */
export const CASEWORK_ROLES: readonly Role[] = ['INVESTIGATOR', 'LIAISON_OFFICER'];
export const STATISTICS_ROLES: readonly Role[] = ['INVESTIGATOR', 'LIAISON_OFFICER', 'AGENCY_ADMIN'];

export function requireCaseworkRole(viewer: Viewer): void {
  requireRole(viewer, ...CASEWORK_ROLES);
}

export function requireStatisticsRole(viewer: Viewer): void {
  requireRole(viewer, ...STATISTICS_ROLES);
}
