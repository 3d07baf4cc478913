/**
 * Pure functions from the internal records to the rows of each agency's view: who gets a row,
 * with which validity window, holding which redacted document. All visibility decisions go
 * through `access-policy`.
 */
import {
  ALWAYS,
  agreementLetsDataFlow,
  caseCategoriesFor,
  clueCategoriesFor,
  isFactVisibleUnder,
  redactPersonalFields,
  type ValidityWindow,
  validityOf,
} from '../access-policy/access-policy';
import type { DataCategory } from '@ledger/domain/shared/vocabulary';
import type { AgencyRecord, AgreementRecord, CaseRecord, ClueRecipientRecord, ClueRecord, ClueStepRecord, FactRecord, OfficerRecord, ShareRecord } from '../state/records';
import type {
  AgencyView,
  AgreementView,
  CaseHeaderView,
  ClaimedIdentityView,
  ClueBox,
  ClueRecipientView,
  ClueStepView,
  ClueView,
  FactView,
  OfficerView,
  ShareView,
} from './view-types';

/** Records a view computation may need besides the one it is about. */
export interface ViewLookups {
  agreement(id: string): AgreementRecord | undefined;
  agency(id: string): AgencyRecord | undefined;
}

/** One agency's row of something, valid (for that agency) within `validity`. */
export interface ViewRow<T> {
  agencyId: string;
  validity: ValidityWindow;
  view: T;
}

// ── cases ────────────────────────────────────────────────────────────────

/** Who sees a case and how: the owner in full, or a recipient through its share and agreement. */
export type CaseViewer =
  | { agencyId: string; role: 'OWNER'; validity: ValidityWindow }
  | { agencyId: string; role: 'RECIPIENT'; validity: ValidityWindow; share: ShareRecord; agreement: AgreementRecord; visibleCategories: DataCategory[] };

/**
 * The owner, and every recipient holding a current share under an ACTIVE agreement (the dates
 * are left to readers, see access-policy). With `only`, just those agencies.
 */
export function caseViewers(record: CaseRecord, lookups: ViewLookups, only?: ReadonlySet<string>): CaseViewer[] {
  const wanted = (agencyId: string): boolean => only === undefined || only.has(agencyId);
  const viewers: CaseViewer[] = wanted(record.ownerAgencyId) ? [{ agencyId: record.ownerAgencyId, role: 'OWNER', validity: ALWAYS }] : [];
  for (const share of record.shares) {
    if (share.revoked || share.recipientAgencyId === record.ownerAgencyId || !wanted(share.recipientAgencyId)) continue;
    const agreement = lookups.agreement(share.agreementId);
    const recipient = lookups.agency(share.recipientAgencyId);
    if (!agreement || !recipient || !agreementLetsDataFlow(agreement)) continue;
    viewers.push({ agencyId: recipient.agencyId, role: 'RECIPIENT', validity: validityOf(agreement), share, agreement, visibleCategories: caseCategoriesFor(share.categories, agreement, recipient.mandates) });
  }
  return viewers;
}

/** A case as one viewer sees it, without its facts (see `caseFactView`). */
export function caseHeaderView(record: CaseRecord, viewer: CaseViewer): CaseHeaderView {
  const header = {
    caseId: record.caseId,
    ownerAgencyId: record.ownerAgencyId,
    kind: record.kind,
    title: record.title,
    summary: record.summary,
    markings: record.markings,
    status: record.status,
    openedAt: record.openedAt,
    closedAt: record.closedAt,
  };
  if (viewer.role === 'OWNER') {
    return {
      ...header,
      viewerRole: 'OWNER',
      shares: record.shares.map(shareView),
      visibleCategories: null,
      openedForClueId: record.openedForClueId,
      jointPartnerAgencyIds: [...record.jointPartnerAgencyIds],
      closeReason: record.closeReason,
    };
  }
  return { ...header, viewerRole: 'RECIPIENT', shares: [shareView(viewer.share)], visibleCategories: [...viewer.visibleCategories], openedForClueId: null, jointPartnerAgencyIds: null, closeReason: null };
}

