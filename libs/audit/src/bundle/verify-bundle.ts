import { createReadStream } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import * as readline from 'node:readline';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { checkChainLink, computeEventHash } from '@ledger/event-store/hash-chain';
import { checkCheckpointSignature, parseSignedCheckpoint, type SignedCheckpoint } from '../checkpoint/checkpoint';
import { eventLeafHash, hexToHash } from '../merkle/merkle-hash';
import { verifyConsistency, verifyInclusion } from '../merkle/merkle-proofs';
import { publicKeyFingerprint, publicKeyFromPem, verifyMessage } from '../signing/ledger-signing-key';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, bundleTrailerStatement, lineDigest, type BundleStreamRange, type BundleTrailer } from './bundle-format';

export interface BundleProblem {
  /** 1-based line number in the bundle. */
  line: number;
  stream?: string;
  revision?: number;
  message: string;
}

export interface BundleVerificationResult {
  ok: boolean;
  lineCount: number;
  eventCount: number;
  streamCount: number;
  checkpointCount: number;
  publicKeyFingerprint: string | null;
  /** True when the bundle's key was compared with a key the auditor supplied. */
  keyCompared: boolean;
  /** True when the trailer's signed line digests were present and every line matched them. */
  sealed: boolean;
  checkpoint: SignedCheckpoint | null;
  firstProblem: BundleProblem | null;
  problems: BundleProblem[];
}

export interface VerifyBundleOptions {
  /** The ledger's public key as the auditor knows it; without it the bundle's own key is used (and reported). */
  publicKey?: KeyObject;
  /** Accept a bundle whose trailer is not signed (exported without the private key); default false. */
  allowUnsealed?: boolean;
  maxProblems?: number;
}

/**
 * Checks an audit bundle offline, with no database: the checkpoint signatures, every event's
 * hash recomputed, the hash chain between consecutive events of each stream, every inclusion
 * proof against the signed root, every consistency proof, and the trailer's counts.
 */
export async function verifyBundle(file: string, options: VerifyBundleOptions = {}): Promise<BundleVerificationResult> {
  const check = new BundleCheck(options);
  const lines = readline.createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const text of lines) check.line(text);
  return check.result(options.maxProblems ?? 100);
}

/** Verifies bundle text already in memory (one JSON value per line). */
export function verifyBundleText(text: string, options: VerifyBundleOptions = {}): BundleVerificationResult {
  const check = new BundleCheck(options);
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) check.line(line);
  return check.result(options.maxProblems ?? 100);
}

class BundleCheck {
  private lineNumber = 0;
  private readonly problems: BundleProblem[] = [];
  private key: KeyObject | null = null;
  private fingerprint: string | null = null;
  private anchor: SignedCheckpoint | null = null;
  private anchorRoot: Buffer | null = null;
  private fromPositionSelected = false;
  private readonly lastOfStream = new Map<string, RecordedEvent>();
  private readonly ranges: Record<string, BundleStreamRange> = {};
  private lastLeafIndex = -1;
  private eventCount = 0;
  private checkpointCount = 0;
  private trailerSeen = false;
  private sealed = false;
  private readonly digests: string[] = [];
  private readonly expectedKey: KeyObject | undefined;

  constructor(private readonly options: VerifyBundleOptions) {
    this.expectedKey = options.publicKey;
  }

