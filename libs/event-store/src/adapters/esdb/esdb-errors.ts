import { status } from '@grpc/grpc-js';
import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
  isCommandError,
} from '@eventstore/db-client';
import { EventStoreConfigError, EventStoreError, InvalidOptionError, StoreUnavailableError } from '../../errors';
import { NotALedgerEventError } from './envelope-codec';

/** Failures after which the same call may succeed: the server is down, restarting, or a leader changed. */
export function isTransient(error: unknown): boolean {
  return (
    error instanceof StoreUnavailableError ||
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof CancelledError ||
    error instanceof TimeoutError ||
    error instanceof NotLeaderError ||
    isDiscoveryFailure(error)
  );
}

/** The client found no usable node among the gossip seeds (after its own `maxDiscoverAttempts` tries). */
export function isDiscoveryFailure(error: unknown): boolean {
  return error instanceof Error && /^Failed to discover after \d+ attempts/.test(error.message);
}

/** Whether the server rejected a read position (only positions it handed out are valid). */
function isRejectedPosition(error: unknown): boolean {
  return error instanceof Error && isCommandError(error) && (error as { code?: number }).code === status.INVALID_ARGUMENT && /position/i.test(error.message);
}

/**
 * The port's error for a client failure: the port's own errors pass through; a rejected read
 * position is the caller's mistake; refused access is a configuration error; anything else means
 * the store cannot serve the request now.
 */
export function toPortError(error: unknown, operation: string): Error {
  if (error instanceof EventStoreError || error instanceof NotALedgerEventError) return error;
  if (isRejectedPosition(error)) return new InvalidOptionError('fromPosition', 'must be a global position this store returned, or one more than such a position');
  if (error instanceof AccessDeniedError) return new EventStoreConfigError('EventStoreDB refused access: check the credentials or certificates in the connection string', error);
  const message = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(`EventStoreDB ${operation} failed: ${message}`, error);
}
