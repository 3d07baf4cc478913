import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import type { RecordedCheckpoint } from '../checkpoint/checkpoint';

/**
 * An audit bundle is JSON Lines, readable and checkable offline with no database:
 *   line 1      header: format, the ledger's public key (PEM), the signed checkpoint all proofs refer to;
 *   then        one `event` line per event (full envelope and data), with its leaf index and
 *               RFC 9162 inclusion proof against that checkpoint's root, in global order;
 *   then        one `checkpoint` line per earlier signed checkpoint, with a consistency proof to it;
 *   last line   trailer: counts, per-stream revision ranges and, when the exporter holds the ledger
 *               key, the SHA-256 of every line before it, signed — so that any edited line, even
 *               one that carries no evidence of its own (a date in the header), is named.
 */
export const BUNDLE_FORMAT = 'liaison-ledger-audit-bundle';
export const BUNDLE_FORMAT_VERSION = 1;

export type BundleSelection = ({ agencyId: string; stream?: undefined } | { stream: string; agencyId?: undefined }) & {
  /** Only events at or after this global position. */
  fromPosition?: number;
  /** Only events at or before this global position. */
  toPosition?: number;
};

export interface BundleHeader {
  record: 'header';
  format: typeof BUNDLE_FORMAT;
  formatVersion: typeof BUNDLE_FORMAT_VERSION;
  createdAt: string;
  selection: BundleSelection;
  publicKeyPem: string;
  publicKeyFingerprint: string;
  checkpoint: RecordedCheckpoint;
}

export interface BundleEventLine {
  record: 'event';
  /** The event's leaf index in the global log (0-based). */
  leafIndex: number;
  /** Hex hashes, leaf to root. */
  inclusionProof: string[];
  event: RecordedEvent;
}

export interface BundleCheckpointLine {
  record: 'checkpoint';
  checkpoint: RecordedCheckpoint;
  /** Hex hashes proving the header's checkpoint extends this one. */
  consistencyProof: string[];
}

export interface BundleStreamRange {
  fromRevision: number;
  toRevision: number;
  count: number;
}

export interface BundleTrailer {
  record: 'trailer';
  eventCount: number;
  checkpointCount: number;
  streams: Record<string, BundleStreamRange>;
  /** Selected events left out because they came after the header's checkpoint. */
  eventsAfterCheckpoint: number;
  /** Hex SHA-256 of each line before the trailer (its exact UTF-8 text, without the newline). */
  lineDigests?: string[];
  /** Base64 Ed25519 signature over `bundleTrailerStatement(trailer)`. */
  signature?: string;
}

const TRAILER_LABEL = 'liaison-ledger audit bundle v1\n';

/** The exact text the trailer signature covers: a label, then the canonical trailer without its signature. */
export function bundleTrailerStatement(trailer: Omit<BundleTrailer, 'signature'>): string {
  const { eventCount, checkpointCount, streams, eventsAfterCheckpoint, lineDigests } = trailer;
  return TRAILER_LABEL + canonicalize({ record: 'trailer', eventCount, checkpointCount, streams, eventsAfterCheckpoint, lineDigests });
}

export function lineDigest(line: string): string {
  return createHash('sha256').update(line, 'utf8').digest('hex');
}

export type BundleLine = BundleHeader | BundleEventLine | BundleCheckpointLine | BundleTrailer;
