import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { EventEnvelope, RecordedEvent } from './event-store.port';

/** The `previousHash` of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The fields the hash covers: the whole envelope except the global position (assigned by the
 * store at commit, and protected separately by the signed Merkle checkpoints over the global log)
 * and the hash itself.
 */
export type HashedFields = Omit<EventEnvelope, 'globalPosition' | 'hash'> & { data: unknown };

/** Canonical JSON (RFC 8785) of what the hash covers: the same bytes on every adapter and machine. */
export function canonicalEventBytes(event: HashedFields): string {
  const hashed: HashedFields = {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    stream: event.stream,
    revision: event.revision,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    actor: { officerId: event.actor.officerId, agencyId: event.actor.agencyId },
    commandId: event.commandId,
    correlationId: event.correlationId,
    causationId: event.causationId,
    previousHash: event.previousHash,
    data: event.data,
  };
  const text = canonicalJson(hashed);
  if (text === undefined) throw new Error('event cannot be canonicalized');
  return text;
}

/** hash = SHA-256(canonical envelope + data + previous event's hash in the same stream), hex. */
export function computeEventHash(event: HashedFields): string {
  return createHash('sha256').update(canonicalEventBytes(event), 'utf8').digest('hex');
}

/** Why a stream's chain is broken at an event, or null if this link holds. */
export function checkChainLink(event: RecordedEvent, previous: RecordedEvent | undefined): string | null {
  const expectedRevision = previous ? previous.revision + 1 : 0;
  if (event.revision !== expectedRevision) return `revision ${event.revision} follows ${previous ? previous.revision : 'nothing'} (expected ${expectedRevision})`;
  const expectedPrevious = previous ? previous.hash : GENESIS_HASH;
  if (event.previousHash !== expectedPrevious) return `previousHash does not match the hash of revision ${expectedRevision - 1}`;
  if (computeEventHash(event) !== event.hash) return 'stored hash does not match the event content';
  return null;
}
