/**
 * The documents each agency's view holds, already redacted for that agency. The read API returns
 * these shapes. A personal field is always `{category, value, redacted: false}` or
 * `{category, redacted: true}` (value withheld); a field that was never recorded is absent.
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
  PersonRole,
  Role,
  Tlp,
} from '@ledger/domain/shared/vocabulary';
import type { ViewField } from '../access-policy/access-policy';
import type { FactType, StepDetail } from '../state/records';

export interface AgencyView {
  agencyId: string;
  name: string;
  country: string;
  kind: AgencyKind;
  mandates: DataCategory[];
}

export interface OfficerView {
  officerId: string;
  agencyId: string;
  name: string;
  roles: Role[];
  auditScope: AuditScope;
  suspended: boolean;
}

export interface AgreementPartyView {
  agencyId: string;
  signed: boolean;
  signedAt: string | null;
}

export interface AgreementView {
  agreementId: string;
  title: string;
  status: AgreementStatus;
  statusReason: string | null;
  parties: AgreementPartyView[];
  scope: CaseKind[];
  categories: DataCategory[];
  maxTlp: Tlp;
  validFrom: string;
  validUntil: string;
  proposedByAgencyId: string;
  proposedAt: string;
  /** ACTIVE and the reader's today within [validFrom, validUntil]; set by the reader, not stored. */
  inForce: boolean;
}

export interface ShareView {
  recipientAgencyId: string;
  agreementId: string;
  categories: DataCategory[];
  sharedAt: string;
  revoked: boolean;
  revokedAt: string | null;
  revokeReason: string | null;
}

export interface FactView {
  factType: FactType;
  factId: string;
  markings: Markings;
  recordedAt: string;
  /** The recording officer: only in the owner's view. */
  recordedByOfficerId: string | null;
  /** The fact's own fields; personal ones as ViewField. */
  fields: Record<string, unknown>;
}

export type ViewerRole = 'OWNER' | 'RECIPIENT';

/** A case as one agency sees it, with the facts it may see (in the order they were recorded). */
export interface CaseView extends CaseHeaderView {
  facts: FactView[];
}

/** What the view stores per case and agency; the facts are stored one row each. */
export interface CaseHeaderView {
  caseId: string;
  ownerAgencyId: string;
  kind: CaseKind;
  title: string;
  summary: string;
  markings: Markings;
  status: CaseStatus;
  openedAt: string;
  viewerRole: ViewerRole;
  /** Owner: every share (revoked ones included). Recipient: its own current share only. */
  shares: ShareView[];
  /** Recipient: the categories it may see (share ∩ agreement ∩ its mandates). Owner: null (everything). */
  visibleCategories: DataCategory[] | null;
  /** Owner only (null for recipients). */
  openedForClueId: string | null;
  /** Owner only (null for recipients). */
  jointPartnerAgencyIds: string[] | null;
  closedAt: string | null;
  /** Owner only (null for recipients). */
  closeReason: string | null;
}

export interface ClaimedIdentityView {
  personRole: PersonRole;
  fullName: ViewField<string>;
  dateOfBirth?: ViewField<string>;
  nationality?: ViewField<string>;
  documentNumber?: ViewField<string>;
}

export interface ClueStepView {
  status: ClueStatus;
  at: string;
  actingAgencyId: string;
  /** Only for steps taken by the viewer's own agency. */
  officerId: string | null;
  /** `linkedCaseId` only for the recipient that owns the linked case. */
  detail: StepDetail;
}

export interface ClueRecipientView {
  recipientAgencyId: string;
  agreementId: string;
  status: ClueStatus;
  /** Only for the recipient that owns the linked case. */
  linkedCaseId: string | null;
  steps: ClueStepView[];
}

export type ClueBox = 'INBOX' | 'OUTBOX';

export interface ClueView {
  clueId: string;
  box: ClueBox;
  senderAgencyId: string;
  kind: ClueKind;
  subject: string;
  body: string;
  markings: Markings;
  submittedAt: string;
  /** Sender only (null for recipients). */
  senderCaseId: string | null;
  claimedIdentity: ClaimedIdentityView | null;
  /** Recipient: the categories it may see (agreement ∩ its mandates). Sender: null (everything). */
  visibleCategories: DataCategory[] | null;
  /** Sender: every recipient. Recipient: its own entry only. */
  recipients: ClueRecipientView[];
}
