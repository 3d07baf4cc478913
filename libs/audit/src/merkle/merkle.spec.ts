import { createHash } from 'node:crypto';
import { MerkleFrontier } from './merkle-frontier';
import { emptyTreeHash, leafHash, nodeHash } from './merkle-hash';
import { verifyConsistency, verifyInclusion } from './merkle-proofs';
import { MerkleTree } from './merkle-tree';

const hex = (b: Buffer): string => b.toString('hex');
const unhex = (s: string): Buffer => Buffer.from(s, 'hex');

/** RFC 9162 §2.1 written as literally as possible, over leaf hashes, as an independent reference. */
const reference = {
  mth(leaves: Buffer[]): Buffer {
    if (leaves.length === 0) return createHash('sha256').digest();
    if (leaves.length === 1) return leaves[0];
    const k = splitPoint(leaves.length);
    return nodeRef(reference.mth(leaves.slice(0, k)), reference.mth(leaves.slice(k)));
  },
  path(m: number, leaves: Buffer[]): Buffer[] {
    if (leaves.length === 1) return [];
    const k = splitPoint(leaves.length);
    return m < k
      ? [...reference.path(m, leaves.slice(0, k)), reference.mth(leaves.slice(k))]
      : [...reference.path(m - k, leaves.slice(k)), reference.mth(leaves.slice(0, k))];
  },
  proof(m: number, leaves: Buffer[]): Buffer[] {
    return m === 0 || m === leaves.length ? [] : reference.subproof(m, leaves, true);
  },
  subproof(m: number, leaves: Buffer[], b: boolean): Buffer[] {
    const n = leaves.length;
    if (m === n) return b ? [] : [reference.mth(leaves)];
    const k = splitPoint(n);
    return m <= k
      ? [...reference.subproof(m, leaves.slice(0, k), b), reference.mth(leaves.slice(k))]
      : [...reference.subproof(m - k, leaves.slice(k), false), reference.mth(leaves.slice(0, k))];
  },
};
function splitPoint(n: number): number {
  let k = 1;
  while (k << 1 < n) k <<= 1;
  return k;
}
function nodeRef(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(Buffer.concat([Buffer.from([1]), left, right])).digest();
}

