import type { ClueKind, ClueOutcome, Markings, PersonalField, PersonRole } from '../shared/vocabulary';

/**
 * Stream `clue-<clueId>`: a referral from one agency to one or more recipients.
 * Each recipient's lifecycle is tracked separately, so every event after submission names the recipient.
 */

export interface ClaimedIdentity {
  /** Whose identity: a victim's (VICTIM_IDENTITY) or a suspect's (SUSPECT_IDENTITY). */
  personRole: PersonRole;
  fullName: PersonalField;
  dateOfBirth?: PersonalField;
  nationality?: PersonalField;
  documentNumber?: PersonalField;
}

export interface ClueSubmitted {
  type: 'ClueSubmitted';
  data: {
    clueId: string;
    senderAgencyId: string;
    recipientAgencyIds: string[];
    /** The agreement, per recipient, the clue is sent under. */
    agreementIds: Record<string, string>;
    kind: ClueKind;
    subject: string;
    body: string;
    markings: Markings;
    /** The sender's case this clue comes from, if any. */
    senderCaseId?: string;
    /** Required for IDENTIFICATION_REQUEST. */
    claimedIdentity?: ClaimedIdentity;
  };
}
export interface ClueAcknowledged {
  type: 'ClueAcknowledged';
  data: { clueId: string; recipientAgencyId: string };
}
export interface ClueInformationRequested {
  type: 'ClueInformationRequested';
  data: { clueId: string; recipientAgencyId: string; question: string };
}
export interface ClueInformationProvided {
  type: 'ClueInformationProvided';
  data: { clueId: string; recipientAgencyId: string; answer: string };
}
export interface ClueAccepted {
  type: 'ClueAccepted';
  data: { clueId: string; recipientAgencyId: string; linkedCaseId: string };
}
export interface ClueDeclined {
  type: 'ClueDeclined';
  data: { clueId: string; recipientAgencyId: string; reason: string };
}
export interface ClueFeedbackGiven {
  type: 'ClueFeedbackGiven';
  data: { clueId: string; recipientAgencyId: string; outcome: ClueOutcome; comment: string };
}
export interface ClueClosed {
  type: 'ClueClosed';
  data: { clueId: string; recipientAgencyId: string };
}
/** The sender withdraws the clue from one recipient, before that recipient accepted it. */
export interface ClueWithdrawn {
  type: 'ClueWithdrawn';
  data: { clueId: string; recipientAgencyId: string; reason: string };
}

export type ClueEvent =
  | ClueSubmitted
  | ClueAcknowledged
  | ClueInformationRequested
  | ClueInformationProvided
  | ClueAccepted
  | ClueDeclined
  | ClueFeedbackGiven
  | ClueClosed
  | ClueWithdrawn;
