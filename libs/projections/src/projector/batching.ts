import type { RecordedEvent } from '@ledger/event-store/event-store.port';

const NOT_READY = Symbol('not-ready');

/**
 * Groups a subscription's events into batches: a batch takes every event that is already
 * available (up to `maxSize`) and never waits for more, so catch-up runs in large batches and
 * live events are applied as soon as they arrive.
 */
export class EventBatcher {
  private pending: Promise<IteratorResult<RecordedEvent>> | undefined;
  private finished = false;

  constructor(
    private readonly iterator: AsyncIterator<RecordedEvent>,
    private readonly maxSize: number,
  ) {}

  /** The next batch, or null once the subscription has ended. */
  async next(): Promise<RecordedEvent[] | null> {
    if (this.finished) return null;
    const first = await this.take();
    if (first.done) {
      this.finished = true;
      return null;
    }
    const batch = [first.value];
    while (batch.length < this.maxSize) {
      this.pending ??= this.iterator.next();
      const result = await Promise.race([this.pending, nextTurn()]);
      if (result === NOT_READY) break;
      this.pending = undefined;
      if (result.done) {
        this.finished = true;
        break;
      }
      batch.push(result.value);
    }
    return batch;
  }

  private async take(): Promise<IteratorResult<RecordedEvent>> {
    const result = await (this.pending ?? this.iterator.next());
    this.pending = undefined;
    return result;
  }
}

function nextTurn(): Promise<typeof NOT_READY> {
  return new Promise((resolve) => setImmediate(() => resolve(NOT_READY)));
}
