/**
 * Global positions of the leaves, in leaf order (strictly increasing), in one growable typed
 * array: answers "how many events up to position P" and "which leaf is position P" by bisection.
 */
export class PositionIndex {
  private positions = new Float64Array(1024);
  private count = 0;

  get length(): number {
    return this.count;
  }

  get last(): number {
    return this.count === 0 ? 0 : this.positions[this.count - 1];
  }

  push(position: number): void {
    if (this.count === this.positions.length) {
      const grown = new Float64Array(this.positions.length * 2);
      grown.set(this.positions);
      this.positions = grown;
    }
    this.positions[this.count] = position;
    this.count += 1;
  }

  /** Number of leaves whose position is ≤ `position`. */
  countAtOrBelow(position: number): number {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.positions[mid] <= position) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Leaf index of the event at `position`, or -1. */
  indexOf(position: number): number {
    const index = this.countAtOrBelow(position) - 1;
    return index >= 0 && this.positions[index] === position ? index : -1;
  }
}
