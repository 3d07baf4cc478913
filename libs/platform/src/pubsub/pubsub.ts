/** Raised to a subscriber that fell more than `bufferSize` events behind; it must resubscribe. */
export class SubscriberOverflowError extends Error {
  readonly code = 'SUBSCRIBER_OVERFLOW';
  constructor(limit: number) {
    super(`the subscriber fell more than ${limit} events behind and was disconnected; subscribe again`);
    this.name = 'SubscriberOverflowError';
  }
}

export interface PubSubOptions {
  /** Events held for one slow subscriber before it is cut off; default 1000. */
  bufferSize?: number;
}

/**
 * In-process publish/subscribe for GraphQL subscriptions. `subscribe` returns an async iterator
 * (what a subscription resolver's `subscribe` returns); `publish` delivers to every current
 * subscriber of the topic. Nothing is persisted: a subscriber sees events published while it is
 * subscribed. A slow subscriber is cut off with SubscriberOverflowError rather than silently
 * losing events or growing memory without bound.
 *
 * Topics are plain strings; scope them by agency (`clueInbox:<agencyId>`) so a subscriber can
 * only ever receive what its own agency may see.
 */
export class PubSub {
  private readonly topics = new Map<string, Set<TopicSubscriber<unknown>>>();
  private readonly bufferSize: number;
  private closed = false;

  constructor(options: PubSubOptions = {}) {
    this.bufferSize = options.bufferSize ?? 1000;
  }

  /** Returns how many subscribers received the payload. */
  publish<T>(topic: string, payload: T): number {
    const subscribers = this.topics.get(topic);
    if (subscribers === undefined) return 0;
    for (const subscriber of [...subscribers]) subscriber.push(payload);
    return subscribers.size;
  }

  subscribe<T>(topics: string | readonly string[]): AsyncIterableIterator<T> {
    const names = typeof topics === 'string' ? [topics] : [...new Set(topics)];
    const subscriber = new TopicSubscriber<T>(this.bufferSize, () => {
      for (const name of names) this.detach(name, subscriber as TopicSubscriber<unknown>);
    });
    if (this.closed) {
      subscriber.end();
      return subscriber;
    }
    for (const name of names) {
      let set = this.topics.get(name);
      if (set === undefined) this.topics.set(name, (set = new Set()));
      set.add(subscriber as TopicSubscriber<unknown>);
    }
    return subscriber;
  }

  subscriberCount(topic: string): number {
    return this.topics.get(topic)?.size ?? 0;
  }

  /** Ends every subscription (their iterators complete) and refuses new ones; used at shutdown. */
  close(): void {
    this.closed = true;
    for (const subscribers of [...this.topics.values()]) for (const subscriber of [...subscribers]) subscriber.end();
    this.topics.clear();
  }

  private detach(topic: string, subscriber: TopicSubscriber<unknown>): void {
    const set = this.topics.get(topic);
    if (set === undefined) return;
    set.delete(subscriber);
    if (set.size === 0) this.topics.delete(topic);
  }
}

class TopicSubscriber<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiting: { resolve: (result: IteratorResult<T>) => void; reject: (error: Error) => void } | undefined;
  private finished = false;
  private failure: Error | undefined;

  constructor(
    private readonly limit: number,
    private readonly onEnd: () => void,
  ) {}

  push(value: T): void {
    if (this.finished) return;
    if (this.waiting !== undefined) {
      const { resolve } = this.waiting;
      this.waiting = undefined;
      resolve({ value, done: false });
    } else if (this.queue.length >= this.limit) {
      this.fail(new SubscriberOverflowError(this.limit));
    } else {
      this.queue.push(value);
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length > 0) return Promise.resolve({ value: this.queue.shift() as T, done: false });
    if (this.failure !== undefined) {
      const failure = this.failure;
      this.failure = undefined;
      return Promise.reject(failure);
    }
    if (this.finished) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.end();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  end(): void {
    if (this.finished) return;
    this.finished = true;
    this.queue.length = 0;
    this.onEnd();
    this.settleWaiting({ value: undefined, done: true });
  }

  private fail(error: Error): void {
    this.finished = true;
    this.queue.length = 0;
    this.onEnd();
    if (this.waiting !== undefined) {
      const { reject } = this.waiting;
      this.waiting = undefined;
      reject(error);
    } else {
      this.failure = error;
    }
  }

  private settleWaiting(result: IteratorResult<T>): void {
    if (this.waiting === undefined) return;
    const { resolve } = this.waiting;
    this.waiting = undefined;
    resolve(result);
  }
}

/**
 * Keeps only the items that pass `predicate` (e.g. events for the viewer's case), and stops the
 * source when the consumer stops.
 */
export function filterAsync<T>(source: AsyncIterableIterator<T>, predicate: (value: T) => boolean | Promise<boolean>): AsyncIterableIterator<T> {
  const filtered: AsyncIterableIterator<T> = {
    async next() {
      for (;;) {
        const result = await source.next();
        if (result.done === true || (await predicate(result.value))) return result;
      }
    },
    return: () => source.return?.() ?? Promise.resolve({ value: undefined, done: true }),
    throw: (error?: unknown) => source.throw?.(error) ?? Promise.reject(error),
    [Symbol.asyncIterator]: () => filtered,
  };
  return filtered;
}
