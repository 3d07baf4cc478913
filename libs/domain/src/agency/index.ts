import { everyOf } from '../shared/checks';
import type { Decider } from '../shared/command';
import type { AgencyCommand, AgencyDecisionContext } from './agency.commands';
import { decideAgency } from './agency.decide';
import type { AgencyEvent } from './agency.events';
import { type AgencyState, evolveAgency, initialAgencyState } from './agency.state';

export * from './agency.commands';
export * from './agency.events';
export * from './agency.state';
export * from './agency.decide';
export * from './agency.stream';
export * from './resolve-actor';
export { decideAgency as decide } from './agency.decide';
export { evolveAgency as evolve, initialAgencyState as initialState } from './agency.state';
export { agencyStreamName as streamName } from './agency.stream';

export const agencyDecider: Decider<AgencyState, AgencyCommand, AgencyEvent, AgencyDecisionContext> = {
  decide: decideAgency,
  evolve: evolveAgency,
  initialState: initialAgencyState,
};

export const AGENCY_EVENT_TYPES = everyOf<AgencyEvent['type']>()([
  'AgencyRegistered',
  'AgencyMandatesChanged',
  'OfficerRegistered',
  'OfficerRolesChanged',
  'OfficerSuspended',
  'OfficerReinstated',
]);
export const AGENCY_COMMAND_TYPES = everyOf<AgencyCommand['type']>()([
  'BootstrapLedger',
  'RegisterAgency',
  'ChangeAgencyMandates',
  'RegisterOfficer',
  'ChangeOfficerRoles',
  'SuspendOfficer',
  'ReinstateOfficer',
]);
