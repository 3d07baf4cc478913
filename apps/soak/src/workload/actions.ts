import { randomUUID } from 'node:crypto';
import { deriveId } from '@ledger/commands/execution/derive-id';
import type { OperationStats } from '../report/operation-stats';
import type { SoakAgency, SoakWorld } from '../world/soak-world';
import { caseKind, caseMarkings, caseTitle, clueSubject, factInput, personName } from './case-content';
import type { Random } from './random';
import type { ActingOfficer, SoakClient } from './soak-client';
import type { GraphqlAnswer } from '../client/graphql-client';
import type { CaseEntry, ClueEntry, ClueStatus, WorkloadState } from './workload-state';

export interface WorkloadContext {
  client: SoakClient;
  world: SoakWorld;
  state: WorkloadState;
  random: Random;
  stats: OperationStats;
}

export type Action = (context: WorkloadContext) => Promise<void>;

const caseStream = (caseId: string) => `case-${caseId}`;
const clueStream = (clueId: string) => `clue-${clueId}`;

function agencyOf(context: WorkloadContext, agencyId: string): SoakAgency {
  const agency = context.world.agencies.find((candidate) => candidate.agencyId === agencyId);
  if (agency === undefined) throw new Error(`unknown soak agency ${agencyId}`);
  return agency;
}

const investigatorOf = (context: WorkloadContext, agencyId: string): ActingOfficer => context.random.pick(agencyOf(context, agencyId).investigators);
const liaisonOf = (context: WorkloadContext, agencyId: string): ActingOfficer => agencyOf(context, agencyId).liaison;
const ok = (answer: { status: number; errors?: unknown[] }) => answer.status === 200 && (answer.errors === undefined || answer.errors.length === 0);

// ── investigators: cases ────────────────────────────────────────────────

export const openCase: Action = async (context) => {
  const { random, state } = context;
  const agency = random.pick(context.world.agencies);
  const caseId = randomUUID();
  const kind = caseKind(random);
  const markings = caseMarkings(random);
  const answer = await context.client.mutate(investigatorOf(context, agency.agencyId), 'openCase', { caseId, kind, title: caseTitle(random), summary: 'Opened during the soak run.', markings }, (commandId) => [
    { stream: caseStream(caseId), commandId, types: ['CaseOpened'] },
  ]);
  if (ok(answer)) state.addCase({ caseId, owner: agency.agencyId, kind, markings, shares: new Set(), facts: 0, closed: false });
};

/** Runs `work` on a leased open case matching `test`, or opens a case when none is free. */
async function onCase(context: WorkloadContext, test: (entry: CaseEntry) => boolean, work: (entry: CaseEntry) => Promise<void>): Promise<void> {
  const entry = context.state.leaseCase(context.random, (candidate) => !candidate.closed && test(candidate));
  if (entry === undefined) return openCase(context);
  try {
    await work(entry);
  } finally {
    context.state.release(entry.caseId);
  }
}

export const recordFact: Action = (context) =>
  onCase(
    context,
    () => true,
    async (entry) => {
      const fact = factInput(context.random);
      const answer = await context.client.mutate(investigatorOf(context, entry.owner), fact.mutation, { caseId: entry.caseId, markings: entry.markings, ...fact.input }, (commandId) => [
        { stream: caseStream(entry.caseId), commandId, types: [fact.event] },
      ]);
      if (ok(answer)) entry.facts += 1;
    },
  );

export const shareCase: Action = (context) =>
  onCase(
    context,
    (entry) => entry.shares.size < context.world.agencies.length - 1,
    async (entry) => {
      const { random } = context;
      const partners = context.world.agencies.filter((agency) => agency.agencyId !== entry.owner && !entry.shares.has(agency.agencyId));
      const partner = random.pick(partners);
      const recipient = partner.agencyId;
      // Within the recipient's mandate: the ledger refuses to share what the recipient may not receive.
      const categories = partner.mandates.filter(() => random.chance(0.6));
      const answer = await context.client.mutate(
        investigatorOf(context, entry.owner),
        'shareCase',
        { caseId: entry.caseId, recipientAgencyIds: [recipient], agreementId: context.world.agreementBetween(entry.owner, recipient), categories },
        (commandId) => [{ stream: caseStream(entry.caseId), commandId, types: ['CaseShared'] }],
      );
      if (ok(answer)) entry.shares.add(recipient);
    },
  );

