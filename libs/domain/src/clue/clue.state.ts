import type { ClueKind, ClueOutcome, ClueStatus, Markings } from '../shared/vocabulary';
import type { ClueEvent } from './clue.events';

/** One recipient's own lifecycle of the clue. */
export interface ClueRecipientState {
  agreementId: string;
  status: ClueStatus;
  linkedCaseId?: string;
  outcome?: ClueOutcome;
}

export interface SubmittedClue {
  exists: true;
  clueId: string;
  senderAgencyId: string;
  kind: ClueKind;
  markings: Markings;
  senderCaseId?: string;
  recipients: Record<string, ClueRecipientState>;
}

export type ClueState = { exists: false } | SubmittedClue;

export function initialClueState(): ClueState {
  return { exists: false };
}

/** Folds one event of stream `clue-<id>`; pure, never mutates `state`. */
export function evolveClue(state: ClueState, event: ClueEvent): ClueState {
  if (event.type === 'ClueSubmitted') {
    const d = event.data;
    // fromEntries defines own properties whatever the id, never touching the prototype chain.
    const recipients: Record<string, ClueRecipientState> = Object.fromEntries(
      d.recipientAgencyIds.map((recipient): [string, ClueRecipientState] => [recipient, { agreementId: d.agreementIds[recipient], status: 'SUBMITTED' }]),
    );
    const submitted: SubmittedClue = { exists: true, clueId: d.clueId, senderAgencyId: d.senderAgencyId, kind: d.kind, markings: d.markings, recipients };
    return d.senderCaseId === undefined ? submitted : { ...submitted, senderCaseId: d.senderCaseId };
  }
  if (!state.exists) return state;
  const recipientAgencyId = event.data.recipientAgencyId;
  switch (event.type) {
    case 'ClueAcknowledged':
      return withRecipient(state, recipientAgencyId, { status: 'ACKNOWLEDGED' });
    case 'ClueInformationRequested':
      return withRecipient(state, recipientAgencyId, { status: 'INFO_REQUESTED' });
    case 'ClueInformationProvided':
      return withRecipient(state, recipientAgencyId, { status: 'INFO_PROVIDED' });
    case 'ClueAccepted':
      return withRecipient(state, recipientAgencyId, { status: 'ACCEPTED', linkedCaseId: event.data.linkedCaseId });
    case 'ClueDeclined':
      return withRecipient(state, recipientAgencyId, { status: 'DECLINED' });
    case 'ClueFeedbackGiven':
      return withRecipient(state, recipientAgencyId, { status: 'FEEDBACK_GIVEN', outcome: event.data.outcome });
    case 'ClueClosed':
      return withRecipient(state, recipientAgencyId, { status: 'CLOSED' });
    case 'ClueWithdrawn':
      return withRecipient(state, recipientAgencyId, { status: 'WITHDRAWN' });
    default:
      return state;
  }
}

function withRecipient(state: SubmittedClue, recipientAgencyId: string, change: Partial<ClueRecipientState>): SubmittedClue {
  if (!Object.hasOwn(state.recipients, recipientAgencyId)) return state;
  return { ...state, recipients: { ...state.recipients, [recipientAgencyId]: { ...state.recipients[recipientAgencyId], ...change } } };
}