/** A fact as one viewer sees it, or null when its TLP is above what the viewer's agreement allows. */
export function caseFactView(fact: FactRecord, viewer: CaseViewer): FactView | null {
  if (viewer.role === 'RECIPIENT' && !isFactVisibleUnder(fact.markings.tlp, viewer.agreement)) return null;
  const isOwner = viewer.role === 'OWNER';
  return {
    factType: fact.factType,
    factId: fact.factId,
    markings: fact.markings,
    recordedAt: fact.recordedAt,
    recordedByOfficerId: isOwner ? fact.recordedBy.officerId : null,
    fields: redactPersonalFields(fact.fields, isOwner ? 'ALL' : new Set(viewer.visibleCategories)),
  };
}

function shareView(share: ShareRecord): ShareView {
  return { ...share, categories: [...share.categories] };
}

// ── clues ────────────────────────────────────────────────────────────────

/** A clue's row in an agency's view, and the links (one per partner) cooperation statistics count. */
export interface ClueViewRow extends ViewRow<ClueView> {
  box: ClueBox;
  /** The viewer's own status (INBOX); null for the sender, whose recipients each have one. */
  status: ClueRecipientRecord['status'] | null;
  links: ClueLink[];
}

/** One sender→recipient pair of a clue as one side sees it. */
export interface ClueLink {
  partnerAgencyId: string;
  status: ClueRecipientRecord['status'];
  submittedAt: string;
  acknowledgedAt: string | null;
  outcome: 'ACCEPTED' | 'DECLINED' | null;
  outcomeAt: string | null;
}

/** The sender's row, and one row per recipient whose agreement is ACTIVE; with `only`, just those agencies' rows. */
export function clueViewRows(record: ClueRecord, lookups: ViewLookups, only?: ReadonlySet<string>): ClueViewRow[] {
  const wanted = (agencyId: string): boolean => only === undefined || only.has(agencyId);
  const rows: ClueViewRow[] = [];
  if (wanted(record.senderAgencyId)) {
    rows.push({
      agencyId: record.senderAgencyId,
      validity: ALWAYS,
      box: 'OUTBOX',
      status: null,
      view: senderClueView(record),
      links: record.recipients.map((recipient) => clueLink(record, recipient, recipient.recipientAgencyId)),
    });
  }
  for (const recipient of record.recipients) {
    if (recipient.recipientAgencyId === record.senderAgencyId || !wanted(recipient.recipientAgencyId)) continue;
    const agreement = lookups.agreement(recipient.agreementId);
    const agency = lookups.agency(recipient.recipientAgencyId);
    if (!agreement || !agency || !agreementLetsDataFlow(agreement)) continue;
    rows.push({
      agencyId: agency.agencyId,
      validity: validityOf(agreement),
      box: 'INBOX',
      status: recipient.status,
      view: recipientClueView(record, recipient, clueCategoriesFor(agreement, agency.mandates)),
      links: [clueLink(record, recipient, record.senderAgencyId)],
    });
  }
  return rows;
}

function senderClueView(record: ClueRecord): ClueView {
  return {
    ...clueHeader(record, 'OUTBOX'),
    senderCaseId: record.senderCaseId,
    claimedIdentity: record.claimedIdentity ? redactPersonalFields(record.claimedIdentity, 'ALL') as unknown as ClaimedIdentityView : null,
    visibleCategories: null,
    recipients: record.recipients.map((recipient) => recipientEntry(recipient, record.senderAgencyId, false)),
  };
}

function recipientClueView(record: ClueRecord, recipient: ClueRecipientRecord, visibleCategories: DataCategory[]): ClueView {
  const allowed = new Set(visibleCategories);
  return {
    ...clueHeader(record, 'INBOX'),
    senderCaseId: null,
    claimedIdentity: record.claimedIdentity ? redactPersonalFields(record.claimedIdentity, allowed) as unknown as ClaimedIdentityView : null,
    visibleCategories,
    recipients: [recipientEntry(recipient, recipient.recipientAgencyId, true)],
  };
}