export const revokeShare: Action = (context) =>
  onCase(
    context,
    (entry) => entry.shares.size > 0,
    async (entry) => {
      const recipient = context.random.pick([...entry.shares]);
      const answer = await context.client.mutate(
        investigatorOf(context, entry.owner),
        'revokeShare',
        { caseId: entry.caseId, recipientAgencyId: recipient, reason: 'Need-to-know ended for this partner.' },
        (commandId) => [{ stream: caseStream(entry.caseId), commandId, types: ['ShareRevoked'] }],
      );
      if (ok(answer)) entry.shares.delete(recipient);
    },
  );

// ── investigators and liaison officers: clues ───────────────────────────

export const submitClue: Action = async (context) => {
  const { random, state } = context;
  const sender = random.pick(context.world.agencies);
  const recipient = random.pick(context.world.agencies.filter((agency) => agency !== sender));
  const kind = random.weighted([
    ['LEAD', 4],
    ['INFORMATION_REQUEST', 3],
    ['IDENTIFICATION_REQUEST', 3],
  ] as const);
  const clueId = randomUUID();
  const senderCase = state.anyCase(random, (entry) => entry.owner === sender.agencyId);
  const input: Record<string, unknown> = {
    clueId,
    recipients: [{ agencyId: recipient.agencyId, agreementId: context.world.agreementBetween(sender.agencyId, recipient.agencyId) }],
    kind,
    subject: clueSubject(random, kind),
    body: 'Details in the attached case extract; please treat according to the handling codes.',
    markings: caseMarkings(random),
    ...(senderCase === undefined ? {} : { senderCaseId: senderCase.caseId }),
    ...(kind === 'IDENTIFICATION_REQUEST' ? { claimedIdentity: { personRole: 'VICTIM', fullName: personName(random), nationality: recipient.country, dateOfBirth: '1999' } } : {}),
  };
  const answer = await context.client.mutate(investigatorOf(context, sender.agencyId), 'submitClue', input, (commandId) => [
    { stream: clueStream(clueId), commandId, types: ['ClueSubmitted'] },
  ]);
  if (ok(answer)) state.addClue({ clueId, sender: sender.agencyId, recipient: recipient.agencyId, kind, status: 'SUBMITTED' });
};

interface ClueStep {
  by: ActingOfficer;
  mutation: Parameters<SoakClient['mutate']>[1];
  input: Record<string, unknown>;
  event: string;
  then: ClueStatus;
  /** A case the step opens (accepting into a new case). */
  opensCase?: CaseEntry;
}

