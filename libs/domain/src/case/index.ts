import { everyOf } from '../shared/checks';
import type { Decider } from '../shared/command';
import type { CaseCommand, CaseDecisionContext } from './case.commands';
import { decideCase } from './case.decide';
import type { CaseEvent } from './case.events';
import { type CaseState, evolveCase, initialCaseState } from './case.state';

export * from './case.commands';
export * from './case.events';
export * from './case.state';
export * from './case.decide';
export * from './case.stream';
export { decideCase as decide } from './case.decide';
export { evolveCase as evolve, initialCaseState as initialState } from './case.state';
export { caseStreamName as streamName } from './case.stream';

export const caseDecider: Decider<CaseState, CaseCommand, CaseEvent, CaseDecisionContext> = {
  decide: decideCase,
  evolve: evolveCase,
  initialState: initialCaseState,
};

export const CASE_EVENT_TYPES = everyOf<CaseEvent['type']>()([
  'CaseOpened',
  'PersonRecorded',
  'RouteRecorded',
  'OrganisationRecorded',
  'MoneyFlowRecorded',
  'NoteAdded',
  'CaseShared',
  'ShareRevoked',
  'JointInvestigationDeclared',
  'CaseClosed',
]);
export const CASE_COMMAND_TYPES = everyOf<CaseCommand['type']>()([
  'OpenCase',
  'RecordPerson',
  'RecordRoute',
  'RecordOrganisation',
  'RecordMoneyFlow',
  'AddNote',
  'ShareCase',
  'RevokeShare',
  'DeclareJointInvestigation',
  'CloseCase',
]);