function clueHeader(record: ClueRecord, box: ClueBox) {
  return {
    clueId: record.clueId,
    box,
    senderAgencyId: record.senderAgencyId,
    kind: record.kind,
    subject: record.subject,
    body: record.body,
    markings: record.markings,
    submittedAt: record.submittedAt,
  };
}

/** A recipient entry as `viewerAgencyId` sees it; `viewerOwnsLinkedCase` for the recipient itself. */
function recipientEntry(recipient: ClueRecipientRecord, viewerAgencyId: string, viewerOwnsLinkedCase: boolean): ClueRecipientView {
  return {
    recipientAgencyId: recipient.recipientAgencyId,
    agreementId: recipient.agreementId,
    status: recipient.status,
    linkedCaseId: viewerOwnsLinkedCase ? recipient.linkedCaseId : null,
    steps: recipient.steps.map((step) => stepView(step, viewerAgencyId, viewerOwnsLinkedCase)),
  };
}

function stepView(step: ClueStepRecord, viewerAgencyId: string, viewerOwnsLinkedCase: boolean): ClueStepView {
  const { linkedCaseId, ...detail } = step.detail;
  return {
    status: step.status,
    at: step.at,
    actingAgencyId: step.actedBy.agencyId,
    officerId: step.actedBy.agencyId === viewerAgencyId ? step.actedBy.officerId : null,
    detail: viewerOwnsLinkedCase && linkedCaseId !== undefined ? { ...detail, linkedCaseId } : detail,
  };
}

function clueLink(record: ClueRecord, recipient: ClueRecipientRecord, partnerAgencyId: string): ClueLink {
  const acknowledged = recipient.steps.find((step) => step.status === 'ACKNOWLEDGED');
  const outcome = recipient.steps.find((step) => step.status === 'ACCEPTED' || step.status === 'DECLINED');
  return {
    partnerAgencyId,
    status: recipient.status,
    submittedAt: record.submittedAt,
    acknowledgedAt: acknowledged ? acknowledged.at : null,
    outcome: outcome ? (outcome.status as 'ACCEPTED' | 'DECLINED') : null,
    outcomeAt: outcome ? outcome.at : null,
  };
}

// ── agreements, agencies, officers ───────────────────────────────────────

/** One row per party, in every status. */
export function agreementViewRows(record: AgreementRecord): Array<ViewRow<Omit<AgreementView, 'inForce'>>> {
  const view = agreementView(record);
  return [...new Set(record.parties)].map((agencyId) => ({ agencyId, validity: validityOf(record), view }));
}

function agreementView(record: AgreementRecord): Omit<AgreementView, 'inForce'> {
  return {
    agreementId: record.agreementId,
    title: record.title,
    status: record.status,
    statusReason: record.statusReason,
    parties: record.parties.map((agencyId) => {
      const signature = record.signatures.find((s) => s.agencyId === agencyId);
      return { agencyId, signed: signature !== undefined, signedAt: signature ? signature.signedAt : null };
    }),
    scope: [...record.scope],
    categories: [...record.categories],
    maxTlp: record.maxTlp,
    validFrom: record.validFrom,
    validUntil: record.validUntil,
    proposedByAgencyId: record.proposedByAgencyId,
    proposedAt: record.proposedAt,
  };
}

/** The agencies `viewer` sees: itself and every co-party of an agreement it is party to, in any status. */
export function visibleAgencyIds(viewerAgencyId: string, agreementsOfViewer: ReadonlyArray<Pick<AgreementRecord, 'parties'>>): string[] {
  const ids = new Set<string>([viewerAgencyId]);
  for (const agreement of agreementsOfViewer) for (const party of agreement.parties) ids.add(party);
  return [...ids];
}

export function agencyView(record: AgencyRecord): AgencyView {
  return { agencyId: record.agencyId, name: record.name, country: record.country, kind: record.kind, mandates: [...record.mandates] };
}

export function officerViews(record: AgencyRecord): OfficerView[] {
  return Object.values(record.officers).map((officer: OfficerRecord) => ({
    officerId: officer.officerId,
    agencyId: record.agencyId,
    name: officer.name,
    roles: [...officer.roles],
    auditScope: officer.auditScope,
    suspended: officer.suspended,
  }));
}
