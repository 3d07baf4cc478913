import type { AuditScope, Role } from '@ledger/domain/shared/vocabulary';
import { ForbiddenError } from '../errors/ledger-errors';

/** An officer as the ledger knows it, today. */
export interface OfficerRecord {
  officerId: string;
  agencyId: string;
  roles: readonly Role[];
  auditScope: AuditScope;
  suspended: boolean;
}

/**
 * Looks officers up in the ledger's read model. Implemented by the projections; the API server
 * calls it once per HTTP request and once per WebSocket connection (and again periodically while
 * the connection stays open). Must throw (not return null) when the read store is unreachable.
 */
export interface OfficerLookup {
  /**
   * Officer ids are unique within an agency, so the lookup takes the agency the token claims;
   * without it, an id registered with several agencies is ambiguous and must yield null.
   */
  findOfficer(officerId: string, agencyId?: string): Promise<OfficerRecord | null>;
}

/** Who is asking: an active officer, with the agency and roles recorded in the ledger. */
export interface Viewer {
  officerId: string;
  agencyId: string;
  roles: readonly Role[];
  auditScope: AuditScope;
}

export function hasRole(viewer: Viewer, role: Role): boolean {
  return viewer.roles.includes(role);
}

/** Throws FORBIDDEN unless the viewer holds at least one of the roles. */
export function requireRole(viewer: Viewer, ...roles: Role[]): void {
  if (!roles.some((role) => viewer.roles.includes(role))) {
    throw new ForbiddenError(`This requires the role ${roles.join(' or ')}`);
  }
}
