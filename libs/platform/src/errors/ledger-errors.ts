import type { PublicErrorCode } from './error-codes';

/**
 * Errors the platform raises, one per public code. Other libraries may use them or define their
 * own classes with a `code` property and register that code (see error-registry.ts).
 */
export abstract class LedgerError extends Error {
  abstract readonly code: PublicErrorCode;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad input: names the field (a dotted path such as `input.markings.tlp`) and the rule it broke. */
export class InputError extends LedgerError {
  readonly code = 'BAD_USER_INPUT';
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field} ${rule}`);
  }
}

export class ForbiddenError extends LedgerError {
  readonly code = 'FORBIDDEN';
}

export class NotFoundError extends LedgerError {
  readonly code = 'NOT_FOUND';
  constructor(
    readonly kind: string,
    readonly id: string,
  ) {
    super(`${kind} ${id} not found`);
  }
}

export class ConflictError extends LedgerError {
  readonly code = 'CONFLICT';
}

/** A dependency (event store, read store, identity provider keys) cannot be reached. */
export class UnavailableError extends LedgerError {
  readonly code = 'STORE_UNAVAILABLE';
  constructor(
    message: string,
    /** Machine-readable cause, e.g. READ_STORE_UNAVAILABLE, JWKS_UNAVAILABLE. */
    readonly reason: string,
    cause?: unknown,
  ) {
    super(message, { cause });
  }
}
