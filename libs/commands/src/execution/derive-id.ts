import { createHash } from 'node:crypto';

/**
 * A UUID (version 8, name-based on SHA-256) derived from a command id and what it names, e.g.
 * `deriveId(commandId, 'case')`. A retried command derives the same ids, so the ids the server
 * chooses and the command ids of secondary streams are stable across retries.
 */
export function deriveId(commandId: string, purpose: string): string {
  const bytes = createHash('sha256').update(`${commandId}\u0000${purpose}`, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80; // version 8
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 9562 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
