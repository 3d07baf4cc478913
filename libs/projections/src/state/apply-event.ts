/**
 * Folds one stored event into the projector's internal state and records in the change set what
 * must be persisted and recomputed. Synchronous: the records an event needs are loaded beforehand
 * (see `referencedIds`).
 */
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import type { AgencyEvent } from '@ledger/domain/agency/agency.events';
import type { AgreementEvent } from '@ledger/domain/agreement/agreement.events';
import type { CaseEvent } from '@ledger/domain/case/case.events';
import type { ClueEvent } from '@ledger/domain/clue/clue.events';
import type { ClueStatus } from '@ledger/domain/shared/vocabulary';
import type { ChangeSet } from './change-set';
import type { ActedBy, AgencyRecord, AgreementRecord, CaseRecord, ClueRecord, FactRecord, FactType, StepDetail } from './records';

export type LedgerEvent = AgencyEvent | AgreementEvent | CaseEvent | ClueEvent;

/** The records one batch works on, already loaded. */
export interface StateRecords {
  agency(id: string): AgencyRecord | undefined;
  agreement(id: string): AgreementRecord | undefined;
  caseRecord(id: string): CaseRecord | undefined;
  clue(id: string): ClueRecord | undefined;
  addAgency(record: AgencyRecord): void;
  addAgreement(record: AgreementRecord): void;
  addCase(record: CaseRecord): void;
  addClue(record: ClueRecord): void;
}

/** Why an event could not be applied (an event about an unknown record); the event is then skipped. */
export interface SkippedEvent {
  globalPosition: number;
  type: string;
  reason: string;
}

/** The ids of the records an event reads or changes, so a batch can load them in bulk first. */
export function referencedIds(event: RecordedEvent): { agencies: string[]; agreements: string[]; cases: string[]; clues: string[] } {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const text = (key: string): string[] => (typeof data[key] === 'string' ? [data[key] as string] : []);
  if (AGENCY_TYPES.has(event.type)) return { agencies: text('agencyId'), agreements: [], cases: [], clues: [] };
  if (AGREEMENT_TYPES.has(event.type)) return { agencies: [], agreements: text('agreementId'), cases: [], clues: [] };
  if (CASE_TYPES.has(event.type)) return { agencies: [], agreements: [], cases: text('caseId'), clues: [] };
  if (CLUE_TYPES.has(event.type)) return { agencies: [], agreements: [], cases: [], clues: text('clueId') };
  return { agencies: [], agreements: [], cases: [], clues: [] };
}

