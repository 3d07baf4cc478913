import { emptyTreeHash, nodeHash } from './merkle-hash';

/**
 * The compact form of an append-only RFC 9162 tree: one hash per complete subtree on the
 * right edge (one per set bit of the size), O(log n) memory. Enough to append and to compute
 * the current root, which is all a checkpoint signer needs.
 */
export class MerkleFrontier {
  /** Roots of the complete subtrees, largest (leftmost) first, with their heights. */
  private readonly peaks: Array<{ height: number; hash: Buffer }> = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  append(leaf: Buffer): void {
    let carry = { height: 0, hash: leaf };
    while (this.peaks.length > 0 && this.peaks[this.peaks.length - 1].height === carry.height) {
      const left = this.peaks.pop()!;
      carry = { height: carry.height + 1, hash: nodeHash(left.hash, carry.hash) };
    }
    this.peaks.push(carry);
    this.count += 1;
  }

  /** MTH of all leaves so far: the peaks folded from the right, as RFC 9162's split rule implies. */
  root(): Buffer {
    if (this.peaks.length === 0) return emptyTreeHash();
    let hash = this.peaks[this.peaks.length - 1].hash;
    for (let i = this.peaks.length - 2; i >= 0; i -= 1) hash = nodeHash(this.peaks[i].hash, hash);
    return hash;
  }
}
