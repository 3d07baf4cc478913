import type { AgencyKind, AuditScope, DataCategory, Role } from '../shared/vocabulary';
import { lookup } from '../shared/records';
import type { AgencyEvent } from './agency.events';

export interface OfficerState {
  officerId: string;
  name: string;
  roles: Role[];
  auditScope: AuditScope;
  suspended: boolean;
}

export interface RegisteredAgency {
  exists: true;
  agencyId: string;
  name: string;
  country: string;
  kind: AgencyKind;
  mandates: DataCategory[];
  officers: Record<string, OfficerState>;
}

export type AgencyState = { exists: false } | RegisteredAgency;

export function initialAgencyState(): AgencyState {
  return { exists: false };
}

/** Folds one event of stream `agency-<id>`; pure, never mutates `state`. */
export function evolveAgency(state: AgencyState, event: AgencyEvent): AgencyState {
  if (event.type === 'AgencyRegistered') {
    const { agencyId, name, country, kind, mandates } = event.data;
    return { exists: true, agencyId, name, country, kind, mandates: [...mandates], officers: {} };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'AgencyMandatesChanged':
      return { ...state, mandates: [...event.data.mandates] };
    case 'OfficerRegistered': {
      const { officerId, name, roles, auditScope } = event.data;
      return withOfficer(state, { officerId, name, roles: [...roles], auditScope, suspended: false });
    }
    case 'OfficerRolesChanged':
      return updateOfficer(state, event.data.officerId, { roles: [...event.data.roles], auditScope: event.data.auditScope });
    case 'OfficerSuspended':
      return updateOfficer(state, event.data.officerId, { suspended: true });
    case 'OfficerReinstated':
      return updateOfficer(state, event.data.officerId, { suspended: false });
    default:
      return state;
  }
}

function withOfficer(state: RegisteredAgency, officer: OfficerState): RegisteredAgency {
  return { ...state, officers: { ...state.officers, [officer.officerId]: officer } };
}

function updateOfficer(state: RegisteredAgency, officerId: string, change: Partial<OfficerState>): RegisteredAgency {
  const officer = lookup(state.officers, officerId);
  return officer ? withOfficer(state, { ...officer, ...change }) : state;
}

/** Officers who can still administer the agency. */
export function activeAdmins(state: RegisteredAgency): OfficerState[] {
  return Object.values(state.officers).filter((officer) => !officer.suspended && officer.roles.includes('AGENCY_ADMIN'));
}
