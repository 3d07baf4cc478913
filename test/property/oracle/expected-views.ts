import { type DataCategory, tlpRank } from '@ledger/domain/shared/vocabulary';
import { CREDIBILITY_NAMES, type MarkingsInput, type PlaceInput } from '../world/commands';
import type { AgreementRecord, CaseRecord, ClueRecipientRecord, ClueRecord, FactRecord, LedgerModel, ShareRecord, StepRecord, TimeWindow } from './ledger-model';

/**
 * What each agency may see (libs/projections/VISIBILITY.md), computed from the oracle's model.
 * Each view has exactly the shape the GraphQL queries in ../http/view-queries.ts select, so an
 * expected view and an answered one compare field by field.
 */

/** An instant the server recorded, expected within a command's round trip. */
export class Within {
  constructor(readonly window: TimeWindow) {}
}

export type Json = string | number | boolean | null | Within | Json[] | { [key: string]: Json };

export interface AgencyView {
  [key: string]: Json;
  id: string;
  name: string;
  country: string;
  kind: string;
  mandates: string[];
}

export interface ExpectedView {
  viewer: string;
  /** Every agency the viewer's agency may see, with their public fields. */
  agencies: AgencyView[];
  /** The viewer's own agency's officers (what an AGENCY_ADMIN sees). */
  officers: Json[];
  agreements: Map<string, Json>;
  cases: Map<string, Json>;
  /** Visible case ids, newest first. */
  caseOrder: string[];
  clues: Map<string, Json>;
  /** Clue ids, newest first. */
  inbox: string[];
  outbox: string[];
}

/** The personal-data categories a recipient may see: everything for the owner or sender. */
type Allowed = 'ALL' | ReadonlySet<DataCategory>;

export function expectedView(model: LedgerModel, viewer: string, today: string): ExpectedView {
  const visibleAgencies = visibleAgencyIds(model, viewer);
  const agencyView = (id: string): AgencyView => {
    const agency = model.agencies.get(id);
    if (!agency) throw new Error(`oracle: agency ${id} is not in the model`);
    return { id, name: agency.name, country: agency.country, kind: agency.kind, mandates: sorted(agency.mandates) };
  };

  const own = model.agencies.get(viewer);
  if (!own) throw new Error(`oracle: viewer agency ${viewer} is not in the model`);
  const officers: Json[] = [...own.officers.values()].map((officer) => ({
    id: officer.id,
    name: officer.name,
    roles: sorted(officer.roles),
    auditScope: officer.auditScope,
    suspended: officer.suspended,
  }));

  const agreements = new Map<string, Json>();
  for (const agreement of model.agreements.values()) {
    if (agreement.parties.includes(viewer)) agreements.set(agreement.id, agreementView(agreement, today, agencyView));
  }

  const cases = new Map<string, Json>();
  const caseSequence = new Map<string, number>();
  for (const record of model.cases.values()) {
    const view = caseView(model, record, viewer, today, agencyView);
    if (view !== null) {
      cases.set(record.id, view);
      caseSequence.set(record.id, record.sequence);
    }
  }

  const clues = new Map<string, Json>();
  const inbox: ClueRecord[] = [];
  const outbox: ClueRecord[] = [];
  for (const clue of model.clues.values()) {
    if (clue.sender === viewer) {
      outbox.push(clue);
      clues.set(clue.id, clueView(clue, viewer, 'ALL', [...clue.recipients.values()], cases, agencyView));
      continue;
    }
    const entry = clue.recipients.get(viewer);
    if (entry && model.isInForce(entry.agreementId, today)) {
      inbox.push(clue);
      const agreement = model.agreements.get(entry.agreementId) as AgreementRecord;
      const allowed = intersect(agreement.categories, own.mandates);
      clues.set(clue.id, clueView(clue, viewer, allowed, [entry], cases, agencyView));
    }
  }
  const newestFirst = (a: { sequence: number }, b: { sequence: number }) => b.sequence - a.sequence;

  return {
    viewer,
    agencies: [...visibleAgencies].sort().map(agencyView),
    officers,
    agreements,
    cases,
    caseOrder: [...caseSequence.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id),
    clues,
    inbox: inbox.sort(newestFirst).map((clue) => clue.id),
    outbox: outbox.sort(newestFirst).map((clue) => clue.id),
  };
}

/** The viewer's own agency and every co-party of an agreement it is a party to, in any status. */
export function visibleAgencyIds(model: LedgerModel, viewer: string): Set<string> {
  const visible = new Set([viewer]);
  for (const agreement of model.agreements.values()) {
    if (agreement.parties.includes(viewer)) for (const party of agreement.parties) visible.add(party);
  }
  return visible;
}

