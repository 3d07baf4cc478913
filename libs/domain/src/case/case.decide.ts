import { isAgreementInForce, isPartyTo, whyNotInForce } from '../agreement/agreement.policy';
import { type Actor, requireRole } from '../shared/actor';
import { outside, requireDistinct, requireNonEmpty, requireText } from '../shared/checks';
import { requireContext } from '../shared/command';
import { isCalendarDate } from '../shared/dates';
import { AlreadyExistsError, BadInputError, ForbiddenError, InvalidTransitionError, NotFoundError, RuleViolationError } from '../shared/errors';
import { checkMarkings, copyMarkings, isTlpWithin, requireNotLooser } from '../shared/markings';
import { formatPlace } from '../shared/places';
import { lookup } from '../shared/records';
import { type DataCategory, identityCategoryFor, type PersonalField } from '../shared/vocabulary';
import type { CaseCommand, CaseDecisionContext, OpenCase, RecordFactCommand, ShareCase } from './case.commands';
import type { CaseEvent, CaseFactEvent, PersonRecorded } from './case.events';
import type { CaseState, ExistingCase } from './case.state';

/** Decides a command on stream `case-<id>`. Only INVESTIGATORs of the owner agency change a case. */
export function decideCase(command: CaseCommand, state: CaseState, context: CaseDecisionContext): CaseEvent[] {
  if (command.type === 'OpenCase') return openCase(command, state);

  if (!state.exists) throw new NotFoundError('case.exists', `case ${command.data.caseId} does not exist`);
  if (command.type === 'ShareCase') requireNoReshare(command.actor, state);
  requireOwnerInvestigator(command.actor, state);
  // Withdrawing access stays possible after closing: a closed case must not keep leaking to recipients.
  if (state.status === 'CLOSED' && command.type !== 'RevokeShare') {
    throw new InvalidTransitionError('case.closed-accepts-no-changes', 'CLOSED', requestedBy(command.type), `case ${state.caseId} is closed`);
  }

  const caseId = state.caseId;
  switch (command.type) {
    case 'RecordPerson':
    case 'RecordRoute':
    case 'RecordOrganisation':
    case 'RecordMoneyFlow':
    case 'AddNote':
      return [recordFact(command, state)];
    case 'ShareCase':
      return shareCase(command, state, context);
    case 'RevokeShare': {
      const { recipientAgencyId, reason } = command.data;
      if (!lookup(state.shares, recipientAgencyId)) {
        throw new NotFoundError('case.revoke.active-share', `case ${caseId} is not shared with ${recipientAgencyId}`);
      }
      requireText(reason, 'reason', 'case.revoke.reason-stated');
      return [{ type: 'ShareRevoked', data: { caseId, recipientAgencyId, reason } }];
    }
    case 'DeclareJointInvestigation': {
      const { partnerAgencyIds } = command.data;
      if (state.status !== 'OPEN') {
        throw new InvalidTransitionError('case.status-transition', state.status, 'JOINT', `case ${caseId} cannot go from ${state.status} to JOINT`);
      }
      requireNonEmpty(partnerAgencyIds, 'partnerAgencyIds', 'case.joint.partners-given');
      requireDistinct(partnerAgencyIds, 'partnerAgencyIds', 'case.joint.partners-given');
      const withoutShare = partnerAgencyIds.filter((partner) => !lookup(state.shares, partner));
      if (withoutShare.length > 0) {
        throw new RuleViolationError('case.joint.partners-hold-share', `partners ${withoutShare.join(', ')} do not currently hold a share of case ${caseId}`);
      }
      return [{ type: 'JointInvestigationDeclared', data: { caseId, partnerAgencyIds: [...partnerAgencyIds] } }];
    }
    case 'CloseCase':
      requireText(command.data.reason, 'reason', 'case.close.reason-stated');
      return [{ type: 'CaseClosed', data: { caseId, reason: command.data.reason } }];
  }
}

function openCase(command: OpenCase, state: CaseState): CaseEvent[] {
  const { caseId, kind, title, summary, markings, openedForClueId } = command.data;
  // A liaison officer accepting a clue may open the case the clue is linked to.
  requireRole(command.actor, openedForClueId === undefined ? ['INVESTIGATOR'] : ['INVESTIGATOR', 'LIAISON_OFFICER'], 'case.open.by-investigator');
  if (state.exists) throw new AlreadyExistsError('case.unique', `case ${caseId} already exists`);
  requireText(title, 'title', 'case.title-given');
  checkMarkings(markings);
  const data = { caseId, ownerAgencyId: command.actor.agencyId, kind, title, summary, markings: copyMarkings(markings) };
  return [{ type: 'CaseOpened', data: openedForClueId === undefined ? data : { ...data, openedForClueId } }];
}

