import { createHash } from 'node:crypto';

/**
 * RFC 9162 (Certificate Transparency v2) §2.1.1 hashing, with SHA-256:
 * leaf = SHA-256(0x00 || data), node = SHA-256(0x01 || left || right), empty tree = SHA-256("").
 * The distinct prefixes keep a leaf from ever being passed off as an inner node.
 */
export const HASH_BYTES = 32;
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

export function leafHash(data: Buffer): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

export function emptyTreeHash(): Buffer {
  return createHash('sha256').digest();
}

/** The ledger's leaf for one event: the event's SHA-256 hash (hex in the envelope) as 32 raw bytes. */
export function eventLeafHash(eventHashHex: string): Buffer {
  return leafHash(hexToHash(eventHashHex, 'event hash'));
}

/** Parses a 64-character hex SHA-256 value; `what` names the field in the error. */
export function hexToHash(hex: string, what: string): Buffer {
  if (typeof hex !== 'string' || !/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${what} must be 64 lowercase hex characters`);
  return Buffer.from(hex, 'hex');
}

/** Largest power of two strictly smaller than n (n ≥ 2): the split point of RFC 9162's MTH. */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  if (!Number.isInteger(n) || n < 1) return false;
  let x = n;
  while (x % 2 === 0) x /= 2;
  return x === 1;
}
