import { type Actor, isSystemActor, requireRole, SYSTEM_ID } from '../shared/actor';
import { requireDistinct, requireNonEmpty, requireText } from '../shared/checks';
import { AlreadyExistsError, BadInputError, ForbiddenError, InvalidTransitionError, NotFoundError, RuleViolationError } from '../shared/errors';
import { lookup } from '../shared/records';
import type { AgencyKind, AuditScope, DataCategory, Role } from '../shared/vocabulary';
import type { AgencyCommand, AgencyDecisionContext, AgencyOnboarding, OfficerSpec } from './agency.commands';
import type { AgencyEvent, OfficerRegistered } from './agency.events';
import { type AgencyState, type OfficerState, type RegisteredAgency, activeAdmins } from './agency.state';

/** Decides a command on stream `agency-<id>`: the events to append, or a DomainError naming the broken rule. */
export function decideAgency(command: AgencyCommand, state: AgencyState, context: AgencyDecisionContext): AgencyEvent[] {
  switch (command.type) {
    case 'BootstrapLedger': {
      if (!isSystemActor(command.actor)) {
        throw new ForbiddenError('ledger.bootstrap.by-system', `only the system bootstraps the ledger, not officer ${command.actor.officerId} of ${command.actor.agencyId}`);
      }
      if (context.ledgerIsEmpty !== true) {
        throw new RuleViolationError('ledger.bootstrap.only-on-empty-ledger', 'the ledger already holds events; register further agencies with RegisterAgency');
      }
      return onboard(command.data, state);
    }
    case 'RegisterAgency':
      requireRole(command.actor, ['AGENCY_ADMIN'], 'agency.register.by-agency-admin');
      return onboard(command.data, state);
    case 'ChangeAgencyMandates': {
      const agency = administeredAgency(command.actor, command.data.agencyId, state);
      checkMandates(command.data.mandates);
      if (sameSet(agency.mandates, command.data.mandates)) return [];
      return [{ type: 'AgencyMandatesChanged', data: { agencyId: agency.agencyId, mandates: [...command.data.mandates] } }];
    }
    case 'RegisterOfficer': {
      const agency = administeredAgency(command.actor, command.data.agencyId, state);
      return [registerOfficer(agency.agencyId, agency.kind, agency, command.data)];
    }
    case 'ChangeOfficerRoles': {
      const agency = administeredAgency(command.actor, command.data.agencyId, state);
      const officer = existingOfficer(agency, command.data.officerId);
      const { roles, auditScope } = command.data;
      checkRoles(roles, auditScope, agency.kind);
      if (sameSet(officer.roles, roles) && officer.auditScope === auditScope) return [];
      requireAnActiveAdminRemains(agency, { ...officer, roles });
      return [{ type: 'OfficerRolesChanged', data: { agencyId: agency.agencyId, officerId: officer.officerId, roles: [...roles], auditScope } }];
    }
    case 'SuspendOfficer': {
      const agency = administeredAgency(command.actor, command.data.agencyId, state);
      const officer = existingOfficer(agency, command.data.officerId);
      requireText(command.data.reason, 'reason', 'officer.suspend.reason-stated');
      if (officer.suspended) {
        throw new InvalidTransitionError('officer.status-transition', 'SUSPENDED', 'SUSPENDED', `officer ${officer.officerId} is already suspended`);
      }
      requireAnActiveAdminRemains(agency, { ...officer, suspended: true });
      return [{ type: 'OfficerSuspended', data: { agencyId: agency.agencyId, officerId: officer.officerId, reason: command.data.reason } }];
    }
    case 'ReinstateOfficer': {
      const agency = administeredAgency(command.actor, command.data.agencyId, state);
      const officer = existingOfficer(agency, command.data.officerId);
      if (!officer.suspended) {
        throw new InvalidTransitionError('officer.status-transition', 'ACTIVE', 'ACTIVE', `officer ${officer.officerId} is not suspended`);
      }
      return [{ type: 'OfficerReinstated', data: { agencyId: agency.agencyId, officerId: officer.officerId } }];
    }
  }
}

