import { isAgreementInForce, isPartyTo, whyNotInForce } from '../agreement/agreement.policy';
import { decideCase } from '../case/case.decide';
import type { CaseEvent } from '../case/case.events';
import { type CaseState, evolveCase } from '../case/case.state';
import { requireRole } from '../shared/actor';
import { requireDistinct, requireNonEmpty, requireText } from '../shared/checks';
import { requireContext } from '../shared/command';
import { AlreadyExistsError, BadInputError, ForbiddenError, InvalidTransitionError, NotFoundError, RuleViolationError } from '../shared/errors';
import { checkMarkings, copyMarkings, isTlpWithin } from '../shared/markings';
import { lookup } from '../shared/records';
import { type ClueKind, type ClueOutcome, type ClueStatus, identityCategoryFor, IDENTIFICATION_OUTCOMES, LEAD_OUTCOMES } from '../shared/vocabulary';
import type { AcceptClue, ClueCommand, ClueDecisionContext, SubmitClue } from './clue.commands';
import type { ClaimedIdentity, ClueEvent } from './clue.events';
import type { ClueRecipientState, ClueState, SubmittedClue } from './clue.state';

type Party = 'RECIPIENT' | 'SENDER' | 'SENDER_OR_RECIPIENT';

/**
 * The per-recipient lifecycle (DESIGN.md): who may take each step and from which states.
 * Anything else is an INVALID_TRANSITION naming the current and requested state.
 */
export const CLUE_TRANSITIONS = {
  AcknowledgeClue: { by: 'RECIPIENT', from: ['SUBMITTED'], to: 'ACKNOWLEDGED' },
  RequestClueInformation: { by: 'RECIPIENT', from: ['ACKNOWLEDGED', 'INFO_PROVIDED'], to: 'INFO_REQUESTED' },
  ProvideClueInformation: { by: 'SENDER', from: ['INFO_REQUESTED'], to: 'INFO_PROVIDED' },
  AcceptClue: { by: 'RECIPIENT', from: ['ACKNOWLEDGED', 'INFO_PROVIDED'], to: 'ACCEPTED' },
  DeclineClue: { by: 'RECIPIENT', from: ['ACKNOWLEDGED', 'INFO_PROVIDED'], to: 'DECLINED' },
  GiveClueFeedback: { by: 'RECIPIENT', from: ['ACCEPTED'], to: 'FEEDBACK_GIVEN' },
  CloseClue: { by: 'SENDER_OR_RECIPIENT', from: ['FEEDBACK_GIVEN', 'DECLINED'], to: 'CLOSED' },
  WithdrawClue: { by: 'SENDER', from: ['SUBMITTED', 'ACKNOWLEDGED', 'INFO_REQUESTED', 'INFO_PROVIDED'], to: 'WITHDRAWN' },
} as const satisfies Record<Exclude<ClueCommand['type'], 'SubmitClue'>, { by: Party; from: readonly ClueStatus[]; to: ClueStatus }>;

/** The outcomes feedback may report for a clue of this kind. */
export function outcomesFor(kind: ClueKind): readonly ClueOutcome[] {
  return kind === 'IDENTIFICATION_REQUEST' ? IDENTIFICATION_OUTCOMES : LEAD_OUTCOMES;
}

