/**
 * Errors a decision raises when a command breaks a rule. Each carries a stable `code` (for APIs and
 * callers) and the name of the `rule` it enforces; the message starts with the rule name so that
 * whoever reads it knows exactly which rule refused the command.
 */
export type DomainErrorCode = 'FORBIDDEN' | 'NOT_FOUND' | 'ALREADY_EXISTS' | 'INVALID_TRANSITION' | 'RULE_VIOLATION' | 'BAD_INPUT';

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
  constructor(
    readonly rule: string,
    detail: string,
  ) {
    super(`${rule}: ${detail}`);
    this.name = new.target.name;
  }
}

/** The actor is not allowed to do this (wrong agency, missing role, suspended). */
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
}

/** Something the command refers to does not exist in the ledger. */
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
}

/** The command would create something that already exists. */
export class AlreadyExistsError extends DomainError {
  readonly code = 'ALREADY_EXISTS';
}

/** The aggregate is not in a state from which the requested change is allowed. */
export class InvalidTransitionError extends DomainError {
  readonly code = 'INVALID_TRANSITION';
  constructor(
    rule: string,
    readonly current: string,
    readonly requested: string,
    detail: string,
  ) {
    super(rule, `${detail} (current state ${current}, requested ${requested})`);
  }
}

/** A business rule refuses the command (agreement not in force, category not allowed, …). */
export class RuleViolationError extends DomainError {
  readonly code = 'RULE_VIOLATION';
}

/** The command's data is inconsistent in itself (dates in the wrong order, duplicates, …). */
export class BadInputError extends DomainError {
  readonly code = 'BAD_INPUT';
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
