/**
 * Text the ledger accepts: well-formed Unicode (no lone UTF-16 surrogate) with no NUL character.
 * Lone surrogates cannot be stored faithfully (PostgreSQL refuses them, SQLite text columns replace
 * them) and NUL is refused by PostgreSQL, so both are refused at the door for every store alike.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const WELL_FORMED_TEXT_RULE = 'isWellFormedText';
export const WELL_FORMED_TEXT_MESSAGE = 'must be well-formed Unicode text without NUL characters';

export function isWellFormedText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/** Paths (`a.b.0.c`) of every string inside `value` that is not well-formed text. */
export function malformedTextPaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return isWellFormedText(value) ? [] : [prefix || '(input)'];
  if (Array.isArray(value)) return value.flatMap((item, index) => malformedTextPaths(item, prefix ? `${prefix}.${index}` : String(index)));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => malformedTextPaths(inner, prefix ? `${prefix}.${key}` : key));
  }
  return [];
}