const AGENCY_TYPES = new Set(['AgencyRegistered', 'AgencyMandatesChanged', 'OfficerRegistered', 'OfficerRolesChanged', 'OfficerSuspended', 'OfficerReinstated']);
const AGREEMENT_TYPES = new Set(['AgreementProposed', 'AgreementSigned', 'AgreementActivated', 'AgreementSuspended', 'AgreementResumed', 'AgreementTerminated']);
const CASE_TYPES = new Set([
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
const CLUE_TYPES = new Set([
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

/** True for the event types the projections consume; other streams (e.g. audit records) are ignored. */
export function isProjectedEventType(type: string): boolean {
  return AGENCY_TYPES.has(type) || AGREEMENT_TYPES.has(type) || CASE_TYPES.has(type) || CLUE_TYPES.has(type);
}

/** Applies one event; returns why it was skipped, or null when applied (or not a projected type). */
export function applyEvent(records: StateRecords, changes: ChangeSet, stored: RecordedEvent): SkippedEvent | null {
  if (!isProjectedEventType(stored.type)) return null;
  const event = stored as unknown as LedgerEvent & RecordedEvent;
  const skip = (reason: string): SkippedEvent => ({ globalPosition: stored.globalPosition, type: stored.type, reason });
  const actedBy: ActedBy = { officerId: stored.actor.officerId, agencyId: stored.actor.agencyId };
  const at = stored.occurredAt;

  switch (event.type) {
    // ── agencies and officers ──────────────────────────────────────────────
    case 'AgencyRegistered': {
      const d = event.data;
      if (records.agency(d.agencyId)) return skip(`agency ${d.agencyId} is already registered`);
      records.addAgency({ agencyId: d.agencyId, name: d.name, country: d.country, kind: d.kind, mandates: [...d.mandates], registeredAt: at, officers: {} });
      changes.agencies.add(d.agencyId);
      changes.agencyProfiles.add(d.agencyId);
      return null;
    }
    case 'AgencyMandatesChanged': {
      const agency = records.agency(event.data.agencyId);
      if (!agency) return skip(`agency ${event.data.agencyId} is not registered`);
      agency.mandates = [...event.data.mandates];
      changes.agencies.add(agency.agencyId);
      changes.agencyProfiles.add(agency.agencyId);
      changes.mandates.add(agency.agencyId);
      return null;
    }
    case 'OfficerRegistered': {
      const d = event.data;
      const agency = records.agency(d.agencyId);
      if (!agency) return skip(`agency ${d.agencyId} is not registered`);
      agency.officers[d.officerId] = { officerId: d.officerId, name: d.name, roles: [...d.roles], auditScope: d.auditScope, suspended: false };
      changes.agencies.add(agency.agencyId);
      changes.officersOf.add(agency.agencyId);
      return null;
    }
    case 'OfficerRolesChanged':
    case 'OfficerSuspended':
    case 'OfficerReinstated': {
      const d = event.data;
      const agency = records.agency(d.agencyId);
      const officer = agency && Object.hasOwn(agency.officers, d.officerId) ? agency.officers[d.officerId] : undefined;
      if (!agency || !officer) return skip(`officer ${d.officerId} is not registered with ${d.agencyId}`);
      if (event.type === 'OfficerRolesChanged') {
        officer.roles = [...event.data.roles];
        officer.auditScope = event.data.auditScope;
      } else {
        officer.suspended = event.type === 'OfficerSuspended';
      }
      changes.agencies.add(agency.agencyId);
      changes.officersOf.add(agency.agencyId);
      return null;
    }

    // ── agreements ─────────────────────────────────────────────────────────
    case 'AgreementProposed': {
      const d = event.data;
      if (records.agreement(d.agreementId)) return skip(`agreement ${d.agreementId} already exists`);
      records.addAgreement({
        agreementId: d.agreementId,
        title: d.title,
        parties: [...d.parties],
        scope: [...d.scope],
        categories: [...d.categories],
        maxTlp: d.maxTlp,
        validFrom: d.validFrom,
        validUntil: d.validUntil,
        proposedByAgencyId: d.proposedByAgencyId,
        proposedAt: at,
        position: stored.globalPosition,
        status: 'PROPOSED',
        statusReason: null,
        signatures: [],
      });
      changes.agreements.add(d.agreementId);
      changes.newAgreements.add(d.agreementId);
      return null;
    }
    case 'AgreementSigned':
    case 'AgreementActivated':
    case 'AgreementSuspended':
    case 'AgreementResumed':
    case 'AgreementTerminated': {
      const agreement = records.agreement(event.data.agreementId);
      if (!agreement) return skip(`agreement ${event.data.agreementId} does not exist`);
      if (event.type === 'AgreementSigned') {
        if (!agreement.signatures.some((s) => s.agencyId === event.data.agencyId)) agreement.signatures.push({ agencyId: event.data.agencyId, signedAt: at });
      } else {
        const status = event.type === 'AgreementSuspended' ? 'SUSPENDED' : event.type === 'AgreementTerminated' ? 'TERMINATED' : 'ACTIVE';
        agreement.status = status;
        agreement.statusReason = event.type === 'AgreementSuspended' || event.type === 'AgreementTerminated' ? event.data.reason : null;
        changes.agreementStatus.add(agreement.agreementId);
      }
      changes.agreements.add(agreement.agreementId);
      return null;
    }

    // ── cases ──────────────────────────────────────────────────────────────
    case 'CaseOpened': {
      const d = event.data;
      if (records.caseRecord(d.caseId)) return skip(`case ${d.caseId} already exists`);
      records.addCase({
        caseId: d.caseId,
        ownerAgencyId: d.ownerAgencyId,
        kind: d.kind,
        title: d.title,
        summary: d.summary,
        markings: d.markings,
        status: 'OPEN',
        openedForClueId: d.openedForClueId ?? null,
        openedAt: at,
        openedBy: actedBy,
        position: stored.globalPosition,
        shares: [],
        jointPartnerAgencyIds: [],
        closedAt: null,
        closeReason: null,
      });
      changes.cases.add(d.caseId);
      changes.caseHeaders.add(d.caseId);
      return null;
    }
    case 'PersonRecorded':
    case 'RouteRecorded':
    case 'OrganisationRecorded':
    case 'MoneyFlowRecorded':
    case 'NoteAdded': {
      const record = records.caseRecord(event.data.caseId);
      if (!record) return skip(`case ${event.data.caseId} does not exist`);
      changes.facts.push(factOf(event, stored.globalPosition, at, actedBy));
      return null;
    }
    case 'CaseShared': {
      const d = event.data;
      const record = records.caseRecord(d.caseId);
      if (!record) return skip(`case ${d.caseId} does not exist`);
      const share = { recipientAgencyId: d.recipientAgencyId, agreementId: d.agreementId, categories: [...d.categories], sharedAt: at, revoked: false, revokedAt: null, revokeReason: null };
      const index = record.shares.findIndex((s) => s.recipientAgencyId === d.recipientAgencyId);
      if (index >= 0) record.shares[index] = share;
      else record.shares.push(share);
      changes.cases.add(record.caseId);
      changes.caseHeaders.add(record.caseId);
      changes.touchCaseViewer(record.caseId, d.recipientAgencyId);
      changes.caseShares.add(record.caseId);
      return null;
    }
    case 'ShareRevoked': {
      const d = event.data;
      const record = records.caseRecord(d.caseId);
      const share = record?.shares.find((s) => s.recipientAgencyId === d.recipientAgencyId);
      if (!record || !share) return skip(`case ${d.caseId} has no share with ${d.recipientAgencyId}`);
      share.revoked = true;
      share.revokedAt = at;
      share.revokeReason = d.reason;
      changes.cases.add(record.caseId);
      changes.caseHeaders.add(record.caseId);
      changes.touchCaseViewer(record.caseId, d.recipientAgencyId);
      changes.caseShares.add(record.caseId);
      return null;
    }
    case 'JointInvestigationDeclared': {
      const record = records.caseRecord(event.data.caseId);
      if (!record) return skip(`case ${event.data.caseId} does not exist`);
      record.status = 'JOINT';
      record.jointPartnerAgencyIds = [...new Set([...record.jointPartnerAgencyIds, ...event.data.partnerAgencyIds])];
      changes.cases.add(record.caseId);
      changes.caseHeaders.add(record.caseId);
      return null;
    }
    case 'CaseClosed': {
      const record = records.caseRecord(event.data.caseId);
      if (!record) return skip(`case ${event.data.caseId} does not exist`);
      record.status = 'CLOSED';
      record.closedAt = at;
      record.closeReason = event.data.reason;
      changes.cases.add(record.caseId);
      changes.caseHeaders.add(record.caseId);
      return null;
    }

    // ── clues ──────────────────────────────────────────────────────────────
    case 'ClueSubmitted': {
      const d = event.data;
      if (records.clue(d.clueId)) return skip(`clue ${d.clueId} already exists`);
      const missing = d.recipientAgencyIds.filter((id) => typeof d.agreementIds[id] !== 'string');
      if (missing.length > 0) return skip(`clue ${d.clueId} names no agreement for ${missing.join(', ')}`);
      records.addClue({
        clueId: d.clueId,
        senderAgencyId: d.senderAgencyId,
        kind: d.kind,
        subject: d.subject,
        body: d.body,
        markings: d.markings,
        senderCaseId: d.senderCaseId ?? null,
        claimedIdentity: d.claimedIdentity ?? null,
        submittedAt: at,
        submittedBy: actedBy,
        position: stored.globalPosition,
        recipients: [...new Set(d.recipientAgencyIds)].map((recipientAgencyId) => ({
          recipientAgencyId,
          agreementId: d.agreementIds[recipientAgencyId],
          status: 'SUBMITTED' as const,
          linkedCaseId: null,
          steps: [{ status: 'SUBMITTED' as const, at, actedBy, detail: {} }],
        })),
      });
      changes.clues.add(d.clueId);
      changes.newClues.add(d.clueId);
      return null;
    }
    case 'ClueAcknowledged':
    case 'ClueInformationRequested':
    case 'ClueInformationProvided':
    case 'ClueAccepted':
    case 'ClueDeclined':
    case 'ClueFeedbackGiven':
    case 'ClueClosed':
    case 'ClueWithdrawn': {
      const clue = records.clue(event.data.clueId);
      const recipient = clue?.recipients.find((r) => r.recipientAgencyId === event.data.recipientAgencyId);
      if (!clue || !recipient) return skip(`clue ${event.data.clueId} was not sent to ${event.data.recipientAgencyId}`);
      const { status, detail } = clueStepOf(event);
      recipient.status = status;
      if (detail.linkedCaseId !== undefined) recipient.linkedCaseId = detail.linkedCaseId;
      recipient.steps.push({ status, at, actedBy, detail });
      changes.clues.add(clue.clueId);
      return null;
    }
  }
}

function factOf(
  event: Extract<CaseEvent, { type: 'PersonRecorded' | 'RouteRecorded' | 'OrganisationRecorded' | 'MoneyFlowRecorded' | 'NoteAdded' }>,
  position: number,
  at: string,
  recordedBy: ActedBy,
): FactRecord {
  const { factType, idKey } = FACT_KINDS[event.type];
  const { caseId, markings, ...rest } = event.data as typeof event.data & Record<string, unknown>;
  const { [idKey]: factId, ...fields } = rest as Record<string, unknown>;
  return { caseId, position, factType, factId: String(factId), markings, fields, recordedAt: at, recordedBy };
}

const FACT_KINDS: Record<string, { factType: FactType; idKey: string }> = {
  PersonRecorded: { factType: 'PERSON', idKey: 'personId' },
  RouteRecorded: { factType: 'ROUTE', idKey: 'routeId' },
  OrganisationRecorded: { factType: 'ORGANISATION', idKey: 'organisationId' },
  MoneyFlowRecorded: { factType: 'MONEY_FLOW', idKey: 'flowId' },
  NoteAdded: { factType: 'NOTE', idKey: 'noteId' },
};

function clueStepOf(event: Exclude<ClueEvent, { type: 'ClueSubmitted' }>): { status: ClueStatus; detail: StepDetail } {
  switch (event.type) {
    case 'ClueAcknowledged':
      return { status: 'ACKNOWLEDGED', detail: {} };
    case 'ClueInformationRequested':
      return { status: 'INFO_REQUESTED', detail: { question: event.data.question } };
    case 'ClueInformationProvided':
      return { status: 'INFO_PROVIDED', detail: { answer: event.data.answer } };
    case 'ClueAccepted':
      return { status: 'ACCEPTED', detail: { linkedCaseId: event.data.linkedCaseId } };
    case 'ClueDeclined':
      return { status: 'DECLINED', detail: { reason: event.data.reason } };
    case 'ClueFeedbackGiven':
      return { status: 'FEEDBACK_GIVEN', detail: { outcome: event.data.outcome, comment: event.data.comment } };
    case 'ClueClosed':
      return { status: 'CLOSED', detail: {} };
    case 'ClueWithdrawn':
      return { status: 'WITHDRAWN', detail: { reason: event.data.reason } };
  }
}
