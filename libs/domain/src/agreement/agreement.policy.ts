import { calendarDateOf } from '../shared/dates';
import type { AgreementState, ExistingAgreement } from './agreement.state';

/**
 * Whether an agreement counts at `now`: ACTIVE (every party signed, not suspended or terminated)
 * and `now`'s UTC date within [validFrom, validUntil].
 */
export function isAgreementInForce(state: AgreementState, now: Date): state is ExistingAgreement {
  if (!state.exists || state.status !== 'ACTIVE') return false;
  const today = calendarDateOf(now);
  return state.validFrom <= today && today <= state.validUntil;
}

export function isPartyTo(state: AgreementState, agencyId: string): boolean {
  return state.exists && state.parties.includes(agencyId);
}

/** Why an agreement does not count at `now`, for error messages. */
export function whyNotInForce(state: ExistingAgreement, now: Date): string {
  if (state.status !== 'ACTIVE') return `it is ${state.status}`;
  return `it is valid from ${state.validFrom} to ${state.validUntil} and today is ${calendarDateOf(now)}`;
}
