import { isPublicErrorCode, type PublicErrorCode } from './error-codes';

/** What the API may say about an error. */
export interface ClassifiedError {
  code: PublicErrorCode;
  /** Safe to send: the error's own message for registered codes, a generic text for INTERNAL_SERVER_ERROR. */
  message: string;
  /** `field`, `rule` and `reason` copied from the error when they are strings. */
  details: { field?: string; rule?: string; reason?: string };
}

export const INTERNAL_ERROR_MESSAGE = 'Internal server error';

/**
 * Maps library error codes (the `code` property every library error carries) to public codes,
 * so the platform never imports the classes of the libraries above it.
 *
 * An error whose `code` is itself a public code maps to it without registration. An error with an
 * unregistered code, or no code, is INTERNAL_SERVER_ERROR: its message is not sent to the client,
 * because only registered errors are written with an outside reader in mind.
 */
export class ErrorCodeRegistry {
  private readonly mapping = new Map<string, PublicErrorCode>();

  constructor(initial: Readonly<Record<string, PublicErrorCode>> = {}) {
    this.register(initial);
  }

  /** Registers `libraryCode → publicCode` pairs; registering one code to two public codes is a programming error. */
  register(mapping: Readonly<Record<string, PublicErrorCode>>): this {
    for (const [libraryCode, publicCode] of Object.entries(mapping)) {
      if (!isPublicErrorCode(publicCode)) {
        throw new Error(`error code ${libraryCode}: ${String(publicCode)} is not a public error code`);
      }
      const existing = this.mapping.get(libraryCode);
      if (existing !== undefined && existing !== publicCode) {
        throw new Error(`error code ${libraryCode} is already mapped to ${existing}, cannot map it to ${publicCode}`);
      }
      this.mapping.set(libraryCode, publicCode);
    }
    return this;
  }

  publicCodeOf(libraryCode: string): PublicErrorCode | undefined {
    return isPublicErrorCode(libraryCode) ? libraryCode : this.mapping.get(libraryCode);
  }

  classify(error: unknown): ClassifiedError {
    const code = codeOf(error);
    const publicCode = code === undefined ? undefined : this.publicCodeOf(code);
    if (publicCode === undefined && isConnectionFailure(error)) {
      return { code: 'STORE_UNAVAILABLE', message: STORE_UNAVAILABLE_MESSAGE, details: { reason: 'DATABASE_UNREACHABLE' } };
    }
    if (publicCode === undefined || publicCode === 'INTERNAL_SERVER_ERROR' || !(error instanceof Error)) {
      return { code: 'INTERNAL_SERVER_ERROR', message: INTERNAL_ERROR_MESSAGE, details: {} };
    }
    return { code: publicCode, message: error.message, details: detailsOf(error) };
  }
}

export const STORE_UNAVAILABLE_MESSAGE = 'The ledger database is unavailable; retry later';

/** Node socket failures and PostgreSQL connection exceptions (class 08, shutdowns), as the drivers raise them. */
const SOCKET_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', '57P01', '57P02', '57P03']);
const CONNECTION_FAILURE_MESSAGE = /Connection terminated|timeout expired|Query read timeout|Client has encountered a connection error|Connection ended unexpectedly/i;

/**
 * A database that cannot be reached (read model or store, through any driver) is the client's
 * STORE_UNAVAILABLE — retry later — not an internal error, even when no library wrapped it.
 */
export function isConnectionFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = (current as { cause?: unknown }).cause, depth += 1) {
    const code = codeOf(current);
    if (code !== undefined && (SOCKET_ERROR_CODES.has(code) || code.startsWith('08'))) return true;
    if (CONNECTION_FAILURE_MESSAGE.test(current.message)) return true;
  }
  return false;
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function detailsOf(error: Error): ClassifiedError['details'] {
  const details: ClassifiedError['details'] = {};
  for (const key of ['field', 'rule', 'reason'] as const) {
    const value = (error as unknown as Record<string, unknown>)[key];
    if (typeof value === 'string') details[key] = value;
  }
  return details;
}

/**
 * Codes of the event store port (libs/event-store/src/errors.ts) that can reach the API.
 * STORE_UNAVAILABLE is public already; INVALID_EVENT is a programming error and stays internal.
 */
export const EVENT_STORE_ERROR_CODES: Readonly<Record<string, PublicErrorCode>> = {
  WRONG_EXPECTED_REVISION: 'CONFLICT',
  INVALID_STREAM_NAME: 'BAD_USER_INPUT',
  EVENT_TOO_LARGE: 'BAD_USER_INPUT',
};

/** The process-wide registry the API server uses unless given another; libraries register into it at start-up. */
export const errorCodes = new ErrorCodeRegistry(EVENT_STORE_ERROR_CODES);
