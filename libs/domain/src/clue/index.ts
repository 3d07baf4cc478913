import { everyOf } from '../shared/checks';
import type { Decider } from '../shared/command';
import type { ClueCommand, ClueDecisionContext } from './clue.commands';
import { decideClue } from './clue.decide';
import type { ClueEvent } from './clue.events';
import { type ClueState, evolveClue, initialClueState } from './clue.state';

export * from './clue.commands';
export * from './clue.events';
export * from './clue.state';
export * from './clue.decide';
export * from './clue.stream';
export { decideClue as decide } from './clue.decide';
export { evolveClue as evolve, initialClueState as initialState } from './clue.state';
export { clueStreamName as streamName } from './clue.stream';

export const clueDecider: Decider<ClueState, ClueCommand, ClueEvent, ClueDecisionContext> = {
  decide: decideClue,
  evolve: evolveClue,
  initialState: initialClueState,
};

export const CLUE_EVENT_TYPES = everyOf<ClueEvent['type']>()([
  'ClueSubmitted',
  'ClueAcknowledged',
  'ClueInformationRequested',
  'ClueInformationProvided',
  'ClueAccepted',
  'ClueDeclined',
  'ClueFeedbackGiven',
  'ClueClosed',
  'ClueWithdrawn',
]);
export const CLUE_COMMAND_TYPES = everyOf<ClueCommand['type']>()([
  'SubmitClue',
  'AcknowledgeClue',
  'RequestClueInformation',
  'ProvideClueInformation',
  'AcceptClue',
  'DeclineClue',
  'GiveClueFeedback',
  'CloseClue',
  'WithdrawClue',
]);
