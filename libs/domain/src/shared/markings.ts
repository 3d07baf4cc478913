import { requireDistinct } from './checks';
import { BadInputError, RuleViolationError } from './errors';
import { type Markings, type Tlp, tlpRank } from './vocabulary';

/** Checks markings are consistent in themselves: distinct codes, a stated restriction with (and only with) H3. */
export function checkMarkings(markings: Markings, field = 'markings'): void {
  requireDistinct(markings.handling, `${field}.handling`, 'markings.handling-codes-distinct');
  const hasNote = markings.handlingNote !== undefined && markings.handlingNote.trim().length > 0;
  if (markings.handling.includes('H3') && !hasNote) {
    throw new BadInputError('markings.h3-states-restriction', `${field}.handlingNote must state the restriction when handling includes H3`);
  }
  if (!markings.handling.includes('H3') && markings.handlingNote !== undefined) {
    throw new BadInputError('markings.h3-states-restriction', `${field}.handlingNote is only for H3 (handling is ${markings.handling.join(', ') || 'empty'})`);
  }
}

/** True when `tlp` is at most as restrictive as `ceiling`. */
export function isTlpWithin(tlp: Tlp, ceiling: Tlp): boolean {
  return tlpRank(tlp) <= tlpRank(ceiling);
}

/** A fact's markings may be stricter than its case's, never looser. */
export function requireNotLooser(fact: Markings, container: Markings, rule: string, what: string): void {
  if (tlpRank(fact.tlp) < tlpRank(container.tlp)) {
    throw new RuleViolationError(rule, `${what} is marked TLP ${fact.tlp}, looser than the case's TLP ${container.tlp}`);
  }
}

/** A plain copy holding only the fields that are set, so events never carry `undefined` or class instances. */
export function copyMarkings(markings: Markings): Markings {
  const copy: Markings = { tlp: markings.tlp, handling: [...markings.handling] };
  if (markings.handlingNote !== undefined) copy.handlingNote = markings.handlingNote;
  if (markings.evaluation !== undefined) copy.evaluation = { source: markings.evaluation.source, information: markings.evaluation.information };
  return copy;
}