function agreementView(agreement: AgreementRecord, today: string, agencyView: (id: string) => AgencyView): Json {
  const inForce = agreement.status === 'ACTIVE' && agreement.validFrom <= today && today <= agreement.validUntil;
  return {
    id: agreement.id,
    title: agreement.title,
    status: agreement.status,
    inForce,
    parties: agreement.parties.map((party) => {
      const signedAt = agreement.signedAt.get(party);
      return { agency: agencyView(party), signed: signedAt !== undefined, signedAt: signedAt ? new Within(signedAt) : null };
    }),
    scope: sorted(agreement.scope),
    categories: sorted(agreement.categories),
    maxTlp: agreement.maxTlp,
    validFrom: agreement.validFrom,
    validUntil: agreement.validUntil,
    proposedBy: agencyView(agreement.proposedBy),
    statusReason: agreement.statusReason,
  };
}

/** The case as `viewer` sees it, or null when it may not see it at all. */
function caseView(
  model: LedgerModel,
  record: CaseRecord,
  viewer: string,
  today: string,
  agencyView: (id: string) => AgencyView,
): Json | null {
  const owned = record.owner === viewer;
  let allowed: Allowed = 'ALL';
  let maxTlpRank = Number.POSITIVE_INFINITY;
  let shares: ShareRecord[] = [...record.shares.values()];
  if (!owned) {
    const share = record.shares.get(viewer);
    if (!share || share.revoked || !model.isInForce(share.agreementId, today)) return null;
    const agreement = model.agreements.get(share.agreementId) as AgreementRecord;
    const mandates = (model.agencies.get(viewer) as { mandates: DataCategory[] }).mandates;
    allowed = intersect(share.categories.filter((category) => agreement.categories.includes(category)), mandates);
    maxTlpRank = tlpRank(agreement.maxTlp);
    shares = [share];
  }
  const facts = record.facts.filter((fact) => tlpRank(fact.input.markings.tlp) <= maxTlpRank);
  const ofType = <T extends FactRecord['type']>(type: T) => facts.filter((fact): fact is Extract<FactRecord, { type: T }> => fact.type === type);

  return {
    id: record.id,
    owner: agencyView(record.owner),
    ownedByViewer: owned,
    kind: record.kind,
    title: record.title,
    summary: record.summary,
    status: record.status,
    markings: markingsView(record.markings),
    openedAt: new Within(record.openedAt),
    openedForClueId: owned ? record.openedForClueId : null,
    // VISIBILITY.md gives a recipient the case's status, not who else works on it.
    jointPartners: owned ? record.jointPartners.map(agencyView) : [],
    closedAt: record.closedAt ? new Within(record.closedAt) : null,
    closedReason: owned ? record.closedReason : null,
    shares: shares.map((share) => ({
      recipient: agencyView(share.recipient),
      agreement: { id: share.agreementId },
      categories: sorted(share.categories),
      sharedAt: new Within(share.sharedAt),
      revoked: share.revoked,
      revokedAt: share.revokedAt ? new Within(share.revokedAt) : null,
      revokedReason: share.revokedReason,
    })),
    persons: ofType('person').map(({ input, recordedAt }) => {
      const identity: DataCategory = input.role === 'SUSPECT' ? 'SUSPECT_IDENTITY' : 'VICTIM_IDENTITY';
      return {
        id: input.personId,
        role: input.role,
        fullName: personalText(identity, input.fullName, allowed),
        dateOfBirth: personalText(identity, input.dateOfBirth, allowed),
        nationality: personalText(identity, input.nationality, allowed),
        documentNumber: personalText(identity, input.documentNumber, allowed),
        phoneNumber: personalText('COMMUNICATIONS', input.phoneNumber, allowed),
        address: personalText('LOCATION', input.address, allowed),
        markings: markingsView(input.markings),
        recordedAt: new Within(recordedAt),
      };
    }),
    routes: ofType('route').map(({ input, recordedAt }) => {
      const shown = isAllowed('TRAVEL_ROUTE', allowed);
      return {
        id: input.routeId,
        origin: { category: 'TRAVEL_ROUTE', value: shown ? placeView(input.origin) : null, redacted: !shown },
        transit: { category: 'TRAVEL_ROUTE', value: shown ? input.transit.map(placeView) : null, redacted: !shown },
        destination: { category: 'TRAVEL_ROUTE', value: shown ? placeView(input.destination) : null, redacted: !shown },
        method: input.method,
        markings: markingsView(input.markings),
        recordedAt: new Within(recordedAt),
      };
    }),
    organisations: ofType('organisation').map(({ input, recordedAt }) => ({
      id: input.organisationId,
      name: input.name,
      kind: input.kind,
      country: input.country,
      address: personalText('LOCATION', input.address, allowed),
      markings: markingsView(input.markings),
      recordedAt: new Within(recordedAt),
    })),
    moneyFlows: ofType('moneyFlow').map(({ input, recordedAt }) => ({
      id: input.flowId,
      fromAccount: personalText('FINANCIAL', input.fromAccount, allowed),
      toAccount: personalText('FINANCIAL', input.toAccount, allowed),
      amount: input.amount,
      currency: input.currency,
      date: input.date,
      channel: input.channel,
      markings: markingsView(input.markings),
      recordedAt: new Within(recordedAt),
    })),
    notes: ofType('note').map(({ input, recordedAt }) => ({ id: input.noteId, text: input.text, markings: markingsView(input.markings), recordedAt: new Within(recordedAt) })),
  };
}

