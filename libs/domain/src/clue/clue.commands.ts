import type { AgencyState } from '../agency/agency.state';
import type { AgreementState } from '../agreement/agreement.state';
import type { CaseDraft } from '../case/case.commands';
import type { CaseState } from '../case/case.state';
import type { DomainCommand, DecisionContext } from '../shared/command';
import type { ClueKind, ClueOutcome, Markings, PersonRole } from '../shared/vocabulary';

/** The identity an IDENTIFICATION_REQUEST asks to confirm, as plain values; the decision tags their category. */
export interface ClaimedIdentityInput {
  personRole: PersonRole;
  fullName: string;
  dateOfBirth?: string;
  nationality?: string;
  documentNumber?: string;
}

export type SubmitClue = DomainCommand<
  'SubmitClue',
  {
    clueId: string;
    recipientAgencyIds: string[];
    /** The agreement each recipient receives the clue under, keyed by recipient agency id. */
    agreementIds: Record<string, string>;
    kind: ClueKind;
    subject: string;
    body: string;
    markings: Markings;
    senderCaseId?: string;
    /** Required for, and only for, IDENTIFICATION_REQUEST. */
    claimedIdentity?: ClaimedIdentityInput;
  }
>;
/** Recipient actions: the recipient is the actor's agency. */
export type AcknowledgeClue = DomainCommand<'AcknowledgeClue', { clueId: string }>;
export type RequestClueInformation = DomainCommand<'RequestClueInformation', { clueId: string; question: string }>;
/**
 * Links the clue to one of the recipient's own cases: an existing one (`caseId`) or one opened on
 * the spot (`newCase`); exactly one of the two.
 */
export type AcceptClue = DomainCommand<'AcceptClue', { clueId: string; caseId?: string; newCase?: CaseDraft }>;
export type DeclineClue = DomainCommand<'DeclineClue', { clueId: string; reason: string }>;
export type GiveClueFeedback = DomainCommand<'GiveClueFeedback', { clueId: string; outcome: ClueOutcome; comment: string }>;
/** Sender actions: they name the recipient they concern. */
export type ProvideClueInformation = DomainCommand<'ProvideClueInformation', { clueId: string; recipientAgencyId: string; answer: string }>;
export type WithdrawClue = DomainCommand<'WithdrawClue', { clueId: string; recipientAgencyId: string; reason: string }>;
/** Sender or recipient; a recipient may only close its own part. */
export type CloseClue = DomainCommand<'CloseClue', { clueId: string; recipientAgencyId: string }>;

export type ClueCommand =
  | SubmitClue
  | AcknowledgeClue
  | RequestClueInformation
  | ProvideClueInformation
  | AcceptClue
  | DeclineClue
  | GiveClueFeedback
  | CloseClue
  | WithdrawClue;

export interface ClueDecisionContext extends DecisionContext {
  /** For SubmitClue: every agreement named in `agreementIds`, keyed by agreement id. */
  agreements?: Record<string, AgreementState>;
  /** For SubmitClue: every recipient agency's state. */
  recipients?: Record<string, AgencyState>;
  /** For SubmitClue with `senderCaseId`: that case's state. */
  senderCase?: CaseState;
  /** For AcceptClue: the case the clue is linked to (after opening it, for `newCase`). */
  linkedCase?: CaseState;
}
