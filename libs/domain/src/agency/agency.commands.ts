import type { DomainCommand, DecisionContext } from '../shared/command';
import type { AgencyKind, AuditScope, DataCategory, Role } from '../shared/vocabulary';

/** An officer as an admin registers them. */
export interface OfficerSpec {
  officerId: string;
  name: string;
  roles: Role[];
  auditScope: AuditScope;
}

/** A new agency and its first officer, who must be an AGENCY_ADMIN. */
export interface AgencyOnboarding {
  agencyId: string;
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  kind: AgencyKind;
  mandates: DataCategory[];
  admin: OfficerSpec;
}

/** Creates the first agency and its first admin on an empty ledger; only the system acts. */
export type BootstrapLedger = DomainCommand<'BootstrapLedger', AgencyOnboarding>;
/** An AGENCY_ADMIN of any registered agency onboards a new agency. */
export type RegisterAgency = DomainCommand<'RegisterAgency', AgencyOnboarding>;
export type ChangeAgencyMandates = DomainCommand<'ChangeAgencyMandates', { agencyId: string; mandates: DataCategory[] }>;
export type RegisterOfficer = DomainCommand<'RegisterOfficer', OfficerSpec & { agencyId: string }>;
export type ChangeOfficerRoles = DomainCommand<'ChangeOfficerRoles', { agencyId: string; officerId: string; roles: Role[]; auditScope: AuditScope }>;
export type SuspendOfficer = DomainCommand<'SuspendOfficer', { agencyId: string; officerId: string; reason: string }>;
export type ReinstateOfficer = DomainCommand<'ReinstateOfficer', { agencyId: string; officerId: string }>;

export type AgencyCommand = BootstrapLedger | RegisterAgency | ChangeAgencyMandates | RegisterOfficer | ChangeOfficerRoles | SuspendOfficer | ReinstateOfficer;

export interface AgencyDecisionContext extends DecisionContext {
  /** For BootstrapLedger: whether the whole ledger holds no event yet (the handler checks the store). */
  ledgerIsEmpty?: boolean;
}