  line(text: string): void {
    this.lineNumber += 1;
    const at = this.lineNumber;
    this.digests.push(lineDigest(text));
    if (this.trailerSeen) return this.problem(at, 'content after the trailer');
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(text);
    } catch {
      return this.problem(at, 'not valid JSON');
    }
    if (typeof value !== 'object' || value === null) return this.problem(at, 'not a JSON object');
    if (at === 1) return this.header(value);
    if (!this.anchor) return; // without a usable header nothing else can be checked; already reported
    switch (value.record) {
      case 'event':
        return this.event(at, value);
      case 'checkpoint':
        return this.checkpoint(at, value);
      case 'trailer':
        return this.trailer(at, value);
      default:
        return this.problem(at, `unknown record ${JSON.stringify(value.record)}`);
    }
  }

  private header(value: Record<string, unknown>): void {
    if (value.record !== 'header' || value.format !== BUNDLE_FORMAT) return this.problem(1, `not an audit bundle header (format must be ${BUNDLE_FORMAT})`);
    if (value.formatVersion !== BUNDLE_FORMAT_VERSION) return this.problem(1, `unsupported format version ${JSON.stringify(value.formatVersion)} (supported: ${BUNDLE_FORMAT_VERSION})`);
    try {
      this.key = publicKeyFromPem(String(value.publicKeyPem), 'header publicKeyPem');
    } catch (error) {
      return this.problem(1, (error as Error).message);
    }
    this.fingerprint = publicKeyFingerprint(this.key);
    if (value.publicKeyFingerprint !== this.fingerprint) return this.problem(1, 'publicKeyFingerprint is not the fingerprint of publicKeyPem');
    if (this.expectedKey && publicKeyFingerprint(this.expectedKey) !== this.fingerprint) {
      return this.problem(1, `the bundle is signed with key ${this.fingerprint}, not with the ledger key ${publicKeyFingerprint(this.expectedKey)}`);
    }
    const checkpoint = this.parseCheckpoint(1, value.checkpoint, 'header checkpoint');
    if (!checkpoint) return;
    this.anchor = checkpoint;
    this.anchorRoot = hexToHash(checkpoint.rootHash, 'rootHash');
    const selection = value.selection as Record<string, unknown> | undefined;
    this.fromPositionSelected = selection?.fromPosition !== undefined;
  }

  private event(at: number, value: Record<string, unknown>): void {
    const event = value.event as RecordedEvent;
    const shape = envelopeProblem(event);
    if (shape) return this.problem(at, `event ${shape}`);
    this.eventCount += 1;
    const previous = this.lastOfStream.get(event.stream);
    const previousLeafIndex = this.lastLeafIndex;
    // Bookkeeping first, so one bad line is reported once and does not cascade onto the next ones.
    this.lastOfStream.set(event.stream, event);
    const range = this.ranges[event.stream];
    this.ranges[event.stream] = range ? { ...range, toRevision: event.revision, count: range.count + 1 } : { fromRevision: event.revision, toRevision: event.revision, count: 1 };
    if (typeof value.leafIndex === 'number') this.lastLeafIndex = value.leafIndex;

    const where = { stream: event.stream, revision: event.revision };
    const name = `${event.stream} revision ${event.revision}`;
    if (computeEventHash(event) !== event.hash) return this.problem(at, `${name}: stored hash does not match the event content`, where);
    if (previous || event.revision === 0) {
      const link = checkChainLink(event, previous);
      if (link) return this.problem(at, `${name}: ${link}`, where);
    } else if (!this.fromPositionSelected) {
      return this.problem(at, `${name}: the stream starts at revision ${event.revision}; revisions 0–${event.revision - 1} are missing from the bundle`, where);
    }

    const leafIndex = value.leafIndex;
    const proof = hashList(value.inclusionProof);
    const anchor = this.anchor!;
    if (typeof leafIndex !== 'number' || !Number.isSafeInteger(leafIndex) || leafIndex <= previousLeafIndex) {
      return this.problem(at, `${name}: leafIndex must be an integer greater than the previous event's (${previousLeafIndex})`, where);
    }
    if (event.globalPosition > anchor.position) return this.problem(at, `${name}: position ${event.globalPosition} is after the checkpoint's position ${anchor.position}`, where);
    if (!proof || !verifyInclusion(eventLeafHash(event.hash), leafIndex, anchor.treeSize, proof, this.anchorRoot!)) {
      return this.problem(at, `${name}: the inclusion proof does not lead to the signed root (size ${anchor.treeSize}); the event is not in the signed log at leaf ${leafIndex}`, where);
    }
  }

  private checkpoint(at: number, value: Record<string, unknown>): void {
    this.checkpointCount += 1;
    const checkpoint = this.parseCheckpoint(at, value.checkpoint, 'checkpoint');
    if (!checkpoint) return;
    const anchor = this.anchor!;
    const proof = hashList(value.consistencyProof);
    const root = hexToHash(checkpoint.rootHash, 'rootHash');
    if (!proof || !verifyConsistency(checkpoint.treeSize, anchor.treeSize, root, this.anchorRoot!, proof)) {
      this.problem(at, `checkpoint of size ${checkpoint.treeSize}: the consistency proof does not show that the header's checkpoint (size ${anchor.treeSize}) extends it`);
    }
  }

  private trailer(at: number, value: Record<string, unknown>): void {
    this.trailerSeen = true;
    this.checkSeal(at, value);
    if (value.eventCount !== this.eventCount) this.problem(at, `trailer says ${String(value.eventCount)} events, the bundle has ${this.eventCount}`);
    if (value.checkpointCount !== this.checkpointCount) this.problem(at, `trailer says ${String(value.checkpointCount)} checkpoints, the bundle has ${this.checkpointCount}`);
    const claimed = (value.streams ?? {}) as Record<string, BundleStreamRange>;
    for (const stream of new Set([...Object.keys(claimed), ...Object.keys(this.ranges)])) {
      const a = claimed[stream];
      const b = this.ranges[stream];
      if (!a || !b || a.fromRevision !== b.fromRevision || a.toRevision !== b.toRevision || a.count !== b.count) {
        this.problem(at, `trailer's revisions of ${stream} (${describeRange(a)}) differ from the bundle's (${describeRange(b)})`, { stream });
      }
    }
  }

  /** The signed line digests: any line that differs from what was exported is named. */
  private checkSeal(at: number, value: Record<string, unknown>): void {
    if (value.signature === undefined && value.lineDigests === undefined) {
      if (!this.options.allowUnsealed) this.problem(at, 'the trailer is not sealed (no signed line digests); edits outside the events cannot be ruled out');
      return;
    }
    const digests = value.lineDigests;
    if (!Array.isArray(digests) || !digests.every((d) => typeof d === 'string') || typeof value.signature !== 'string') {
      return this.problem(at, 'the trailer seal is malformed: lineDigests must be a list of hashes and signature a string');
    }
    const statement = bundleTrailerStatement(value as unknown as BundleTrailer);
    if (!verifyMessage(this.key!, statement, value.signature)) return this.problem(at, 'the trailer\'s seal signature does not match (the trailer was edited)');
    const read = this.digests.slice(0, -1); // every line before the trailer
    if (read.length !== digests.length) {
      const first = read.findIndex((digest, i) => digest !== digests[i]);
      const line = first < 0 ? Math.min(read.length, digests.length) + 1 : first + 1;
      return this.problem(line, `lines were added or removed after the bundle was sealed (sealed ${digests.length} lines before the trailer, found ${read.length}); the first difference is here`);
    }
    let edited = false;
    read.forEach((digest, i) => {
      if (digest !== digests[i]) {
        edited = true;
        this.problem(i + 1, 'the line differs from the one sealed at export (edited)');
      }
    });
    if (edited) return;
    this.sealed = true;
  }

  private parseCheckpoint(at: number, value: unknown, what: string): SignedCheckpoint | null {
    let checkpoint: SignedCheckpoint;
    try {
      checkpoint = parseSignedCheckpoint(value, `line ${at} ${what}`);
    } catch (error) {
      this.problem(at, (error as Error).message);
      return null;
    }
    const verdict = checkCheckpointSignature(checkpoint, new Map([[this.fingerprint!, this.key!]]));
    if (verdict === 'unknown-key') this.problem(at, `${what} is signed by key ${checkpoint.publicKeyFingerprint}, not the bundle's key`);
    else if (verdict === 'bad-signature') this.problem(at, `${what}: the signature does not match its content`);
    return verdict === null ? checkpoint : null;
  }

  private problem(line: number, message: string, where: { stream?: string; revision?: number } = {}): void {
    this.problems.push({ line, ...where, message: `line ${line}: ${message}` });
  }

  result(maxProblems: number): BundleVerificationResult {
    if (this.lineNumber === 0) this.problem(1, 'the bundle is empty');
    else if (this.anchor && !this.trailerSeen) this.problem(this.lineNumber, 'the bundle ends without a trailer: it was truncated');
    // By line, so the first problem is the earliest line at fault (the seal names lines only at the end).
    const ordered = [...this.problems].sort((a, b) => a.line - b.line);
    return {
      ok: this.problems.length === 0,
      lineCount: this.lineNumber,
      eventCount: this.eventCount,
      streamCount: Object.keys(this.ranges).length,
      checkpointCount: this.checkpointCount,
      publicKeyFingerprint: this.fingerprint,
      keyCompared: this.expectedKey !== undefined,
      sealed: this.sealed && this.problems.length === 0,
      checkpoint: this.anchor,
      firstProblem: ordered[0] ?? null,
      problems: ordered.slice(0, maxProblems),
    };
  }
}

