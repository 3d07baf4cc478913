import { parsePlace } from '@ledger/domain/shared/places';
import type { DataCategory, Markings } from '@ledger/domain/shared/vocabulary';
import type { FactView } from '@ledger/projections';

/**
 * Turns the view documents' redacted fields into the API's shapes: a personal field is
 * `{category, value, redacted}` — value null and redacted true when withheld; a field never
 * recorded stays null.
 */
type ViewField<T> = { category: DataCategory; value: T; redacted: false } | { category: DataCategory; redacted: true };

export interface Personal<T> {
  category: DataCategory;
  value: T | null;
  redacted: boolean;
}

export function personal<T, U = T>(field: unknown, convert: (value: T) => U = (value) => value as unknown as U): Personal<U> | null {
  if (field === undefined || field === null) return null;
  const view = field as ViewField<T>;
  return view.redacted ? { category: view.category, value: null, redacted: true } : { category: view.category, value: convert(view.value), redacted: false };
}

/** A place as routes store it (`CN` or `CN:Wenzhou`). */
export function place(text: string): { country: string; city: string | null } {
  const parsed = parsePlace(text);
  return { country: parsed.country, city: parsed.city ?? null };
}

interface FactBase {
  id: string;
  markings: Markings;
  recordedAt: string;
}

function base(fact: FactView): FactBase {
  return { id: fact.factId, markings: fact.markings, recordedAt: fact.recordedAt };
}

export function personOf(fact: FactView) {
  const f = fact.fields;
  return {
    ...base(fact),
    role: f.role,
    fullName: personal<string>(f.fullName),
    dateOfBirth: personal<string>(f.dateOfBirth),
    nationality: personal<string>(f.nationality),
    documentNumber: personal<string>(f.documentNumber),
    phoneNumber: personal<string>(f.phoneNumber),
    address: personal<string>(f.address),
  };
}

export function routeOf(fact: FactView) {
  const f = fact.fields;
  return {
    ...base(fact),
    origin: personal<string, ReturnType<typeof place>>(f.origin, place),
    transit: personal<string[], Array<ReturnType<typeof place>>>(f.transit, (stops) => stops.map(place)),
    destination: personal<string, ReturnType<typeof place>>(f.destination, place),
    method: f.method,
  };
}

export function organisationOf(fact: FactView) {
  const f = fact.fields;
  return { ...base(fact), name: f.name, kind: f.kind, country: f.country, address: personal<string>(f.address) };
}

export function moneyFlowOf(fact: FactView) {
  const f = fact.fields;
  return {
    ...base(fact),
    fromAccount: personal<string>(f.fromAccount),
    toAccount: personal<string>(f.toAccount),
    amount: f.amount,
    currency: f.currency,
    date: f.date,
    channel: f.channel,
  };
}

export function noteOf(fact: FactView) {
  return { ...base(fact), text: fact.fields.text };
}

export function factsOfType(facts: readonly FactView[], type: FactView['factType']): FactView[] {
  return facts.filter((fact) => fact.factType === type);
}
