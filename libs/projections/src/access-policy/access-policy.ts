/**
 * The visibility and redaction rules of VISIBILITY.md as small pure functions. Every view the
 * projector writes is computed through these; nothing else in the projections decides who sees what.
 *
 * "In force" is split in two on purpose: the status part (ACTIVE, share not revoked) is known from
 * events and decides whether a recipient's row exists at all; the date part (validFrom ≤ today ≤
 * validUntil) changes without any event, so the row carries the dates and readers filter by today.
 */
import { DATA_CATEGORIES, type AgreementStatus, type DataCategory, type Tlp, tlpRank } from '@ledger/domain/shared/vocabulary';

export { calendarDateOf } from '@ledger/domain/shared/dates';

/** A YYYY-MM-DD calendar date (UTC). */
export type CalendarDate = string;

/** The parts of an agreement visibility depends on. */
export interface AgreementTerms {
  status: AgreementStatus;
  categories: readonly DataCategory[];
  maxTlp: Tlp;
  validFrom: CalendarDate;
  validUntil: CalendarDate;
}

/** The validity window a recipient's row carries; null bounds mean "always" (owner and sender rows). */
export interface ValidityWindow {
  validFrom: CalendarDate | null;
  validUntil: CalendarDate | null;
}

export const ALWAYS: ValidityWindow = Object.freeze({ validFrom: null, validUntil: null });

/** The status half of "in force": anything flows under an agreement only while it is ACTIVE. */
export function agreementLetsDataFlow(agreement: Pick<AgreementTerms, 'status'>): boolean {
  return agreement.status === 'ACTIVE';
}

/** The date half of "in force": today within [validFrom, validUntil] (null bounds are open). */
export function isWithinValidity(window: ValidityWindow, today: CalendarDate): boolean {
  return (window.validFrom === null || window.validFrom <= today) && (window.validUntil === null || today <= window.validUntil);
}

/** ACTIVE and today within [validFrom, validUntil]. */
export function isAgreementInForce(agreement: AgreementTerms, today: CalendarDate): boolean {
  return agreementLetsDataFlow(agreement) && isWithinValidity(agreement, today);
}

export function validityOf(agreement: AgreementTerms): ValidityWindow {
  return { validFrom: agreement.validFrom, validUntil: agreement.validUntil };
}

/** A recipient of a case sees a fact only when its TLP rank is at most the agreement's maxTlp rank. */
export function isFactVisibleUnder(factTlp: Tlp, agreement: Pick<AgreementTerms, 'maxTlp'>): boolean {
  return tlpRank(factTlp) <= tlpRank(agreement.maxTlp);
}

/** Categories a case recipient sees: share.categories ∩ agreement.categories ∩ mandates(recipient). */
export function caseCategoriesFor(shareCategories: readonly DataCategory[], agreement: Pick<AgreementTerms, 'categories'>, mandates: readonly DataCategory[]): DataCategory[] {
  return intersect(intersect(shareCategories, agreement.categories), mandates);
}

/** Categories a clue recipient sees: agreement.categories ∩ mandates(recipient). */
export function clueCategoriesFor(agreement: Pick<AgreementTerms, 'categories'>, mandates: readonly DataCategory[]): DataCategory[] {
  return intersect(agreement.categories, mandates);
}

/** A personal field as a view shows it: with its value, or withheld and marked redacted. */
export type ShownField<T = unknown> = { category: DataCategory; value: T; redacted: false };
export type RedactedField = { category: DataCategory; redacted: true };
export type ViewField<T = unknown> = ShownField<T> | RedactedField;

/**
 * A personal field as events carry it: exactly `{category, value}` with a known category. The
 * check is structural, so a personal field added to an event later is redacted without code changes.
 */
export function isPersonalField(value: unknown): value is { category: DataCategory; value: unknown } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  if (keys.length !== 2 || !keys.includes('category') || !keys.includes('value')) return false;
  return (DATA_CATEGORIES as readonly string[]).includes((value as { category: unknown }).category as string);
}

/** Shows a personal field if its category is allowed; otherwise keeps only its category, marked redacted. */
export function viewField(field: { category: DataCategory; value: unknown }, allowed: ReadonlySet<DataCategory> | 'ALL'): ViewField {
  if (allowed === 'ALL' || allowed.has(field.category)) return { category: field.category, value: field.value, redacted: false };
  return { category: field.category, redacted: true };
}

/**
 * Copies `record`, replacing every personal field found at any depth by its view (shown or redacted).
 * Non-personal values are copied unchanged.
 */
export function redactPersonalFields<T>(record: T, allowed: ReadonlySet<DataCategory> | 'ALL'): T {
  return redactValue(record, allowed) as T;
}

function redactValue(value: unknown, allowed: ReadonlySet<DataCategory> | 'ALL'): unknown {
  if (isPersonalField(value)) return viewField(value, allowed);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, allowed));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) copy[key] = redactValue(inner, allowed);
    return copy;
  }
  return value;
}

function intersect<T>(left: readonly T[], right: readonly T[]): T[] {
  const keep = new Set(right);
  return left.filter((item, index) => keep.has(item) && left.indexOf(item) === index);
}
