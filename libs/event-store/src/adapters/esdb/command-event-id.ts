import { createHash } from 'node:crypto';

/** Namespace of the ledger's name-based event ids (a fixed, randomly chosen UUID). */
const LEDGER_EVENT_ID_NAMESPACE = Buffer.from('6f1c2a4e9b7d4c1e8a3f5d2b7c9e0a14', 'hex');

/**
 * The id of the `index`-th event of a command in a stream, derived from those three values as an
 * RFC 4122 version-5 (SHA-1, name-based) UUID. A retried command therefore proposes the very
 * same event ids, and EventStoreDB's own idempotence on event ids turns a concurrent duplicate
 * of the write into a no-op instead of a second copy.
 */
export function commandEventId(stream: string, commandId: string, index: number): string {
  const name = Buffer.from(JSON.stringify([stream, commandId, index]), 'utf8');
  const bytes = createHash('sha1').update(LEDGER_EVENT_ID_NAMESPACE).update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