/** The next lifecycle step of a clue, chosen as the recipient or the sender would. */
function nextStep(context: WorkloadContext, clue: ClueEntry): ClueStep {
  const { random } = context;
  const recipient = liaisonOf(context, clue.recipient);
  const sender = investigatorOf(context, clue.sender);
  const clueId = clue.clueId;
  const withdraw: ClueStep = { by: sender, mutation: 'withdrawClue', input: { clueId, recipientAgencyId: clue.recipient, reason: 'Superseded by a joint operation.' }, event: 'ClueWithdrawn', then: 'WITHDRAWN' };
  const accept = (): ClueStep => {
    const caseId = randomUUID();
    const markings = caseMarkings(random);
    const kind = clue.kind === 'IDENTIFICATION_REQUEST' ? 'IDENTIFICATION' : 'TRAFFICKING';
    return {
      by: recipient,
      mutation: 'acceptClueIntoNewCase',
      input: { clueId, newCase: { caseId, kind, title: `Follow-up of a clue from ${clue.sender}`, markings } },
      event: 'ClueAccepted',
      then: 'ACCEPTED',
      opensCase: { caseId, owner: clue.recipient, kind, markings, shares: new Set(), facts: 0, closed: false },
    };
  };
  const decline: ClueStep = { by: recipient, mutation: 'declineClue', input: { clueId, reason: 'Outside our jurisdiction.' }, event: 'ClueDeclined', then: 'DECLINED' };
  switch (clue.status) {
    case 'SUBMITTED':
      return random.chance(0.9) ? { by: recipient, mutation: 'acknowledgeClue', input: { clueId }, event: 'ClueAcknowledged', then: 'ACKNOWLEDGED' } : withdraw;
    case 'ACKNOWLEDGED':
      return random.weighted<() => ClueStep>([
        [() => ({ by: recipient, mutation: 'requestClueInformation', input: { clueId, question: 'Can you share the victim’s travel document number?' }, event: 'ClueInformationRequested', then: 'INFO_REQUESTED' }), 3],
        [accept, 4],
        [() => decline, 2],
        [() => withdraw, 1],
      ])();
    case 'INFO_REQUESTED':
      return { by: sender, mutation: 'provideClueInformation', input: { clueId, recipientAgencyId: clue.recipient, answer: 'Passport E1234567, issued in Fuzhou.' }, event: 'ClueInformationProvided', then: 'INFO_PROVIDED' };
    case 'INFO_PROVIDED':
      return random.chance(0.6) ? accept() : decline;
    case 'ACCEPTED': {
      const outcome = clue.kind === 'IDENTIFICATION_REQUEST' ? random.pick(['IDENTITY_CONFIRMED', 'IDENTITY_NOT_CONFIRMED', 'TRAVEL_DOCUMENT_ISSUED']) : random.pick(['USEFUL', 'NOT_USEFUL', 'LED_TO_ARREST', 'INVESTIGATION_ONGOING']);
      return { by: recipient, mutation: 'giveClueFeedback', input: { clueId, outcome, comment: 'Thank you for the referral.' }, event: 'ClueFeedbackGiven', then: 'FEEDBACK_GIVEN' };
    }
    case 'DECLINED':
    case 'FEEDBACK_GIVEN':
      return random.chance(0.5)
        ? { by: recipient, mutation: 'closeClue', input: { clueId }, event: 'ClueClosed', then: 'CLOSED' }
        : { by: sender, mutation: 'closeClue', input: { clueId, recipientAgencyId: clue.recipient }, event: 'ClueClosed', then: 'CLOSED' };
    case 'CLOSED':
    case 'WITHDRAWN':
      throw new Error(`clue ${clueId} is ${clue.status}: it has no next step`);
  }
}

export const advanceClue: Action = async (context) => {
  const clue = context.state.leaseClue(context.random);
  if (clue === undefined) return submitClue(context);
  try {
    const step = nextStep(context, clue);
    const answer = await context.client.mutate(step.by, step.mutation, step.input, (commandId) => [
      { stream: clueStream(clue.clueId), commandId, types: [step.event] },
      ...(step.opensCase ? [{ stream: caseStream(step.opensCase.caseId), commandId: deriveId(commandId, caseStream(step.opensCase.caseId)), types: ['CaseOpened'] }] : []),
    ]);
    if (ok(answer)) {
      clue.status = step.then;
      if (step.opensCase) context.state.addCase(step.opensCase);
      context.state.settle(clue);
    }
  } finally {
    context.state.release(clue.clueId);
  }
};

// ── liaison officers and investigators: reading ─────────────────────────

export const readInbox: Action = async (context) => {
  await context.client.query(liaisonOf(context, context.random.pick(context.world.agencies).agencyId), 'inbox');
};

export const readOutbox: Action = async (context) => {
  await context.client.query(investigatorOf(context, context.random.pick(context.world.agencies).agencyId), 'outbox');
};

export const listCases: Action = async (context) => {
  const agency = context.random.pick(context.world.agencies);
  const filter = context.random.chance(0.3) ? { kind: caseKind(context.random) } : undefined;
  await context.client.query(context.random.chance(0.5) ? liaisonOf(context, agency.agencyId) : investigatorOf(context, agency.agencyId), 'cases', filter ? { filter } : {});
};

/** A case as its owner or one of the agencies it is shared with sees it (leased, so no share changes meanwhile). */
export const readCase: Action = async (context) => {
  const entry = context.state.leaseCase(context.random, () => true);
  if (entry === undefined) return listCases(context);
  try {
    const viewer = context.random.pick([entry.owner, ...entry.shares]);
    await context.client.query(liaisonOf(context, viewer), 'caseDetail', { id: entry.caseId });
  } finally {
    context.state.release(entry.caseId);
  }
};

