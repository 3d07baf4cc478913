import { DomainError } from '@ledger/domain/shared/errors';
import { ConcurrencyConflictError, InputValidationError, type InputIssue } from '@ledger/commands/errors';
import { WrongExpectedRevisionError } from '@ledger/event-store/errors';
import { LedgerError, type PublicErrorCode } from '@ledger/platform';

/**
 * An error the API raises on purpose, with its public code and, where it applies, the input field
 * and the rule (both end up in `extensions`). Anything else is left to the server's classification.
 */
export class ApiError extends LedgerError {
  constructor(
    readonly code: PublicErrorCode,
    message: string,
    readonly rule?: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The indistinguishable answer for "does not exist" and "exists but is not visible to you". */
export function notFound(kind: string, id: string): ApiError {
  return new ApiError('NOT_FOUND', `${kind} ${id} not found`, `${kind}.visible-to-viewer`);
}

export function badInput(field: string, rule: string, message: string): ApiError {
  return new ApiError('BAD_USER_INPUT', `${field}: ${message}`, rule, field);
}

/** How to name the fields of the command input the error is about. */
export interface ErrorFieldContext {
  /** The GraphQL argument the command input came from; default `input`. */
  argument?: string;
  /** Where a command input's field sits in the GraphQL argument, when not at the same path. */
  mapPath?: (commandPath: string) => string;
  /** The command input as sent: a field named by a domain rule must be one of its keys. */
  input?: object;
}

const DOMAIN_CODES: Record<DomainError['code'], PublicErrorCode> = {
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  ALREADY_EXISTS: 'CONFLICT',
  INVALID_TRANSITION: 'CONFLICT',
  RULE_VIOLATION: 'BAD_USER_INPUT',
  BAD_INPUT: 'BAD_USER_INPUT',
};

/**
 * Translates what a command or a view query throws into the API's error codes:
 * - input validation → BAD_USER_INPUT naming the first offending field (`input.<path>`) and rule,
 *   the message listing every issue;
 * - domain rules → FORBIDDEN, NOT_FOUND, CONFLICT (exists already, wrong state) or BAD_USER_INPUT
 *   (a rule the input breaks), always with the rule's name;
 * - a lost optimistic-concurrency race → CONFLICT (retrying with the same commandId is safe).
 */
export function toApiError(error: unknown, where: ErrorFieldContext = {}): unknown {
  const argument = where.argument ?? 'input';
  const mapPath = where.mapPath ?? ((path: string) => path);
  if (error instanceof InputValidationError) {
    const issues = error.issues.map((issue) => ({ ...issue, path: fieldOf(argument, mapPath(issue.path)) }));
    const first = issues[0] as InputIssue;
    return new ApiError('BAD_USER_INPUT', issues.map((issue) => `${issue.path}: ${issue.message} [${issue.rule}]`).join('; '), first.rule, first.path);
  }
  if (error instanceof DomainError) {
    const code = DOMAIN_CODES[error.code];
    const field = code === 'BAD_USER_INPUT' ? fieldOf(argument, mapPath(leadingPath(error, where.input) ?? '')) : undefined;
    return new ApiError(code, error.message, error.rule, field);
  }
  if (error instanceof ConcurrencyConflictError || error instanceof WrongExpectedRevisionError) {
    return new ApiError('CONFLICT', error.message, 'stream.optimistic-concurrency');
  }
  return error;
}

function fieldOf(argument: string, path: string): string {
  return path === '' || path === '(input)' ? argument : `${argument}.${path}`;
}

/**
 * Domain errors about input state their detail as "<field path> <what is wrong>" (e.g. "mandates
 * repeats X", "markings.handlingNote must state…"). The leading path names the field to correct
 * when it starts with a field of the submitted input; otherwise the whole input is named.
 */
function leadingPath(error: DomainError, input: object | undefined): string | undefined {
  const detail = error.message.startsWith(`${error.rule}: `) ? error.message.slice(error.rule.length + 2) : error.message;
  const match = /^([a-z][A-Za-z0-9]*(?:\.[a-z][A-Za-z0-9]*)*)\s/.exec(detail);
  if (!match || input === undefined) return undefined;
  const first = match[1].split('.')[0];
  return Object.hasOwn(input, first) ? match[1] : undefined;
}
