import type { KeyObject } from 'node:crypto';
import type { EventStore, RecordedEvent } from '@ledger/event-store/event-store.port';
import { checkCheckpointSignature, isCheckpointEvent, recordedCheckpointOf, trustedKeys, type RecordedCheckpoint, type SignedCheckpoint, type TrustedKeys } from '../checkpoint/checkpoint';
import { hexToHash } from '../merkle/merkle-hash';
import { leafOfEvent } from '../support/event-leaf';
import { verifyConsistency } from '../merkle/merkle-proofs';
import { MerkleTree } from '../merkle/merkle-tree';
import { PositionIndex } from '../support/position-index';
import { DEFAULT_PAGE_SIZE, readLogPages } from '../support/read-log';
import type { IntegrityProblem } from './integrity-problem';
import { StreamChains, type ChainFinding } from './stream-chains';

export type ProgressCallback = (done: number, total: number) => void;

export interface VerifyLedgerOptions {
  /** Called after each page: positions verified so far, and the head position being verified up to. */
  onProgress?: ProgressCallback;
  /**
   * Checkpoints the auditor holds from outside the ledger. The log must still contain exactly the
   * events each one signed; this is what detects a tail truncated after the last checkpoint in the log.
   */
  trustedCheckpoints?: Array<{ checkpoint: SignedCheckpoint; source: string }>;
  pageSize?: number;
  /** Problems kept in the result (all are counted). */
  maxProblems?: number;
}

export interface LedgerVerificationResult {
  ok: boolean;
  verifiedAt: string;
  durationMs: number;
  /** The log was verified up to this global position (the head when verification started). */
  headPosition: number;
  eventCount: number;
  streamCount: number;
  checkpointCount: number;
  /** The latest checkpoint in the log with a valid signature (whether or not the log still matches it). */
  latestCheckpoint: RecordedCheckpoint | null;
  /** Events after the latest checkpoint: protected by their hash chains only until the next checkpoint. */
  eventsAfterLatestCheckpoint: number;
  trustedCheckpointsChecked: number;
  /** The first problem in global order: the first broken link. */
  firstProblem: IntegrityProblem | null;
  problems: IntegrityProblem[];
  problemCount: number;
}

/**
 * Verifies the whole ledger through the event store port (so on every adapter), reading every
 * event once in global order: each stream's hash chain, every signed checkpoint (signature,
 * event count and Merkle root recomputed from the events, consistency with the previous one),
 * then the auditor's own trusted checkpoints.
 */
export async function verifyLedger(store: EventStore, publicKey: KeyObject | KeyObject[], options: VerifyLedgerOptions = {}): Promise<LedgerVerificationResult> {
  const started = Date.now();
  const verification = new LedgerVerification(trustedKeys(publicKey));
  const head = await store.headPosition();
  options.onProgress?.(0, head);
  for await (const page of readLogPages(store, { toPosition: head }, options.pageSize ?? DEFAULT_PAGE_SIZE)) {
    for (const event of page) verification.add(event);
    options.onProgress?.(page[page.length - 1].globalPosition, head);
  }
  options.onProgress?.(head, head);
  for (const trusted of options.trustedCheckpoints ?? []) verification.checkTrusted(trusted.checkpoint, trusted.source);
  return verification.result(head, started, options.maxProblems ?? 100);
}

/** The state of one verification pass; events are fed in global order. */
class LedgerVerification {
  private readonly chains = new StreamChains();
  private readonly tree = new MerkleTree();
  private readonly positions = new PositionIndex();
  private readonly findings: Array<ChainFinding | IntegrityProblem> = [];
  private checkpointCount = 0;
  private trustedChecked = 0;
  private latest: RecordedCheckpoint | null = null;
  /** The last checkpoint that matched the log: tampering lies after its position. */
  private lastGood: RecordedCheckpoint | null = null;

  constructor(private readonly keys: TrustedKeys) {}

  add(event: RecordedEvent): void {
    if (event.globalPosition <= this.positions.last) {
      this.findings.push({ kind: 'EVENTS_REORDERED', stream: event.stream, revision: event.revision, position: event.globalPosition, message: `the store returned position ${event.globalPosition} after ${this.positions.last}` });
      return;
    }
    const finding = this.chains.check(event);
    if (finding) this.findings.push(finding);
    this.tree.append(leafOfEvent(event));
    this.positions.push(event.globalPosition);
    if (isCheckpointEvent(event)) this.checkCheckpoint(event);
  }