function requireOwnerInvestigator(actor: Actor, state: ExistingCase): void {
  if (actor.agencyId !== state.ownerAgencyId) {
    throw new ForbiddenError('case.by-owner-investigator', `case ${state.caseId} belongs to ${state.ownerAgencyId}; ${actor.agencyId} cannot change it`);
  }
  requireRole(actor, ['INVESTIGATOR'], 'case.by-owner-investigator');
}

/** What a recipient received is not theirs to pass on. */
function requireNoReshare(actor: Actor, state: ExistingCase): void {
  if (actor.agencyId !== state.ownerAgencyId) {
    throw new ForbiddenError('case.share.no-re-share', `${actor.agencyId} does not own case ${state.caseId} and cannot share it further`);
  }
}

function recordFact(command: RecordFactCommand, state: ExistingCase): CaseFactEvent {
  const caseId = state.caseId;
  const event = factEvent(command, caseId);
  const factId = factIdOfCommand(command);
  if (lookup(state.factIds, factId)) throw new AlreadyExistsError('case.fact.id-unique', `case ${caseId} already holds a fact with id ${factId}`);
  checkMarkings(command.data.markings);
  requireNotLooser(command.data.markings, state.markings, 'case.fact.markings-not-looser', `${command.type} ${factId}`);
  return event;
}

function factIdOfCommand(command: RecordFactCommand): string {
  switch (command.type) {
    case 'RecordPerson':
      return command.data.personId;
    case 'RecordRoute':
      return command.data.routeId;
    case 'RecordOrganisation':
      return command.data.organisationId;
    case 'RecordMoneyFlow':
      return command.data.flowId;
    case 'AddNote':
      return command.data.noteId;
  }
}

/** Builds the fact event, tagging each personal value with the category the ledger assigns to it. */
function factEvent(command: RecordFactCommand, caseId: string): CaseFactEvent {
  const markings = copyMarkings(command.data.markings);
  switch (command.type) {
    case 'RecordPerson': {
      const d = command.data;
      requireText(d.fullName, 'fullName', 'case.person.name-given');
      const identity = identityCategoryFor(d.role);
      const data: PersonRecorded['data'] = { caseId, personId: d.personId, role: d.role, fullName: field(identity, d.fullName), markings };
      if (d.dateOfBirth !== undefined) data.dateOfBirth = field(identity, d.dateOfBirth);
      if (d.nationality !== undefined) data.nationality = field(identity, d.nationality);
      if (d.documentNumber !== undefined) data.documentNumber = field(identity, d.documentNumber);
      if (d.phoneNumber !== undefined) data.phoneNumber = field('COMMUNICATIONS', d.phoneNumber);
      if (d.address !== undefined) data.address = field('LOCATION', d.address);
      return { type: 'PersonRecorded', data };
    }
    case 'RecordRoute': {
      const d = command.data;
      return {
        type: 'RouteRecorded',
        data: {
          caseId,
          routeId: d.routeId,
          origin: field('TRAVEL_ROUTE', formatPlace(d.origin)),
          transit: field('TRAVEL_ROUTE', d.transit.map(formatPlace)),
          destination: field('TRAVEL_ROUTE', formatPlace(d.destination)),
          method: d.method,
          markings,
        },
      };
    }
    case 'RecordOrganisation': {
      const d = command.data;
      requireText(d.name, 'name', 'case.organisation.name-given');
      const base = { caseId, organisationId: d.organisationId, name: d.name, kind: d.kind, country: d.country };
      return { type: 'OrganisationRecorded', data: d.address === undefined ? { ...base, markings } : { ...base, address: field('LOCATION', d.address), markings } };
    }
    case 'RecordMoneyFlow': {
      const d = command.data;
      if (!(Number.isFinite(d.amount) && d.amount > 0)) throw new BadInputError('case.money-flow.amount-positive', `amount must be a positive number (given ${d.amount})`);
      if (!isCalendarDate(d.date)) throw new BadInputError('case.money-flow.date', `date must be a calendar date YYYY-MM-DD (given ${d.date})`);
      return {
        type: 'MoneyFlowRecorded',
        data: {
          caseId,
          flowId: d.flowId,
          fromAccount: field('FINANCIAL', d.fromAccount),
          toAccount: field('FINANCIAL', d.toAccount),
          amount: d.amount,
          currency: d.currency,
          date: d.date,
          channel: d.channel,
          markings,
        },
      };
    }
    case 'AddNote':
      requireText(command.data.text, 'text', 'case.note.text-given');
      return { type: 'NoteAdded', data: { caseId, noteId: command.data.noteId, text: command.data.text, markings } };
  }
}

