import { type Json, Within } from './expected-views';

/**
 * Field-by-field comparison of an expected view with what the API answered. Both sides are first
 * brought into one order: lists the API does not promise to order are sorted (entities by id,
 * set-like enum lists by value); ordered lists (a clue's steps, a route's transit points) are kept.
 */

/** Enum lists that are sets: their order carries no meaning. */
const SET_VALUED = new Set(['mandates', 'categories', 'scope', 'handling', 'roles']);
/** Lists whose order is part of the data. */
const ORDERED = new Set(['steps', 'value']);

export interface Difference {
  path: string;
  expected: unknown;
  actual: unknown;
}

export function normalise(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => normalise(item));
    if (SET_VALUED.has(key) && items.every((item) => typeof item === 'string')) return [...(items as string[])].sort();
    if (ORDERED.has(key)) return items;
    return items.every((item) => sortKey(item) !== undefined) ? [...items].sort((a, b) => compareKeys(sortKey(a) as string, sortKey(b) as string)) : items;
  }
  if (value instanceof Within || value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [field, inner] of Object.entries(value as Record<string, unknown>)) out[field] = normalise(inner, field);
  return out;
}

/** What identifies an entity in a list: its id, or the id of the agency (recipient) it is about. */
function sortKey(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object' || item instanceof Within) return undefined;
  const record = item as Record<string, unknown>;
  if (typeof record.id === 'string') return record.id;
  for (const field of ['agency', 'recipient']) {
    const nested = record[field] as Record<string, unknown> | undefined;
    if (nested && typeof nested.id === 'string') return nested.id;
  }
  return undefined;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every difference between `expected` and `actual` (both normalised here), with its path. */
export function differences(expected: Json | undefined, actual: unknown, path = ''): Difference[] {
  return diff(normalise(expected), normalise(actual), path);
}

function diff(expected: unknown, actual: unknown, path: string): Difference[] {
  if (expected instanceof Within) {
    const at = typeof actual === 'string' ? Date.parse(actual) : Number.NaN;
    // The server stamps with millisecond precision inside the request's round trip.
    const ok = !Number.isNaN(at) && at >= Math.floor(expected.window.notBefore) && at <= Math.ceil(expected.window.notAfter);
    return ok ? [] : [{ path, expected: `an instant within [${iso(expected.window.notBefore)}, ${iso(expected.window.notAfter)}]`, actual }];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [{ path, expected, actual }];
    const found: Difference[] = [];
    if (expected.length !== actual.length) {
      found.push({ path: `${path}.length`, expected: describeList(expected), actual: describeList(actual) });
      return found;
    }
    expected.forEach((item, index) => found.push(...diff(item, actual[index], `${path}[${index}]`)));
    return found;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [{ path, expected, actual }];
    const found: Difference[] = [];
    const actualRecord = actual as Record<string, unknown>;
    const keys = new Set([...Object.keys(expected as object), ...Object.keys(actualRecord)]);
    for (const key of keys) {
      if (key === '__typename') continue;
      found.push(...diff((expected as Record<string, unknown>)[key], actualRecord[key], path ? `${path}.${key}` : key));
    }
    return found;
  }
  return Object.is(expected, actual) ? [] : [{ path, expected, actual }];
}

function describeList(list: unknown[]): unknown {
  return list.map((item) => sortKey(item) ?? item);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
