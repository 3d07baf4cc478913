import type { AgencyKind, AuditScope, DataCategory, Role } from '../shared/vocabulary';

/** Stream `agency-<agencyId>`: the agency, its mandates and its officers. */

export interface AgencyRegistered {
  type: 'AgencyRegistered';
  data: { agencyId: string; name: string; country: string; kind: AgencyKind; mandates: DataCategory[] };
}
export interface AgencyMandatesChanged {
  type: 'AgencyMandatesChanged';
  data: { agencyId: string; mandates: DataCategory[] };
}
export interface OfficerRegistered {
  type: 'OfficerRegistered';
  data: { agencyId: string; officerId: string; name: string; roles: Role[]; auditScope: AuditScope };
}
export interface OfficerRolesChanged {
  type: 'OfficerRolesChanged';
  data: { agencyId: string; officerId: string; roles: Role[]; auditScope: AuditScope };
}
export interface OfficerSuspended {
  type: 'OfficerSuspended';
  data: { agencyId: string; officerId: string; reason: string };
}
export interface OfficerReinstated {
  type: 'OfficerReinstated';
  data: { agencyId: string; officerId: string };
}

export type AgencyEvent = AgencyRegistered | AgencyMandatesChanged | OfficerRegistered | OfficerRolesChanged | OfficerSuspended | OfficerReinstated;