function onboard(data: AgencyOnboarding, state: AgencyState): AgencyEvent[] {
  if (data.agencyId === SYSTEM_ID) throw new BadInputError('agency.id-not-reserved', `agency id "${SYSTEM_ID}" is reserved for the ledger itself`);
  if (state.exists) throw new AlreadyExistsError('agency.unique', `agency ${data.agencyId} is already registered`);
  requireText(data.name, 'name', 'agency.name-given');
  checkMandates(data.mandates);
  if (!data.admin.roles.includes('AGENCY_ADMIN')) {
    throw new BadInputError('agency.first-officer-is-admin', `the first officer of ${data.agencyId} must hold AGENCY_ADMIN (given ${data.admin.roles.join(', ') || 'no role'})`);
  }
  return [
    { type: 'AgencyRegistered', data: { agencyId: data.agencyId, name: data.name, country: data.country, kind: data.kind, mandates: [...data.mandates] } },
    registerOfficer(data.agencyId, data.kind, undefined, data.admin),
  ];
}

function registerOfficer(agencyId: string, kind: AgencyKind, agency: RegisteredAgency | undefined, spec: OfficerSpec): OfficerRegistered {
  if (agency && lookup(agency.officers, spec.officerId)) {
    throw new AlreadyExistsError('officer.unique', `officer ${spec.officerId} is already registered with ${agencyId}`);
  }
  requireText(spec.name, 'name', 'officer.name-given');
  checkRoles(spec.roles, spec.auditScope, kind);
  return { type: 'OfficerRegistered', data: { agencyId, officerId: spec.officerId, name: spec.name, roles: [...spec.roles], auditScope: spec.auditScope } };
}

/** The agency, if the actor is one of its AGENCY_ADMINs. */
function administeredAgency(actor: Actor, agencyId: string, state: AgencyState): RegisteredAgency {
  if (actor.agencyId !== agencyId) {
    throw new ForbiddenError('agency.administered-by-own-admins', `officer ${actor.officerId} of ${actor.agencyId} cannot administer ${agencyId}`);
  }
  requireRole(actor, ['AGENCY_ADMIN'], 'agency.administered-by-own-admins');
  if (!state.exists) throw new NotFoundError('agency.exists', `agency ${agencyId} is not registered`);
  return state;
}

function existingOfficer(agency: RegisteredAgency, officerId: string): OfficerState {
  const officer = lookup(agency.officers, officerId);
  if (!officer) throw new NotFoundError('officer.exists', `officer ${officerId} is not registered with ${agency.agencyId}`);
  return officer;
}

function checkMandates(mandates: DataCategory[]): void {
  requireDistinct(mandates, 'mandates', 'agency.mandates-distinct');
}

function checkRoles(roles: Role[], auditScope: AuditScope, kind: AgencyKind): void {
  requireNonEmpty(roles, 'roles', 'officer.roles-given');
  requireDistinct(roles, 'roles', 'officer.roles-given');
  if (auditScope === 'ALL') {
    if (kind !== 'OVERSIGHT') {
      throw new RuleViolationError('officer.audit-scope-all-only-for-oversight', `audit scope ALL is only for officers of OVERSIGHT agencies (this agency is ${kind})`);
    }
    if (!roles.includes('AUDITOR')) {
      throw new RuleViolationError('officer.audit-scope-all-needs-auditor-role', 'audit scope ALL is only for officers holding the AUDITOR role');
    }
  }
}

/** An agency must never lock itself out: at least one active AGENCY_ADMIN remains after the change. */
function requireAnActiveAdminRemains(agency: RegisteredAgency, changed: OfficerState): void {
  const after = activeAdmins({ ...agency, officers: { ...agency.officers, [changed.officerId]: changed } });
  if (after.length === 0) {
    throw new RuleViolationError('agency.keeps-an-active-admin', `${agency.agencyId} would be left without an active AGENCY_ADMIN`);
  }
}

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((value) => right.has(value));
}
