/**
 * The projector's internal, unredacted state: everything needed to recompute any agency's view.
 * These records live in the `state_*` tables and are never exposed by the read API.
 */
import type {
  AgencyKind,
  AgreementStatus,
  AuditScope,
  CaseKind,
  CaseStatus,
  ClueKind,
  ClueStatus,
  DataCategory,
  Markings,
  Role,
  Tlp,
} from '@ledger/domain/shared/vocabulary';
import type { ClaimedIdentity } from '@ledger/domain/clue/clue.events';

/** Who did something: the acting officer and their agency (from the event envelope). */
export interface ActedBy {
  officerId: string;
  agencyId: string;
}

export interface OfficerRecord {
  officerId: string;
  name: string;
  roles: Role[];
  auditScope: AuditScope;
  suspended: boolean;
}

export interface AgencyRecord {
  agencyId: string;
  name: string;
  country: string;
  kind: AgencyKind;
  mandates: DataCategory[];
  registeredAt: string;
  officers: Record<string, OfficerRecord>;
}

export interface SignatureRecord {
  agencyId: string;
  signedAt: string;
}

export interface AgreementRecord {
  agreementId: string;
  title: string;
  parties: string[];
  scope: CaseKind[];
  categories: DataCategory[];
  maxTlp: Tlp;
  validFrom: string;
  validUntil: string;
  proposedByAgencyId: string;
  proposedAt: string;
  /** Global position of the proposal: the agreement's stable sort key. */
  position: number;
  status: AgreementStatus;
  /** The stated reason of the last suspension or of the termination. */
  statusReason: string | null;
  signatures: SignatureRecord[];
}

export const FACT_TYPES = ['PERSON', 'ROUTE', 'ORGANISATION', 'MONEY_FLOW', 'NOTE'] as const;
export type FactType = (typeof FACT_TYPES)[number];

/**
 * One fact of a case; `fields` holds the event's data without the case id, the fact id and the
 * markings. Kept apart from the case record (table `state_case_facts`), so that recording a fact
 * never rewrites the case's other facts.
 */
export interface FactRecord {
  caseId: string;
  /** Global position of the event that recorded it: the facts' order. */
  position: number;
  factType: FactType;
  factId: string;
  markings: Markings;
  fields: Record<string, unknown>;
  recordedAt: string;
  recordedBy: ActedBy;
}

export interface ShareRecord {
  recipientAgencyId: string;
  agreementId: string;
  categories: DataCategory[];
  sharedAt: string;
  revoked: boolean;
  revokedAt: string | null;
  revokeReason: string | null;
}

export interface CaseRecord {
  caseId: string;
  ownerAgencyId: string;
  kind: CaseKind;
  title: string;
  summary: string;
  markings: Markings;
  status: CaseStatus;
  openedForClueId: string | null;
  openedAt: string;
  openedBy: ActedBy;
  /** Global position of CaseOpened: the case's stable sort key. */
  position: number;
  /** One entry per recipient ever shared with; sharing again replaces the entry. */
  shares: ShareRecord[];
  jointPartnerAgencyIds: string[];
  closedAt: string | null;
  closeReason: string | null;
}

/** What a step says besides its status; each key only where the step carries it. */
export interface StepDetail {
  question?: string;
  answer?: string;
  reason?: string;
  outcome?: string;
  comment?: string;
  linkedCaseId?: string;
}

export interface ClueStepRecord {
  status: ClueStatus;
  at: string;
  actedBy: ActedBy;
  detail: StepDetail;
}

export interface ClueRecipientRecord {
  recipientAgencyId: string;
  agreementId: string;
  status: ClueStatus;
  linkedCaseId: string | null;
  steps: ClueStepRecord[];
}

export interface ClueRecord {
  clueId: string;
  senderAgencyId: string;
  kind: ClueKind;
  subject: string;
  body: string;
  markings: Markings;
  senderCaseId: string | null;
  claimedIdentity: ClaimedIdentity | null;
  submittedAt: string;
  submittedBy: ActedBy;
  /** Global position of ClueSubmitted: the clue's stable sort key. */
  position: number;
  recipients: ClueRecipientRecord[];
}
