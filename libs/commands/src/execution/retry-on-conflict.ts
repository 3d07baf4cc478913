import { WrongExpectedRevisionError } from '@ledger/event-store';
import { ConcurrencyConflictError } from '../errors';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Upper bound of the first backoff; each further attempt doubles it ("full jitter"). */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 4, maxDelayMs: 200 };

/**
 * Runs `attempt` (load → decide → append) again whenever the append lost an optimistic-concurrency
 * race, after a short random backoff; gives up with a ConcurrencyConflictError after `maxAttempts`.
 * Each attempt reloads, so a decision is always taken on the state it is appended after.
 */
export async function retryOnConflict<T>(attempt: (attemptNumber: number) => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Promise<T> {
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (attemptNumber >= policy.maxAttempts) throw new ConcurrencyConflictError(error.stream, attemptNumber);
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptNumber - 1));
      await sleep(Math.random() * ceiling);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
