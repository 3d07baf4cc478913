import { everyOf } from '../shared/checks';
import type { Decider } from '../shared/command';
import type { AgreementCommand, AgreementDecisionContext } from './agreement.commands';
import { decideAgreement } from './agreement.decide';
import type { AgreementEvent } from './agreement.events';
import { type AgreementState, evolveAgreement, initialAgreementState } from './agreement.state';

export * from './agreement.commands';
export * from './agreement.events';
export * from './agreement.state';
export * from './agreement.decide';
export * from './agreement.policy';
export * from './agreement.stream';
export { decideAgreement as decide } from './agreement.decide';
export { evolveAgreement as evolve, initialAgreementState as initialState } from './agreement.state';
export { agreementStreamName as streamName } from './agreement.stream';

export const agreementDecider: Decider<AgreementState, AgreementCommand, AgreementEvent, AgreementDecisionContext> = {
  decide: decideAgreement,
  evolve: evolveAgreement,
  initialState: initialAgreementState,
};

export const AGREEMENT_EVENT_TYPES = everyOf<AgreementEvent['type']>()([
  'AgreementProposed',
  'AgreementSigned',
  'AgreementActivated',
  'AgreementSuspended',
  'AgreementResumed',
  'AgreementTerminated',
]);
export const AGREEMENT_COMMAND_TYPES = everyOf<AgreementCommand['type']>()(['ProposeAgreement', 'SignAgreement', 'SuspendAgreement', 'ResumeAgreement', 'TerminateAgreement']);
