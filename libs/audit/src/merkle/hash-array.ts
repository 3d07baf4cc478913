import { HASH_BYTES } from './merkle-hash';

/** A growable array of 32-byte hashes in one buffer: no per-hash object, so millions fit cheaply. */
export class HashArray {
  private buffer = Buffer.alloc(HASH_BYTES * 1024);
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(hash: Buffer): void {
    if ((this.count + 1) * HASH_BYTES > this.buffer.length) {
      const grown = Buffer.alloc(this.buffer.length * 2);
      this.buffer.copy(grown, 0, 0, this.count * HASH_BYTES);
      this.buffer = grown;
    }
    hash.copy(this.buffer, this.count * HASH_BYTES, 0, HASH_BYTES);
    this.count += 1;
  }

  /** A view of the i-th hash (valid until the next push). */
  at(index: number): Buffer {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) throw new RangeError(`hash index ${index} is outside 0..${this.count - 1}`);
    return this.buffer.subarray(index * HASH_BYTES, (index + 1) * HASH_BYTES);
  }
}
