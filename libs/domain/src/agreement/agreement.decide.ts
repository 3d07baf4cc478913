import { type Actor, requireRole } from '../shared/actor';
import { requireDistinct, requireNonEmpty, requireText } from '../shared/checks';
import { requireContext } from '../shared/command';
import { calendarDateOf, isCalendarDate } from '../shared/dates';
import { AlreadyExistsError, BadInputError, ForbiddenError, InvalidTransitionError, NotFoundError, RuleViolationError } from '../shared/errors';
import { lookup } from '../shared/records';
import type { AgreementStatus } from '../shared/vocabulary';
import type { AgreementCommand, AgreementDecisionContext, AgreementTerms } from './agreement.commands';
import type { AgreementEvent } from './agreement.events';
import type { AgreementState, ExistingAgreement } from './agreement.state';

/** The allowed status changes; anything else is an INVALID_TRANSITION naming current and requested state. */
export const AGREEMENT_TRANSITIONS = {
  SignAgreement: { from: ['PROPOSED'], to: 'ACTIVE' },
  SuspendAgreement: { from: ['ACTIVE'], to: 'SUSPENDED' },
  ResumeAgreement: { from: ['SUSPENDED'], to: 'ACTIVE' },
  TerminateAgreement: { from: ['PROPOSED', 'ACTIVE', 'SUSPENDED'], to: 'TERMINATED' },
} as const satisfies Record<Exclude<AgreementCommand['type'], 'ProposeAgreement'>, { from: readonly AgreementStatus[]; to: AgreementStatus }>;

/** Decides a command on stream `agreement-<id>`. Only an AGENCY_ADMIN of a party acts on an agreement. */
export function decideAgreement(command: AgreementCommand, state: AgreementState, context: AgreementDecisionContext): AgreementEvent[] {
  if (command.type === 'ProposeAgreement') {
    const terms = command.data;
    requirePartyAdmin(command.actor, terms.parties, terms.agreementId);
    if (state.exists) throw new AlreadyExistsError('agreement.unique', `agreement ${terms.agreementId} already exists`);
    checkTerms(terms, context.now);
    const parties = requireContext(context.parties, command.type, 'parties');
    const unknown = terms.parties.filter((party) => !lookup(parties, party)?.exists);
    if (unknown.length > 0) throw new NotFoundError('agreement.parties-registered', `parties ${unknown.join(', ')} are not registered agencies`);
    return [{ type: 'AgreementProposed', data: { ...copyTerms(terms), proposedByAgencyId: command.actor.agencyId } }];
  }

  if (!state.exists) throw new NotFoundError('agreement.exists', `agreement ${command.data.agreementId} does not exist`);
  requirePartyAdmin(command.actor, state.parties, state.agreementId);
  requireTransition(state, command.type);
  const byAgencyId = command.actor.agencyId;
  const agreementId = state.agreementId;
  switch (command.type) {
    case 'SignAgreement': {
      if (state.signatures.includes(byAgencyId)) {
        throw new RuleViolationError('agreement.sign.once-per-party', `${byAgencyId} already signed agreement ${agreementId}`);
      }
      const signed: AgreementEvent = { type: 'AgreementSigned', data: { agreementId, agencyId: byAgencyId } };
      const allSigned = state.parties.every((party) => party === byAgencyId || state.signatures.includes(party));
      return allSigned ? [signed, { type: 'AgreementActivated', data: { agreementId } }] : [signed];
    }
    case 'SuspendAgreement':
      requireText(command.data.reason, 'reason', 'agreement.suspend.reason-stated');
      return [{ type: 'AgreementSuspended', data: { agreementId, byAgencyId, reason: command.data.reason } }];
    case 'ResumeAgreement':
      return [{ type: 'AgreementResumed', data: { agreementId, byAgencyId } }];
    case 'TerminateAgreement':
      requireText(command.data.reason, 'reason', 'agreement.terminate.reason-stated');
      return [{ type: 'AgreementTerminated', data: { agreementId, byAgencyId, reason: command.data.reason } }];
  }
}

function requirePartyAdmin(actor: Actor, parties: readonly string[], agreementId: string): void {
  requireRole(actor, ['AGENCY_ADMIN'], 'agreement.by-party-admin');
  if (!parties.includes(actor.agencyId)) {
    throw new ForbiddenError('agreement.by-party-admin', `${actor.agencyId} is not a party to agreement ${agreementId} (parties ${parties.join(', ')})`);
  }
}

function requireTransition(state: ExistingAgreement, type: keyof typeof AGREEMENT_TRANSITIONS): void {
  const transition = AGREEMENT_TRANSITIONS[type];
  if (!(transition.from as readonly AgreementStatus[]).includes(state.status)) {
    const requested = type === 'SignAgreement' ? 'SIGNED' : transition.to;
    throw new InvalidTransitionError('agreement.status-transition', state.status, requested, `agreement ${state.agreementId} cannot go from ${state.status} to ${requested}`);
  }
}

function checkTerms(terms: AgreementTerms, now: Date): void {
  requireText(terms.title, 'title', 'agreement.title-given');
  requireDistinct(terms.parties, 'parties', 'agreement.parties-distinct');
  if (terms.parties.length < 2) throw new BadInputError('agreement.parties-at-least-two', `an agreement needs at least two parties (given ${terms.parties.join(', ') || 'none'})`);
  requireNonEmpty(terms.scope, 'scope', 'agreement.scope-given');
  requireDistinct(terms.scope, 'scope', 'agreement.scope-given');
  requireNonEmpty(terms.categories, 'categories', 'agreement.categories-given');
  requireDistinct(terms.categories, 'categories', 'agreement.categories-given');
  for (const field of ['validFrom', 'validUntil'] as const) {
    if (!isCalendarDate(terms[field])) throw new BadInputError('agreement.validity-dates', `${field} must be a calendar date YYYY-MM-DD (given ${terms[field]})`);
  }
  if (terms.validFrom > terms.validUntil) {
    throw new BadInputError('agreement.validity-dates', `validFrom ${terms.validFrom} is after validUntil ${terms.validUntil}`);
  }
  const today = calendarDateOf(now);
  if (terms.validUntil < today) {
    throw new RuleViolationError('agreement.validity-not-over', `validUntil ${terms.validUntil} has already passed (today is ${today})`);
  }
}

function copyTerms(terms: AgreementTerms): AgreementTerms {
  return {
    agreementId: terms.agreementId,
    title: terms.title,
    parties: [...terms.parties],
    scope: [...terms.scope],
    categories: [...terms.categories],
    maxTlp: terms.maxTlp,
    validFrom: terms.validFrom,
    validUntil: terms.validUntil,
  };
}
