/**
 * The ledger's pure domain: for each aggregate (agency, agreement, case, clue) its commands, events,
 * state, `decide`, `evolve`, `initialState` and stream name. No framework, no I/O.
 * Names are unique across aggregates (`decideCase`, `evolveClue`, …); each aggregate is also
 * available as a namespace with the generic names (`CaseAggregate.decide`, `CaseAggregate.streamName`).
 */
export * from './shared/vocabulary';
export * from './shared/actor';
export * from './shared/command';
export * from './shared/errors';
export * from './shared/dates';
export * from './shared/markings';
export * from './shared/places';
export { everyOf } from './shared/checks';

export * from './agency/agency.commands';
export * from './agency/agency.events';
export * from './agency/agency.state';
export * from './agency/agency.decide';
export * from './agency/agency.stream';
export * from './agency/resolve-actor';
export { agencyDecider, AGENCY_EVENT_TYPES, AGENCY_COMMAND_TYPES } from './agency';

export * from './agreement/agreement.commands';
export * from './agreement/agreement.events';
export * from './agreement/agreement.state';
export * from './agreement/agreement.decide';
export * from './agreement/agreement.policy';
export * from './agreement/agreement.stream';
export { agreementDecider, AGREEMENT_EVENT_TYPES, AGREEMENT_COMMAND_TYPES } from './agreement';

export * from './case/case.commands';
export * from './case/case.events';
export * from './case/case.state';
export * from './case/case.decide';
export * from './case/case.stream';
export { caseDecider, CASE_EVENT_TYPES, CASE_COMMAND_TYPES } from './case';

export * from './clue/clue.commands';
export * from './clue/clue.events';
export * from './clue/clue.state';
export * from './clue/clue.decide';
export * from './clue/clue.stream';
export { clueDecider, CLUE_EVENT_TYPES, CLUE_COMMAND_TYPES } from './clue';

export * as AgencyAggregate from './agency';
export * as AgreementAggregate from './agreement';
export * as CaseAggregate from './case';
export * as ClueAggregate from './clue';

import type { AgencyEvent } from './agency/agency.events';
import type { AgreementEvent } from './agreement/agreement.events';
import type { CaseEvent } from './case/case.events';
import type { ClueEvent } from './clue/clue.events';

/** Every event the ledger records. */
export type LedgerEvent = AgencyEvent | AgreementEvent | CaseEvent | ClueEvent;