export const readClue: Action = async (context) => {
  const clue = context.state.leaseClue(context.random);
  if (clue === undefined) return readInbox(context);
  try {
    await context.client.query(context.random.chance(0.5) ? liaisonOf(context, clue.recipient) : investigatorOf(context, clue.sender), 'clueDetail', { id: clue.clueId });
  } finally {
    context.state.release(clue.clueId);
  }
};

export const readStats: Action = async (context) => {
  await context.client.query(liaisonOf(context, context.random.pick(context.world.agencies).agencyId), 'cooperationStats');
};

export const readMe: Action = async (context) => {
  const agency = context.random.pick(context.world.agencies);
  await context.client.query(context.random.pick([agency.admin, agency.liaison, agency.auditor, ...agency.investigators]), 'me');
};

// ── auditors ────────────────────────────────────────────────────────────

/** Streams an agency's auditor (scope OWN) may replay: its own, its agreements', its cases' and its clues'. */
function streamsInScope(context: WorkloadContext, agency: SoakAgency): string[] {
  const { world, state } = context;
  const agreements = world.agencies.filter((other) => other !== agency).map((other) => `agreement-${world.agreementBetween(agency.agencyId, other.agencyId)}`);
  const cases = state.cases.filter((entry) => entry.owner === agency.agencyId || entry.shares.has(agency.agencyId)).slice(-50).map((entry) => caseStream(entry.caseId));
  const clue = state.anyClue(context.random, (entry) => entry.sender === agency.agencyId || entry.recipient === agency.agencyId);
  return [`agency-${agency.agencyId}`, ...agreements, ...cases, ...(clue ? [clueStream(clue.clueId)] : [])];
}

const MAX_HISTORY_PAGES = 5;

/**
 * An auditor replays a stream's history page by page through the audit API; every event's
 * hash-chain link is checked by the server, and a reported problem is kept for the end of the run.
 */
export const auditStreamHistory: Action = async (context) => {
  const agency = context.random.pick(context.world.agencies);
  const stream = context.random.pick(streamsInScope(context, agency));
  let from: number | null = 0;
  for (let page = 0; page < MAX_HISTORY_PAGES && from !== null; page += 1) {
    const answer: GraphqlAnswer<{ streamHistory: { nextFrom: number | null; events: Array<{ revision: number; chainProblem: string | null }> } }> = await context.client.query(agency.auditor, 'streamHistory', { stream, from });
    const history = answer.data?.streamHistory;
    if (history === undefined) return;
    for (const event of history.events) if (event.chainProblem !== null) context.state.chainProblems.push(`${stream} revision ${event.revision}: ${event.chainProblem}`);
    from = history.nextFrom;
  }
};

/** An auditor reads who of its agency saw which case or clue lately. */
export const auditAccessLog: Action = async (context) => {
  await context.client.query(context.random.pick(context.world.agencies).auditor, 'accessLog');
};

/** An auditor rebuilds its agency's view as of a moment since the world was set up (rare: it replays the log). */
export const auditViewAsOf: Action = async (context) => {
  const agency = context.random.pick(context.world.agencies);
  const since = context.world.seededAt.getTime();
  const time = new Date(since + context.random.next() * (Date.now() - since)).toISOString();
  await context.client.query(agency.auditor, 'agencyViewAsOf', { agency: agency.agencyId, time });
};

/** The workload's mix: weights are relative frequencies. */
export const WORKLOAD_MIX: ReadonlyArray<readonly [Action, number]> = [
  [openCase, 5],
  [recordFact, 18],
  [shareCase, 5],
  [revokeShare, 2],
  [submitClue, 6],
  [advanceClue, 16],
  [readInbox, 8],
  [readOutbox, 3],
  [listCases, 6],
  [readCase, 8],
  [readClue, 4],
  [readStats, 2],
  [readMe, 1],
  [auditStreamHistory, 3],
  [auditAccessLog, 1],
  [auditViewAsOf, 0.2],
];