// Certificate Transparency's published test data (RFC 6962 reference implementation).
const CT_DATA = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(unhex);
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const CT_INCLUSION = [
  { index: 0, size: 8, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { index: 5, size: 8, proof: ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
];
const CT_CONSISTENCY = [
  { first: 2, second: 8, proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { first: 6, second: 8, proof: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { first: 2, second: 5, proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
];

function treeOf(leaves: Buffer[]): MerkleTree {
  const tree = new MerkleTree();
  for (const leaf of leaves) tree.append(leaf);
  return tree;
}

describe('RFC 9162 Merkle tree against the Certificate Transparency vectors', () => {
  const leaves = CT_DATA.map(leafHash);
  const tree = treeOf(leaves);

  it('gives the published root for every size 0..8, from the full tree and the frontier', () => {
    const frontier = new MerkleFrontier();
    expect(hex(frontier.root())).toBe(CT_ROOTS[0]);
    expect(hex(emptyTreeHash())).toBe(CT_ROOTS[0]);
    for (let n = 0; n <= 8; n += 1) expect(hex(tree.root(n))).toBe(CT_ROOTS[n]);
    for (const leaf of leaves) {
      frontier.append(leaf);
      expect(hex(frontier.root())).toBe(CT_ROOTS[frontier.size]);
    }
  });

  it('produces and accepts the published inclusion proofs', () => {
    for (const v of CT_INCLUSION) {
      expect(tree.inclusionProof(v.index, v.size).map(hex)).toEqual(v.proof);
      expect(verifyInclusion(leaves[v.index], v.index, v.size, v.proof.map(unhex), unhex(CT_ROOTS[v.size]))).toBe(true);
    }
  });

  it('produces and accepts the published consistency proofs', () => {
    for (const v of CT_CONSISTENCY) {
      expect(tree.consistencyProof(v.first, v.second).map(hex)).toEqual(v.proof);
      expect(verifyConsistency(v.first, v.second, unhex(CT_ROOTS[v.first]), unhex(CT_ROOTS[v.second]), v.proof.map(unhex))).toBe(true);
    }
  });

  it('hashes leaves and nodes with the 0x00 and 0x01 prefixes', () => {
    expect(hex(leafHash(Buffer.alloc(0)))).toBe(CT_ROOTS[1]);
    expect(hex(nodeHash(leaves[0], leaves[1]))).toBe(CT_ROOTS[2]);
  });
});

describe('RFC 9162 Merkle tree against a literal recursive reference, sizes 1..64', () => {
  const N = 64;
  const leaves = Array.from({ length: N }, (_, i) => leafHash(createHash('sha256').update(`leaf ${i}`).digest()));
  const tree = treeOf(leaves);
  const roots = Array.from({ length: N + 1 }, (_, n) => reference.mth(leaves.slice(0, n)));

  it('computes the same root for every size, from the full tree and the frontier', () => {
    const frontier = new MerkleFrontier();
    for (let n = 1; n <= N; n += 1) {
      frontier.append(leaves[n - 1]);
      expect(hex(tree.root(n))).toBe(hex(roots[n]));
      expect(hex(frontier.root())).toBe(hex(roots[n]));
    }
  });

  it('generates the reference inclusion proof for every leaf of every size, and each verifies', () => {
    for (let n = 1; n <= N; n += 1) {
      for (let i = 0; i < n; i += 1) {
        const proof = tree.inclusionProof(i, n);
        expect(proof.map(hex)).toEqual(reference.path(i, leaves.slice(0, n)).map(hex));
        expect(verifyInclusion(leaves[i], i, n, proof, roots[n])).toBe(true);
      }
    }
  });

  it('generates the reference consistency proof for every pair of sizes, and each verifies', () => {
    for (let n = 1; n <= N; n += 1) {
      for (let m = 0; m <= n; m += 1) {
        const proof = tree.consistencyProof(m, n);
        expect(proof.map(hex)).toEqual(reference.proof(m, leaves.slice(0, n)).map(hex));
        expect(verifyConsistency(m, n, roots[m], roots[n], proof)).toBe(true);
      }
    }
  });

  it('rejects an inclusion proof for another leaf, index or size, or with a changed, missing or extra hash', () => {
    const stranger = leafHash(Buffer.from('not in the log'));
    for (let n = 2; n <= N; n += 1) {
      for (let i = 0; i < n; i += 1) {
        const proof = tree.inclusionProof(i, n);
        expect(verifyInclusion(stranger, i, n, proof, roots[n])).toBe(false);
        expect(verifyInclusion(leaves[i], (i + 1) % n, n, proof, roots[n])).toBe(false);
        expect(verifyInclusion(leaves[i], i, n, proof, roots[n - 1])).toBe(false);
        const flipped = proof.map((p) => Buffer.from(p));
        flipped[flipped.length - 1][0] ^= 1;
        expect(verifyInclusion(leaves[i], i, n, flipped, roots[n])).toBe(false);
        expect(verifyInclusion(leaves[i], i, n, proof.slice(0, -1), roots[n])).toBe(false);
        expect(verifyInclusion(leaves[i], i, n, [...proof, leaves[0]], roots[n])).toBe(false);
      }
      expect(verifyInclusion(leaves[0], n, n, tree.inclusionProof(0, n), roots[n])).toBe(false);
    }
  });

  it('rejects a consistency proof between a tree and a fork of it, or with a changed, missing or extra hash', () => {
    // The fork shares the first `m - 1` leaves and then differs: it does not extend the old tree.
    for (let n = 2; n <= N; n += 1) {
      for (let m = 1; m < n; m += 1) {
        const forkLeaves = [...leaves.slice(0, m - 1), leafHash(Buffer.from(`forged ${m}`)), ...leaves.slice(m, n)];
        const forkTree = treeOf(forkLeaves);
        const forkProof = forkTree.consistencyProof(m, n);
        expect(verifyConsistency(m, n, roots[m], forkTree.root(n), forkProof)).toBe(false);
        const honest = tree.consistencyProof(m, n);
        expect(verifyConsistency(m, n, roots[m], forkTree.root(n), honest)).toBe(false);
        const flipped = honest.map((p) => Buffer.from(p));
        flipped[0][5] ^= 0x80;
        expect(verifyConsistency(m, n, roots[m], roots[n], flipped)).toBe(false);
        expect(verifyConsistency(m, n, roots[m], roots[n], honest.slice(0, -1))).toBe(false);
        expect(verifyConsistency(m, n, roots[m], roots[n], [...honest, leaves[0]])).toBe(false);
        expect(verifyConsistency(n, m, roots[n], roots[m], honest)).toBe(false);
      }
    }
    expect(verifyConsistency(4, 4, roots[4], roots[5], [])).toBe(false);
  });

  it('refuses to build proofs for sizes or indexes outside the tree', () => {
    expect(() => tree.inclusionProof(0, N + 1)).toThrow(RangeError);
    expect(() => tree.inclusionProof(5, 5)).toThrow(RangeError);
    expect(() => tree.consistencyProof(6, 5)).toThrow(RangeError);
    expect(() => tree.root(N + 1)).toThrow(RangeError);
  });
});
