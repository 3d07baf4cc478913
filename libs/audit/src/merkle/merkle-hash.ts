import { hash } from 'node:crypto';

/**
 * RFC 9162 (Certificate Transparency v2) §2.1.1 hashing, with SHA-256:
 * leaf = SHA-256(0x00 || data), node = SHA-256(0x01 || left || right), empty tree = SHA-256("").
 * The distinct prefixes keep a leaf from ever being passed off as an inner node.
 * One-shot `crypto.hash` over one buffer: verification computes two of these per event.
 */
export const HASH_BYTES = 32;

const sha256 = (data: Buffer): Buffer => hash('sha256', data, 'buffer');
const HEX_HASH = /^[0-9a-f]{64}$/;

export function leafHash(data: Buffer): Buffer {
  const input = Buffer.allocUnsafe(1 + data.length);
  input[0] = 0x00;
  data.copy(input, 1);
  return sha256(input);
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  const input = Buffer.allocUnsafe(1 + left.length + right.length);
  input[0] = 0x01;
  left.copy(input, 1);
  right.copy(input, 1 + left.length);
  return sha256(input);
}

export function emptyTreeHash(): Buffer {
  return sha256(Buffer.alloc(0));
}

/** The ledger's leaf for one event: the event's SHA-256 hash (hex in the envelope) as 32 raw bytes. */
export function eventLeafHash(eventHashHex: string): Buffer {
  if (!HEX_HASH.test(eventHashHex)) throw new Error('event hash must be 64 lowercase hex characters');
  const input = Buffer.allocUnsafe(1 + HASH_BYTES);
  input[0] = 0x00;
  input.write(eventHashHex, 1, 'hex');
  return sha256(input);
}

/** Parses a 64-character hex SHA-256 value; `what` names the field in the error. */
export function hexToHash(hex: string, what: string): Buffer {
  if (typeof hex !== 'string' || !HEX_HASH.test(hex)) throw new Error(`${what} must be 64 lowercase hex characters`);
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