/** Decides a command on stream `clue-<id>`. Clue actions are for INVESTIGATORs and LIAISON_OFFICERs. */
export function decideClue(command: ClueCommand, state: ClueState, context: ClueDecisionContext): ClueEvent[] {
  requireRole(command.actor, ['INVESTIGATOR', 'LIAISON_OFFICER'], 'clue.by-investigator-or-liaison');
  if (command.type === 'SubmitClue') return submitClue(command, state, context);

  requireClue(state, command.data.clueId);
  const recipientAgencyId = allowedStep(command, state);
  const clueId = state.clueId;

  switch (command.type) {
    case 'AcknowledgeClue':
      return [{ type: 'ClueAcknowledged', data: { clueId, recipientAgencyId } }];
    case 'RequestClueInformation':
      requireText(command.data.question, 'question', 'clue.request-information.question-stated');
      return [{ type: 'ClueInformationRequested', data: { clueId, recipientAgencyId, question: command.data.question } }];
    case 'ProvideClueInformation':
      requireText(command.data.answer, 'answer', 'clue.provide-information.answer-stated');
      return [{ type: 'ClueInformationProvided', data: { clueId, recipientAgencyId, answer: command.data.answer } }];
    case 'AcceptClue':
      return [acceptClue(command, recipientAgencyId, context)];
    case 'DeclineClue':
      requireText(command.data.reason, 'reason', 'clue.decline.reason-stated');
      return [{ type: 'ClueDeclined', data: { clueId, recipientAgencyId, reason: command.data.reason } }];
    case 'GiveClueFeedback': {
      const { outcome, comment } = command.data;
      const allowed = outcomesFor(state.kind);
      if (!allowed.includes(outcome)) {
        throw new BadInputError('clue.feedback.outcome-fits-kind', `outcome ${outcome} does not fit a ${state.kind}; allowed: ${allowed.join(', ')}`);
      }
      return [{ type: 'ClueFeedbackGiven', data: { clueId, recipientAgencyId, outcome, comment } }];
    }
    case 'CloseClue':
      return [{ type: 'ClueClosed', data: { clueId, recipientAgencyId } }];
    case 'WithdrawClue':
      requireText(command.data.reason, 'reason', 'clue.withdraw.reason-stated');
      return [{ type: 'ClueWithdrawn', data: { clueId, recipientAgencyId, reason: command.data.reason } }];
  }
}

/**
 * Accepting a clue into a case opened on the spot spans two streams: CaseOpened (with
 * openedForClueId) on the new case, then ClueAccepted on the clue. Both are decided before anything
 * is written, so a refused acceptance opens no case.
 */
export function decideClueAcceptance(
  command: AcceptClue,
  clue: ClueState,
  linkedCase: CaseState,
  context: ClueDecisionContext,
): { caseEvents: CaseEvent[]; clueEvents: ClueEvent[] } {
  const { newCase, clueId } = command.data;
  requireRole(command.actor, ['INVESTIGATOR', 'LIAISON_OFFICER'], 'clue.by-investigator-or-liaison');
  requireClue(clue, clueId);
  allowedStep(command, clue);
  requireCaseOrNewCase(command);
  const caseEvents = newCase
    ? decideCase({ type: 'OpenCase', actor: command.actor, data: { ...newCase, openedForClueId: clueId } }, linkedCase, { now: context.now })
    : [];
  const caseAfter = caseEvents.reduce(evolveCase, linkedCase);
  const clueEvents = decideClue(command, clue, { ...context, linkedCase: caseAfter });
  return { caseEvents, clueEvents };
}