function shareCase(command: ShareCase, state: ExistingCase, context: CaseDecisionContext): CaseEvent[] {
  const { recipientAgencyIds, agreementId, categories } = command.data;
  const caseId = state.caseId;
  const owner = state.ownerAgencyId;
  requireNonEmpty(recipientAgencyIds, 'recipientAgencyIds', 'case.share.recipients-given');
  requireDistinct(recipientAgencyIds, 'recipientAgencyIds', 'case.share.recipients-given');
  if (recipientAgencyIds.includes(owner)) throw new RuleViolationError('case.share.not-with-own-agency', `case ${caseId} already belongs to ${owner}`);
  if (state.markings.tlp === 'RED' && recipientAgencyIds.length !== 1) {
    throw new RuleViolationError('case.share.red-single-recipient', `case ${caseId} is TLP RED: share it with exactly one named recipient per command (given ${recipientAgencyIds.length})`);
  }
  requireDistinct(categories, 'categories', 'case.share.categories-distinct');

  const agreement = requireContext(context.agreement, command.type, 'agreement');
  if (!agreement.exists) throw new NotFoundError('case.share.agreement-exists', `agreement ${agreementId} does not exist`);
  if (!isAgreementInForce(agreement, context.now)) {
    throw new RuleViolationError('case.share.agreement-in-force', `agreement ${agreementId} is not in force: ${whyNotInForce(agreement, context.now)}`);
  }
  if (!agreement.scope.includes(state.kind)) {
    throw new RuleViolationError('case.share.agreement-covers-kind', `agreement ${agreementId} covers ${agreement.scope.join(', ')}, not ${state.kind} cases`);
  }
  if (!isTlpWithin(state.markings.tlp, agreement.maxTlp)) {
    throw new RuleViolationError('case.share.tlp-within-agreement', `case ${caseId} is TLP ${state.markings.tlp}; agreement ${agreementId} allows at most ${agreement.maxTlp}`);
  }
  const notAllowed = outside(categories, agreement.categories);
  if (notAllowed.length > 0) {
    throw new RuleViolationError('case.share.categories-within-agreement', `categories ${notAllowed.join(', ')} are not allowed by agreement ${agreementId}`);
  }
  if (!isPartyTo(agreement, owner)) throw new RuleViolationError('case.share.parties-to-agreement', `${owner} is not a party to agreement ${agreementId}`);

  const recipients = requireContext(context.recipients, command.type, 'recipients');
  return recipientAgencyIds.map((recipientAgencyId): CaseEvent => {
    const recipient = lookup(recipients, recipientAgencyId);
    if (!recipient?.exists) throw new NotFoundError('case.share.recipient-registered', `recipient ${recipientAgencyId} is not a registered agency`);
    if (!isPartyTo(agreement, recipientAgencyId)) {
      throw new RuleViolationError('case.share.parties-to-agreement', `${recipientAgencyId} is not a party to agreement ${agreementId}`);
    }
    const outsideMandate = outside(categories, recipient.mandates);
    if (outsideMandate.length > 0) {
      throw new RuleViolationError('case.share.categories-within-mandate', `categories ${outsideMandate.join(', ')} are outside the mandate of ${recipientAgencyId}`);
    }
    return { type: 'CaseShared', data: { caseId, recipientAgencyId, agreementId, categories: [...categories] } };
  });
}

function field<T>(category: DataCategory, value: T): PersonalField<T> {
  return { category, value };
}

function requestedBy(type: CaseCommand['type']): string {
  switch (type) {
    case 'DeclareJointInvestigation':
      return 'JOINT';
    case 'CloseCase':
      return 'CLOSED';
    default:
      return type;
  }
}
