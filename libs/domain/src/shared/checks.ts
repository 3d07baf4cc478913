import { BadInputError } from './errors';

/** Throws BAD_INPUT naming `rule` when `values` repeats an element. */
export function requireDistinct(values: readonly string[], field: string, rule: string): void {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  if (repeated.size > 0) throw new BadInputError(rule, `${field} repeats ${[...repeated].join(', ')}`);
}

/** Throws BAD_INPUT naming `rule` when `values` is empty. */
export function requireNonEmpty(values: readonly unknown[], field: string, rule: string): void {
  if (values.length === 0) throw new BadInputError(rule, `${field} must not be empty`);
}

/** Throws BAD_INPUT naming `rule` when `value` is blank. */
export function requireText(value: string, field: string, rule: string): void {
  if (value.trim().length === 0) throw new BadInputError(rule, `${field} must not be blank`);
}

/** Elements of `values` that are not in `allowed`. */
export function outside<T>(values: readonly T[], allowed: readonly T[]): T[] {
  return values.filter((value) => !allowed.includes(value));
}

/**
 * A list that names every member of the string union `T`, checked at compile time:
 * `everyOf<'A' | 'B'>()(['A', 'B'] as const)` compiles, leaving out 'B' does not.
 */
export function everyOf<T extends string>() {
  return <const L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : { missing: Exclude<T, L[number]> })): L => list;
}
