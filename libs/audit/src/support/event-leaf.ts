import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { eventLeafHash, leafHash } from '../merkle/merkle-hash';

/**
 * An event's Merkle leaf, also for a damaged event whose stored `hash` is not even a SHA-256 hex
 * value: its leaf is then derived from the text as stored, so it can never match a signed root
 * and the damage is reported (by the chain check) instead of aborting the pass.
 */
export function leafOfEvent(event: Pick<RecordedEvent, 'hash'>): Buffer {
  try {
    return eventLeafHash(event.hash);
  } catch {
    return leafHash(Buffer.from(String(event.hash), 'utf8'));
  }
}
