import canonicalize from 'canonicalize';
import type { KeyObject } from 'node:crypto';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { publicKeyFingerprint, signMessage, verifyMessage, type LedgerSigningKey } from '../signing/ledger-signing-key';

/**
 * Where checkpoints live: as events of one ledger stream, so each checkpoint is itself
 * hash-chained to the previous one and, being a leaf of the global log, covered by the next.
 */
export const CHECKPOINT_STREAM = 'ledger-checkpoints';
export const CHECKPOINT_EVENT_TYPE = 'CheckpointSigned';
/** Prefix of the signed message: a signature over a ledger checkpoint cannot be replayed as anything else. */
const STATEMENT_LABEL = 'liaison-ledger checkpoint v1\n';

/**
 * A signed statement over the global log: the first `treeSize` events in global order — exactly
 * the events whose global position is ≤ `position` — have the RFC 9162 Merkle root `rootHash`,
 * where leaf i is SHA-256(0x00 ‖ the i-th event's 32-byte hash).
 */
export interface SignedCheckpoint {
  treeSize: number;
  /** Global position of the last event covered (0 for the empty log). */
  position: number;
  /** Hex SHA-256. */
  rootHash: string;
  /** Base64 Ed25519 signature over `checkpointStatement(...)`. */
  signature: string;
  /** SHA-256 (hex) of the signing key's DER SubjectPublicKeyInfo. */
  publicKeyFingerprint: string;
  /** ISO-8601 UTC. */
  signedAt: string;
}

/** A checkpoint as found in the ledger: plus the position and revision of its own event. */
export interface RecordedCheckpoint extends SignedCheckpoint {
  eventPosition: number;
  eventRevision: number;
}

/** Raised for a checkpoint that is not well formed; names the field and the rule. */
export class CheckpointFormatError extends Error {
  readonly code = 'CHECKPOINT_MALFORMED';
  constructor(
    readonly field: string,
    readonly rule: string,
    source: string,
  ) {
    super(`${source}: checkpoint field ${field} ${rule}`);
    this.name = 'CheckpointFormatError';
  }
}

/** The exact bytes that are signed. */
export function checkpointStatement(checkpoint: Omit<SignedCheckpoint, 'signature'>): string {
  const body = canonicalize({
    treeSize: checkpoint.treeSize,
    position: checkpoint.position,
    rootHash: checkpoint.rootHash,
    publicKeyFingerprint: checkpoint.publicKeyFingerprint,
    signedAt: checkpoint.signedAt,
  });
  return STATEMENT_LABEL + body;
}

export function signCheckpoint(key: LedgerSigningKey, fields: { treeSize: number; position: number; rootHash: string; signedAt: string }): SignedCheckpoint {
  const unsigned = { ...fields, publicKeyFingerprint: key.fingerprint };
  return { ...unsigned, signature: signMessage(key.privateKey, checkpointStatement(unsigned)) };
}

/** Public keys an auditor trusts, by fingerprint. */
export type TrustedKeys = ReadonlyMap<string, KeyObject>;

export function trustedKeys(keys: KeyObject | KeyObject[]): TrustedKeys {
  return new Map((Array.isArray(keys) ? keys : [keys]).map((key) => [publicKeyFingerprint(key), key]));
}

/** Why the signature does not hold ('unknown-key' or 'bad-signature'), or null when it does. */
export function checkCheckpointSignature(checkpoint: SignedCheckpoint, keys: TrustedKeys): 'unknown-key' | 'bad-signature' | null {
  const key = keys.get(checkpoint.publicKeyFingerprint);
  if (!key) return 'unknown-key';
  return verifyMessage(key, checkpointStatement(checkpoint), checkpoint.signature) ? null : 'bad-signature';
}

/** Validates an untrusted value (event data, a file) as a signed checkpoint; `source` names it in errors. */
export function parseSignedCheckpoint(value: unknown, source: string): SignedCheckpoint {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CheckpointFormatError('(root)', 'must be a JSON object', source);
  const v = value as Record<string, unknown>;
  const count = (field: string): number => {
    const x = v[field];
    if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < 0) throw new CheckpointFormatError(field, 'must be a non-negative integer', source);
    return x;
  };
  const text = (field: string, pattern: RegExp, rule: string): string => {
    const x = v[field];
    if (typeof x !== 'string' || !pattern.test(x)) throw new CheckpointFormatError(field, rule, source);
    return x;
  };
  const checkpoint: SignedCheckpoint = {
    treeSize: count('treeSize'),
    position: count('position'),
    rootHash: text('rootHash', /^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters'),
    signature: text('signature', /^[A-Za-z0-9+/]{86}==$/, 'must be a base64 Ed25519 signature (64 bytes)'),
    publicKeyFingerprint: text('publicKeyFingerprint', /^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters'),
    signedAt: text('signedAt', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'must be an ISO-8601 UTC date-time'),
  };
  if ((checkpoint.treeSize === 0) !== (checkpoint.position === 0)) throw new CheckpointFormatError('position', 'must be 0 exactly when treeSize is 0', source);
  return checkpoint;
}

/** Only the signed fields, in a fixed order: what goes into event data and checkpoint files. */
export function signedFields(checkpoint: SignedCheckpoint): SignedCheckpoint {
  const { treeSize, position, rootHash, signature, publicKeyFingerprint, signedAt } = checkpoint;
  return { treeSize, position, rootHash, signature, publicKeyFingerprint, signedAt };
}

export function isCheckpointEvent(event: Pick<RecordedEvent, 'stream' | 'type'>): boolean {
  return event.stream === CHECKPOINT_STREAM && event.type === CHECKPOINT_EVENT_TYPE;
}

export function recordedCheckpointOf(event: RecordedEvent): RecordedCheckpoint {
  const checkpoint = parseSignedCheckpoint(event.data, `${event.stream} revision ${event.revision}`);
  return { ...checkpoint, eventPosition: event.globalPosition, eventRevision: event.revision };
}
