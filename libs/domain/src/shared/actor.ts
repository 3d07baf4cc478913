import type { AuditScope, Role } from './vocabulary';
import { ForbiddenError } from './errors';

/**
 * Who acts: an officer of an agency, with the roles and audit scope the ledger (not the caller's
 * token) grants them. Command handlers resolve it from the agency stream before deciding.
 */
export interface Actor {
  officerId: string;
  agencyId: string;
  roles: Role[];
  auditScope: AuditScope;
}

/** The ledger itself, acting only to bootstrap an empty ledger. No agency may use this id. */
export const SYSTEM_ID = 'system';
export const SYSTEM_ACTOR: Actor = Object.freeze({ officerId: SYSTEM_ID, agencyId: SYSTEM_ID, roles: [], auditScope: 'OWN' }) as Actor;

export function isSystemActor(actor: Actor): boolean {
  return actor.officerId === SYSTEM_ID && actor.agencyId === SYSTEM_ID;
}

export function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.roles.some((role) => roles.includes(role));
}

/** Throws FORBIDDEN naming `rule` unless the actor holds one of `roles`. */
export function requireRole(actor: Actor, roles: readonly Role[], rule: string): void {
  if (!hasAnyRole(actor, roles)) {
    throw new ForbiddenError(rule, `officer ${actor.officerId} of ${actor.agencyId} needs role ${roles.join(' or ')} (has ${actor.roles.join(', ') || 'none'})`);
  }
}