function submitClue(command: SubmitClue, state: ClueState, context: ClueDecisionContext): ClueEvent[] {
  const d = command.data;
  const sender = command.actor.agencyId;
  if (state.exists) throw new AlreadyExistsError('clue.unique', `clue ${d.clueId} already exists`);
  requireNonEmpty(d.recipientAgencyIds, 'recipientAgencyIds', 'clue.submit.recipients-given');
  requireDistinct(d.recipientAgencyIds, 'recipientAgencyIds', 'clue.submit.recipients-given');
  if (d.recipientAgencyIds.includes(sender)) throw new RuleViolationError('clue.submit.not-to-own-agency', `${sender} cannot send a clue to itself`);
  if (d.markings.tlp === 'RED' && d.recipientAgencyIds.length !== 1) {
    throw new RuleViolationError('clue.submit.red-single-recipient', `a TLP RED clue goes to exactly one named recipient (given ${d.recipientAgencyIds.length})`);
  }
  const agreementKeys = Object.keys(d.agreementIds);
  const missing = d.recipientAgencyIds.filter((recipient) => !Object.hasOwn(d.agreementIds, recipient));
  const extra = agreementKeys.filter((key) => !d.recipientAgencyIds.includes(key));
  if (missing.length > 0 || extra.length > 0) {
    const problems = [missing.length ? `no agreement for ${missing.join(', ')}` : '', extra.length ? `agreements for non-recipients ${extra.join(', ')}` : ''];
    throw new BadInputError('clue.submit.agreement-per-recipient', `agreementIds must name one agreement per recipient: ${problems.filter(Boolean).join('; ')}`);
  }
  requireText(d.subject, 'subject', 'clue.submit.subject-given');
  requireText(d.body, 'body', 'clue.submit.body-given');
  checkMarkings(d.markings);
  const isIdentification = d.kind === 'IDENTIFICATION_REQUEST';
  if (isIdentification !== (d.claimedIdentity !== undefined)) {
    throw new BadInputError(
      'clue.submit.identity-only-for-identification-request',
      isIdentification ? 'an IDENTIFICATION_REQUEST must carry claimedIdentity' : `claimedIdentity is only for IDENTIFICATION_REQUEST (this clue is a ${d.kind})`,
    );
  }
  if (d.senderCaseId !== undefined) {
    const senderCase = requireContext(context.senderCase, command.type, 'senderCase');
    if (!senderCase.exists) throw new NotFoundError('clue.submit.sender-case-exists', `case ${d.senderCaseId} does not exist`);
    if (senderCase.ownerAgencyId !== sender) throw new ForbiddenError('clue.submit.sender-case-owned', `case ${d.senderCaseId} does not belong to ${sender}`);
  }

  const agreements = requireContext(context.agreements, command.type, 'agreements');
  const recipients = requireContext(context.recipients, command.type, 'recipients');
  for (const recipientAgencyId of d.recipientAgencyIds) {
    if (!lookup(recipients, recipientAgencyId)?.exists) {
      throw new NotFoundError('clue.submit.recipient-registered', `recipient ${recipientAgencyId} is not a registered agency`);
    }
    const agreementId = d.agreementIds[recipientAgencyId];
    const agreement = lookup(agreements, agreementId);
    if (!agreement?.exists) throw new NotFoundError('clue.submit.agreement-exists', `agreement ${agreementId} does not exist`);
    if (!isAgreementInForce(agreement, context.now)) {
      throw new RuleViolationError('clue.submit.agreement-in-force', `agreement ${agreementId} is not in force: ${whyNotInForce(agreement, context.now)}`);
    }
    const outsiders = [sender, recipientAgencyId].filter((party) => !isPartyTo(agreement, party));
    if (outsiders.length > 0) {
      throw new RuleViolationError('clue.submit.parties-to-agreement', `${outsiders.join(' and ')} not party to agreement ${agreementId} (needed for ${recipientAgencyId})`);
    }
    if (!isTlpWithin(d.markings.tlp, agreement.maxTlp)) {
      throw new RuleViolationError('clue.submit.tlp-within-agreement', `the clue is TLP ${d.markings.tlp}; agreement ${agreementId} allows at most ${agreement.maxTlp}`);
    }
  }

  const agreementIds: Record<string, string> = Object.fromEntries(d.recipientAgencyIds.map((recipient) => [recipient, d.agreementIds[recipient]]));
  const data: Extract<ClueEvent, { type: 'ClueSubmitted' }>['data'] = {
    clueId: d.clueId,
    senderAgencyId: sender,
    recipientAgencyIds: [...d.recipientAgencyIds],
    agreementIds,
    kind: d.kind,
    subject: d.subject,
    body: d.body,
    markings: copyMarkings(d.markings),
  };
  if (d.senderCaseId !== undefined) data.senderCaseId = d.senderCaseId;
  if (d.claimedIdentity !== undefined) data.claimedIdentity = claimedIdentity(d.claimedIdentity);
  return [{ type: 'ClueSubmitted', data }];
}

function claimedIdentity(input: NonNullable<SubmitClue['data']['claimedIdentity']>): ClaimedIdentity {
  requireText(input.fullName, 'claimedIdentity.fullName', 'clue.submit.identity-name-given');
  const category = identityCategoryFor(input.personRole);
  const identity: ClaimedIdentity = { personRole: input.personRole, fullName: { category, value: input.fullName } };
  if (input.dateOfBirth !== undefined) identity.dateOfBirth = { category, value: input.dateOfBirth };
  if (input.nationality !== undefined) identity.nationality = { category, value: input.nationality };
  if (input.documentNumber !== undefined) identity.documentNumber = { category, value: input.documentNumber };
  return identity;
}

