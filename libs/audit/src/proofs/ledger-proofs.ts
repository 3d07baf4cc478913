import type { EventStore } from '@ledger/event-store/event-store.port';
import { checkCheckpointSignature, type SignedCheckpoint, type TrustedKeys } from '../checkpoint/checkpoint';
import { eventLeafHash, hexToHash } from '../merkle/merkle-hash';
import { leafOfEvent } from '../support/event-leaf';
import { verifyConsistency, verifyInclusion } from '../merkle/merkle-proofs';
import { MerkleTree } from '../merkle/merkle-tree';
import { PositionIndex } from '../support/position-index';
import { DEFAULT_PAGE_SIZE, readLogPages } from '../support/read-log';
import type { ProgressCallback } from '../verify/verify-ledger';

/**
 * Proofs an auditor asks the ledger for, and the checks the auditor runs on them with nothing
 * but checkpoints and the ledger's public key:
 * - inclusion: this event is leaf i of the log a checkpoint signed;
 * - consistency: a newer checkpoint's log extends an older one's (nothing before was changed).
 */

export interface LedgerTree {
  tree: MerkleTree;
  positions: PositionIndex;
}

/** The Merkle tree of the log up to `toPosition` (default: the head), read once in global order. */
export async function buildLedgerTree(store: EventStore, options: { toPosition?: number; onProgress?: ProgressCallback; pageSize?: number } = {}): Promise<LedgerTree> {
  const tree = new MerkleTree();
  const positions = new PositionIndex();
  const head = options.toPosition ?? (await store.headPosition());
  for await (const page of readLogPages(store, { toPosition: head }, options.pageSize ?? DEFAULT_PAGE_SIZE)) {
    for (const event of page) {
      tree.append(leafOfEvent(event));
      positions.push(event.globalPosition);
    }
    options.onProgress?.(page[page.length - 1].globalPosition, head);
  }
  return { tree, positions };
}

export interface InclusionProof {
  leafIndex: number;
  treeSize: number;
  /** Hex hashes, leaf to root. */
  proof: string[];
}

/** Proof that the event at `eventPosition` is in the log `checkpoint` signed. */
export function inclusionProofFor(ledger: LedgerTree, eventPosition: number, checkpoint: SignedCheckpoint): InclusionProof {
  const leafIndex = ledger.positions.indexOf(eventPosition);
  if (leafIndex < 0) throw new RangeError(`no event at position ${eventPosition}`);
  if (leafIndex >= checkpoint.treeSize) throw new RangeError(`the event at position ${eventPosition} comes after the checkpoint (size ${checkpoint.treeSize})`);
  return { leafIndex, treeSize: checkpoint.treeSize, proof: ledger.tree.inclusionProof(leafIndex, checkpoint.treeSize).map(hex) };
}

/** Proof that `newer`'s log extends `older`'s, generated from this ledger's events. */
export function consistencyProofBetween(ledger: LedgerTree, older: SignedCheckpoint, newer: SignedCheckpoint): string[] {
  return ledger.tree.consistencyProof(older.treeSize, newer.treeSize).map(hex);
}

/** The auditor's check: `eventHash` (hex) is leaf `proof.leafIndex` under the signed root. */
export function isEventIncluded(eventHash: string, proof: InclusionProof, checkpoint: SignedCheckpoint, keys: TrustedKeys): boolean {
  if (checkCheckpointSignature(checkpoint, keys) !== null || proof.treeSize !== checkpoint.treeSize || !/^[0-9a-f]{64}$/.test(eventHash)) return false;
  const path = parseHashes(proof.proof);
  return path !== null && verifyInclusion(eventLeafHash(eventHash), proof.leafIndex, checkpoint.treeSize, path, hexToHash(checkpoint.rootHash, 'rootHash'));
}

/** The auditor's check: both checkpoints are signed by a trusted key and `newer` extends `older`. */
export function doesCheckpointExtend(older: SignedCheckpoint, newer: SignedCheckpoint, proof: string[], keys: TrustedKeys): boolean {
  if (checkCheckpointSignature(older, keys) !== null || checkCheckpointSignature(newer, keys) !== null) return false;
  const path = parseHashes(proof);
  return path !== null && verifyConsistency(older.treeSize, newer.treeSize, hexToHash(older.rootHash, 'rootHash'), hexToHash(newer.rootHash, 'rootHash'), path);
}

const hex = (hash: Buffer): string => hash.toString('hex');

function parseHashes(hashes: string[]): Buffer[] | null {
  if (!Array.isArray(hashes) || !hashes.every((h) => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h))) return null;
  return hashes.map((h) => Buffer.from(h, 'hex'));
}