function clueView(
  clue: ClueRecord,
  viewer: string,
  allowed: Allowed,
  entries: ClueRecipientRecord[],
  visibleCases: ReadonlyMap<string, Json>,
  agencyView: (id: string) => AgencyView,
): Json {
  const identity = clue.claimedIdentity;
  const identityCategory: DataCategory = identity?.personRole === 'SUSPECT' ? 'SUSPECT_IDENTITY' : 'VICTIM_IDENTITY';
  return {
    id: clue.id,
    box: clue.sender === viewer ? 'OUTBOX' : 'INBOX',
    sender: agencyView(clue.sender),
    kind: clue.kind,
    subject: clue.subject,
    body: clue.body,
    markings: markingsView(clue.markings),
    submittedAt: new Within(clue.submittedAt),
    // VISIBILITY.md gives a recipient the sender, kind, subject, body and markings, not the sender's case.
    senderCase: clue.sender === viewer && clue.senderCaseId !== null && visibleCases.has(clue.senderCaseId) ? { id: clue.senderCaseId } : null,
    claimedIdentity: identity
      ? {
          personRole: identity.personRole,
          fullName: personalText(identityCategory, identity.fullName, allowed),
          dateOfBirth: personalText(identityCategory, identity.dateOfBirth, allowed),
          nationality: personalText(identityCategory, identity.nationality, allowed),
          documentNumber: personalText(identityCategory, identity.documentNumber, allowed),
        }
      : null,
    recipients: entries.map((entry) => {
      // The linked case belongs to the recipient that accepted the clue; only it sees the link.
      const ownsLinkedCase = entry.agencyId === viewer;
      return {
        agency: agencyView(entry.agencyId),
        agreement: { id: entry.agreementId },
        status: entry.status,
        linkedCase: ownsLinkedCase && entry.linkedCaseId !== null ? { id: entry.linkedCaseId } : null,
        outcome: entry.outcome,
        steps: entry.steps.map((step) => stepView(step, viewer, ownsLinkedCase, agencyView)),
      };
    }),
  };
}

function stepView(step: StepRecord, viewer: string, ownsLinkedCase: boolean, agencyView: (id: string) => AgencyView): Json {
  return {
    status: step.status,
    at: new Within(step.at),
    agency: agencyView(step.agencyId),
    officerId: step.agencyId === viewer ? step.officerId : null,
    question: step.question,
    answer: step.answer,
    reason: step.reason,
    outcome: step.outcome,
    comment: step.comment,
    linkedCaseId: ownsLinkedCase ? step.linkedCaseId : null,
  };
}

function markingsView(markings: MarkingsInput): Json {
  const evaluation = markings.evaluation;
  return {
    tlp: markings.tlp,
    handling: sorted(markings.handling),
    handlingNote: markings.handlingNote ?? null,
    evaluation: evaluation
      ? { source: evaluation.source, information: evaluation.information, code: `${evaluation.source}${CREDIBILITY_NAMES.indexOf(evaluation.information) + 1}` }
      : null,
  };
}

function placeView(place: PlaceInput): Json {
  return { country: place.country, city: place.city ?? null };
}

/** A recorded personal text field as the viewer sees it; null when it was never recorded. */
function personalText(category: DataCategory, value: string | undefined, allowed: Allowed): Json {
  if (value === undefined) return null;
  const shown = isAllowed(category, allowed);
  return { category, value: shown ? value : null, redacted: !shown };
}

function isAllowed(category: DataCategory, allowed: Allowed): boolean {
  return allowed === 'ALL' || allowed.has(category);
}

function intersect(a: readonly DataCategory[], b: readonly DataCategory[]): ReadonlySet<DataCategory> {
  return new Set(a.filter((category) => b.includes(category)));
}

function sorted<T extends string>(values: readonly T[]): T[] {
  return [...values].sort();
}