function requireClue(state: ClueState, clueId: string): asserts state is SubmittedClue {
  if (!state.exists) throw new NotFoundError('clue.exists', `clue ${clueId} does not exist`);
}

/** The recipient a step concerns, once the actor's agency may take the step and the lifecycle allows it. */
function allowedStep(command: Exclude<ClueCommand, SubmitClue>, state: SubmittedClue): string {
  const recipientAgencyId = stepRecipient(command, state);
  requireTransition(command.type, state, recipientAgencyId);
  return recipientAgencyId;
}

/** Which recipient's lifecycle a step concerns, checking that the actor's agency may take it. */
function stepRecipient(command: Exclude<ClueCommand, SubmitClue>, state: SubmittedClue): string {
  const actorAgency = command.actor.agencyId;
  const by = CLUE_TRANSITIONS[command.type].by as Party;
  if (by === 'RECIPIENT') {
    if (!lookup(state.recipients, actorAgency)) {
      throw new ForbiddenError('clue.recipient-only', `only a recipient may ${describe(command.type)}; ${actorAgency} is not a recipient of clue ${state.clueId}`);
    }
    return actorAgency;
  }
  const named = (command.data as { recipientAgencyId: string }).recipientAgencyId;
  if (by === 'SENDER' && actorAgency !== state.senderAgencyId) {
    throw new ForbiddenError('clue.sender-only', `only the sender ${state.senderAgencyId} may ${describe(command.type)}; ${actorAgency} is not the sender`);
  }
  if (by === 'SENDER_OR_RECIPIENT' && actorAgency !== state.senderAgencyId && actorAgency !== named) {
    throw new ForbiddenError('clue.close.by-sender-or-recipient', `clue ${state.clueId} for ${named} may be closed by ${state.senderAgencyId} or ${named}, not ${actorAgency}`);
  }
  if (!lookup(state.recipients, named)) throw new NotFoundError('clue.recipient-exists', `${named} is not a recipient of clue ${state.clueId}`);
  return named;
}

function requireTransition(type: keyof typeof CLUE_TRANSITIONS, state: SubmittedClue, recipientAgencyId: string): void {
  const { from, to } = CLUE_TRANSITIONS[type];
  const current = (lookup(state.recipients, recipientAgencyId) as ClueRecipientState).status;
  if (!(from as readonly ClueStatus[]).includes(current)) {
    throw new InvalidTransitionError('clue.status-transition', current, to, `clue ${state.clueId} for ${recipientAgencyId} cannot go from ${current} to ${to}`);
  }
}

function requireCaseOrNewCase(command: AcceptClue): void {
  if ((command.data.caseId === undefined) === (command.data.newCase === undefined)) {
    throw new BadInputError('clue.accept.case-or-new-case', 'give either caseId (an existing case) or newCase (a case to open), not both or neither');
  }
}

function acceptClue(command: AcceptClue, recipientAgencyId: string, context: ClueDecisionContext): ClueEvent {
  requireCaseOrNewCase(command);
  const { clueId, caseId, newCase } = command.data;
  const linkedCaseId = caseId ?? (newCase as { caseId: string }).caseId;
  const linked = requireContext(context.linkedCase, command.type, 'linkedCase');
  if (!linked.exists) throw new NotFoundError('clue.accept.case-exists', `case ${linkedCaseId} does not exist`);
  if (linked.ownerAgencyId !== recipientAgencyId) {
    throw new ForbiddenError('clue.accept.own-case', `case ${linkedCaseId} belongs to ${linked.ownerAgencyId}, not to the recipient ${recipientAgencyId}`);
  }
  if (linked.status === 'CLOSED') {
    throw new RuleViolationError('clue.accept.case-not-closed', `case ${linkedCaseId} is closed`);
  }
  return { type: 'ClueAccepted', data: { clueId, recipientAgencyId, linkedCaseId } };
}

function describe(type: ClueCommand['type']): string {
  return type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
