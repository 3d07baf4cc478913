import { EventStoreError, InvalidEventError, StoreUnavailableError } from '../../errors';

/** SQLSTATEs raised by `ledger_append_events` (see postgres-schema.ts). */
export const APPEND_COMMAND_RECORDED = 'LDG01';
export const APPEND_STREAM_MOVED = 'LDG02';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOENT']);

/** Server states in which retrying later is the only sensible reaction. */
const UNAVAILABLE_SQLSTATES: Record<string, string> = {
  '57P01': 'the server is shutting down',
  '57P02': 'the server crashed',
  '57P03': 'the server is starting up or in recovery',
  '53300': 'too many connections',
  '53400': 'a configured limit was exceeded',
  '57014': 'the statement took longer than the statement timeout',
  '3D000': 'the database does not exist',
  '28000': 'the connection was not authorised',
  '28P01': 'the password was rejected',
};

const CLIENT_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Connection ended|encountered a connection error|not queryable|Cannot use a pool after calling end/i;

export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether an error means "the database cannot be reached or is not answering". */
export function isUnavailable(error: unknown): boolean {
  const code = sqlState(error);
  if (code !== undefined && (NETWORK_CODES.has(code) || code.startsWith('08') || code in UNAVAILABLE_SQLSTATES)) return true;
  return error instanceof Error && CLIENT_MESSAGES.test(error.message);
}

/** Maps a driver error onto the port's errors; unknown errors pass through unchanged. */
export function translatePgError(error: unknown): unknown {
  if (error instanceof EventStoreError) return error;
  const code = sqlState(error);
  if (isUnavailable(error)) {
    const reason = (code && UNAVAILABLE_SQLSTATES[code]) ?? (error as Error).message ?? String(error);
    return new StoreUnavailableError(`PostgreSQL: ${reason}`, error);
  }
  if (code === '23505' && String((error as { constraint?: unknown }).constraint).includes('event_id')) {
    return new InvalidEventError('eventId', 'must be unique: another event already has this id');
  }
  return error;
}
