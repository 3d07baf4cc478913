import { HashArray } from './hash-array';
import { emptyTreeHash, isPowerOfTwo, largestPowerOfTwoBelow, nodeHash } from './merkle-hash';

/**
 * An append-only RFC 9162 Merkle tree that keeps every leaf hash and every complete
 * (perfect, aligned) subtree hash, so the root of any earlier size, inclusion proofs and
 * consistency proofs each cost O(log n) hashes instead of a pass over the leaves.
 * `levels[h][i]` is the hash of leaves [i·2^h, (i+1)·2^h).
 */
export class MerkleTree {
  private readonly levels: HashArray[] = [new HashArray()];

  get size(): number {
    return this.levels[0].length;
  }

  /** Appends a leaf hash (already `leafHash(data)`); returns its index. */
  append(leaf: Buffer): number {
    const index = this.size;
    this.levels[0].push(leaf);
    // Complete every subtree this leaf closes: like carrying in a binary counter.
    let level = 0;
    while (this.levels[level].length % 2 === 0) {
      const below = this.levels[level];
      const n = below.length;
      if (!this.levels[level + 1]) this.levels.push(new HashArray());
      this.levels[level + 1].push(nodeHash(below.at(n - 2), below.at(n - 1)));
      level += 1;
    }
    return index;
  }

  leaf(index: number): Buffer {
    return Buffer.from(this.levels[0].at(index));
  }

  /** MTH(D[0:size]) of the first `size` leaves (RFC 9162 §2.1.1). */
  root(size: number = this.size): Buffer {
    this.assertSize(size, 'size');
    return size === 0 ? emptyTreeHash() : this.rangeHash(0, size);
  }

  /** PATH(index, D[0:size]) (RFC 9162 §2.1.3.1), ordered from the leaf's sibling up to the root. */
  inclusionProof(index: number, size: number = this.size): Buffer[] {
    this.assertSize(size, 'size');
    if (!Number.isInteger(index) || index < 0 || index >= size) throw new RangeError(`leaf index ${index} is not in a tree of size ${size}`);
    const path: Buffer[] = [];
    this.path(index, 0, size, path);
    return path;
  }

  /** PROOF(oldSize, D[0:newSize]) (RFC 9162 §2.1.4.1); empty when the sizes are equal or oldSize is 0. */
  consistencyProof(oldSize: number, newSize: number = this.size): Buffer[] {
    this.assertSize(newSize, 'newSize');
    if (!Number.isInteger(oldSize) || oldSize < 0 || oldSize > newSize) throw new RangeError(`oldSize ${oldSize} must be between 0 and newSize ${newSize}`);
    const proof: Buffer[] = [];
    if (oldSize > 0 && oldSize < newSize) this.subproof(oldSize, 0, newSize, true, proof);
    return proof;
  }

  private path(m: number, start: number, end: number, out: Buffer[]): void {
    const n = end - start;
    if (n === 1) return;
    const k = largestPowerOfTwoBelow(n);
    if (m < k) {
      this.path(m, start, start + k, out);
      out.push(this.rangeHash(start + k, end));
    } else {
      this.path(m - k, start + k, end, out);
      out.push(this.rangeHash(start, start + k));
    }
  }

  private subproof(m: number, start: number, end: number, wholeOldTree: boolean, out: Buffer[]): void {
    const n = end - start;
    if (m === n) {
      if (!wholeOldTree) out.push(this.rangeHash(start, end));
      return;
    }
    const k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      this.subproof(m, start, start + k, wholeOldTree, out);
      out.push(this.rangeHash(start + k, end));
    } else {
      this.subproof(m - k, start + k, end, false, out);
      out.push(this.rangeHash(start, start + k));
    }
  }

  /** MTH(D[start:end]); an aligned power-of-two range is read from the stored levels. */
  private rangeHash(start: number, end: number): Buffer {
    const n = end - start;
    if (n === 1) return this.levels[0].at(start);
    if (isPowerOfTwo(n) && start % n === 0) {
      const level = Math.log2(n);
      const stored = this.levels[level];
      if (stored && start / n < stored.length) return stored.at(start / n);
    }
    const k = largestPowerOfTwoBelow(n);
    return nodeHash(this.rangeHash(start, start + k), this.rangeHash(start + k, end));
  }

  private assertSize(size: number, name: string): void {
    if (!Number.isInteger(size) || size < 0 || size > this.size) throw new RangeError(`${name} ${size} must be between 0 and the tree size ${this.size}`);
  }
}