  private checkCheckpoint(event: RecordedEvent): void {
    this.checkpointCount += 1;
    const at = { stream: event.stream, revision: event.revision, position: event.globalPosition };
    let checkpoint: RecordedCheckpoint;
    try {
      checkpoint = recordedCheckpointOf(event);
    } catch (error) {
      this.findings.push({ kind: 'CHECKPOINT_MALFORMED', ...at, message: (error as Error).message });
      return;
    }
    const name = `checkpoint ${event.stream} revision ${event.revision}`;
    const signature = checkCheckpointSignature(checkpoint, this.keys);
    if (signature === 'unknown-key') {
      this.findings.push({ kind: 'CHECKPOINT_UNKNOWN_KEY', ...at, message: `${name} is signed by key ${checkpoint.publicKeyFingerprint}, which is not trusted` });
      return;
    }
    if (signature === 'bad-signature') {
      this.findings.push({ kind: 'CHECKPOINT_SIGNATURE_INVALID', ...at, message: `${name}: the signature does not match the checkpoint's content (altered after signing)` });
      return;
    }
    this.latest = checkpoint;
    if (checkpoint.position >= event.globalPosition) {
      this.findings.push({ kind: 'CHECKPOINT_MALFORMED', ...at, message: `${name} claims to cover position ${checkpoint.position}, at or after its own position ${event.globalPosition}` });
      return;
    }
    const since = this.lastGood ? `after position ${this.lastGood.position} (the previous checkpoint that matches)` : 'from the start of the log';
    const held = this.positions.countAtOrBelow(checkpoint.position);
    if (held !== checkpoint.treeSize) {
      const change = held < checkpoint.treeSize ? `${checkpoint.treeSize - held} event(s) were removed` : `${held - checkpoint.treeSize} event(s) were inserted`;
      this.findings.push({ kind: 'CHECKPOINT_TREE_SIZE_MISMATCH', ...at, message: `${name} signed ${checkpoint.treeSize} events up to position ${checkpoint.position}, the log holds ${held}: ${change} ${since}` });
      return;
    }
    if (!this.tree.root(checkpoint.treeSize).equals(hexToHash(checkpoint.rootHash, 'rootHash'))) {
      this.findings.push({ kind: 'CHECKPOINT_ROOT_MISMATCH', ...at, message: `${name}: the Merkle root of the first ${checkpoint.treeSize} events differs from the signed root; events ${since} and up to position ${checkpoint.position} were altered, replaced or reordered` });
      return;
    }
    if (this.lastGood && !this.extends(this.lastGood, checkpoint)) {
      this.findings.push({ kind: 'CHECKPOINTS_INCONSISTENT', ...at, message: `${name} (size ${checkpoint.treeSize}) does not extend the previous checkpoint (size ${this.lastGood.treeSize})` });
      return;
    }
    this.lastGood = checkpoint;
  }

  /** RFC 9162 consistency between two signed roots, with the proof generated from the log. */
  private extends(older: SignedCheckpoint, newer: SignedCheckpoint): boolean {
    if (older.treeSize > newer.treeSize) return false;
    const proof = this.tree.consistencyProof(older.treeSize, newer.treeSize);
    return verifyConsistency(older.treeSize, newer.treeSize, hexToHash(older.rootHash, 'rootHash'), hexToHash(newer.rootHash, 'rootHash'), proof);
  }

  checkTrusted(checkpoint: SignedCheckpoint, source: string): void {
    const name = `trusted checkpoint from ${source} (size ${checkpoint.treeSize}, position ${checkpoint.position})`;
    const signature = checkCheckpointSignature(checkpoint, this.keys);
    if (signature !== null) {
      const kind = signature === 'unknown-key' ? 'CHECKPOINT_UNKNOWN_KEY' : 'CHECKPOINT_SIGNATURE_INVALID';
      this.findings.push({ kind, message: `${name}: ${signature === 'unknown-key' ? 'signed by a key that is not trusted' : 'the signature does not match its content'}` });
      return;
    }
    this.trustedChecked += 1;
    const size = this.tree.size;
    if (checkpoint.treeSize > size) {
      this.findings.push({ kind: 'TAIL_TRUNCATED', position: this.positions.last, message: `${name} signed ${checkpoint.treeSize} events, the log holds only ${size} (up to position ${this.positions.last}): its tail was truncated` });
      return;
    }
    const held = this.positions.countAtOrBelow(checkpoint.position);
    if (held !== checkpoint.treeSize || !this.tree.root(checkpoint.treeSize).equals(hexToHash(checkpoint.rootHash, 'rootHash'))) {
      this.findings.push({ kind: 'TRUSTED_CHECKPOINT_MISMATCH', position: checkpoint.position, message: `${name}: the log's first ${checkpoint.treeSize} events are not the ones that were signed (${held} events up to that position now): the log was rewritten or forked` });
    }
  }

  result(head: number, started: number, maxProblems: number): LedgerVerificationResult {
    const problems = this.resolveFindings();
    return {
      ok: problems.length === 0,
      verifiedAt: new Date().toISOString(),
      durationMs: Date.now() - started,
      headPosition: head,
      eventCount: this.tree.size,
      streamCount: this.chains.streamCount,
      checkpointCount: this.checkpointCount,
      latestCheckpoint: this.latest,
      eventsAfterLatestCheckpoint: this.tree.size - (this.latest?.treeSize ?? 0),
      trustedCheckpointsChecked: this.trustedChecked,
      firstProblem: problems[0] ?? null,
      problems: problems.slice(0, maxProblems),
      problemCount: problems.length,
    };
  }

  /**
   * Turns provisional chain findings into problems: a gap whose revision turned up later is a
   * reordering (the late arrival is the same problem, not a second one); one that never did is a deletion.
   */
  private resolveFindings(): IntegrityProblem[] {
    const lateArrivals = new Map<string, ChainFinding>();
    for (const finding of this.findings) if (finding.kind === 'REVISION_LATE') lateArrivals.set(`${finding.stream}#${finding.revision}`, finding as ChainFinding);
    const problems: IntegrityProblem[] = [];
    for (const finding of this.findings) {
      if (finding.kind === 'REVISION_LATE') continue;
      if (finding.kind !== 'REVISION_GAP') {
        problems.push(finding as IntegrityProblem);
        continue;
      }
      const gap = finding as ChainFinding;
      const where = { stream: gap.stream, revision: gap.revision, position: gap.position };
      if (this.chains.isMissing(gap.stream, gap.revision)) {
        problems.push({ kind: 'EVENT_MISSING', ...where, message: `${gap.message}, and it appears nowhere later in the log: deleted` });
      } else {
        const late = lateArrivals.get(`${gap.stream}#${gap.revision}`);
        const detail = late ? `${late.message} (position ${late.position})` : `${gap.stream} revision ${gap.revision} is stored out of order`;
        problems.push({ kind: 'EVENTS_REORDERED', ...where, message: `${detail}: events were swapped or moved` });
      }
    }
    return problems;
  }
}
