import type { ConfigProblem } from './config-error';

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

/**
 * Reads typed values from an environment and collects every problem instead of stopping at the
 * first, so an operator fixes a bad deployment in one round. An empty string counts as unset.
 */
export class EnvReader {
  readonly problems: ConfigProblem[] = [];

  constructor(private readonly env: Readonly<Record<string, string | undefined>>) {}

  /** The trimmed raw value, or undefined when unset or blank. */
  raw(variable: string): string | undefined {
    const value = this.env[variable]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  string(variable: string, fallback: string): string {
    return this.raw(variable) ?? fallback;
  }

  optionalString(variable: string): string | undefined {
    return this.raw(variable);
  }

  integer(variable: string, fallback: number, min: number, max: number): number {
    const value = this.raw(variable);
    if (value === undefined) return fallback;
    const rule = `must be a whole number between ${min} and ${max}`;
    if (!/^-?\d+$/.test(value)) return this.fail(variable, rule, value, fallback);
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) return this.fail(variable, rule, value, fallback);
    return parsed;
  }

  boolean(variable: string, fallback: boolean): boolean {
    const value = this.raw(variable);
    if (value === undefined) return fallback;
    const word = value.toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
    return this.fail(variable, 'must be one of true, false, 1, 0, yes, no, on, off', value, fallback);
  }

  oneOf<T extends string>(variable: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(variable);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    return this.fail(variable, `must be one of ${allowed.join(', ')}`, value, fallback);
  }

  /** Records a problem found by a caller-specific rule. */
  report(variable: string, rule: string, value?: string): void {
    this.problems.push(value === undefined ? { variable, rule } : { variable, rule, value });
  }

  private fail<T>(variable: string, rule: string, value: string, fallback: T): T {
    this.report(variable, rule, value);
    return fallback;
  }
}