/** What is wrong with an untrusted event envelope's shape, or null. */
function envelopeProblem(event: unknown): string | null {
  if (typeof event !== 'object' || event === null) return 'must be a JSON object';
  const e = event as Record<string, unknown>;
  for (const field of ['eventId', 'type', 'stream', 'occurredAt', 'recordedAt', 'commandId', 'correlationId', 'causationId', 'hash', 'previousHash']) {
    if (typeof e[field] !== 'string') return `field ${field} must be a string`;
  }
  for (const field of ['revision', 'globalPosition', 'schemaVersion']) {
    if (typeof e[field] !== 'number' || !Number.isSafeInteger(e[field]) || (e[field] as number) < 0) return `field ${field} must be a non-negative integer`;
  }
  const actor = e.actor as Record<string, unknown> | undefined;
  if (typeof actor !== 'object' || actor === null || typeof actor.officerId !== 'string' || typeof actor.agencyId !== 'string') return 'field actor must name an officerId and an agencyId';
  if (!/^[0-9a-f]{64}$/.test(e.hash as string)) return 'field hash must be 64 lowercase hex characters';
  return null;
}

function hashList(value: unknown): Buffer[] | null {
  if (!Array.isArray(value) || !value.every((h) => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h))) return null;
  return value.map((h: string) => Buffer.from(h, 'hex'));
}

function describeRange(range: BundleStreamRange | undefined): string {
  return range ? `${range.fromRevision}–${range.toRevision}, ${range.count} events` : 'none';
}
