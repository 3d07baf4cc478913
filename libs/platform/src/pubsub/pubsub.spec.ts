import { PubSub, SubscriberOverflowError, filterAsync } from './pubsub';

describe('PubSub', () => {
  it('delivers to every current subscriber of a topic, in order', async () => {
    const pubsub = new PubSub();
    const first = pubsub.subscribe<number>('clueInbox:fr-ocreth');
    const second = pubsub.subscribe<number>(['clueInbox:fr-ocreth', 'caseShared:fr-ocreth']);
    expect(pubsub.publish('clueInbox:fr-ocreth', 1)).toBe(2);
    expect(pubsub.publish('caseShared:fr-ocreth', 2)).toBe(1);
    expect(pubsub.publish('clueInbox:at-bk', 3)).toBe(0);
    expect(await first.next()).toEqual({ value: 1, done: false });
    expect(await second.next()).toEqual({ value: 1, done: false });
    expect(await second.next()).toEqual({ value: 2, done: false });
  });

  it('resolves a waiting consumer when an event arrives', async () => {
    const pubsub = new PubSub();
    const subscription = pubsub.subscribe<string>('t');
    const pending = subscription.next();
    pubsub.publish('t', 'hello');
    expect(await pending).toEqual({ value: 'hello', done: false });
  });

  it('detaches a subscriber that returns, and ends a pending read', async () => {
    const pubsub = new PubSub();
    const subscription = pubsub.subscribe<string>(['a', 'b']);
    const pending = subscription.next();
    await subscription.return?.();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(pubsub.subscriberCount('a')).toBe(0);
    expect(pubsub.subscriberCount('b')).toBe(0);
    expect(pubsub.publish('a', 'late')).toBe(0);
  });

  it('works with for await', async () => {
    const pubsub = new PubSub();
    const subscription = pubsub.subscribe<number>('n');
    [1, 2, 3].forEach((value) => pubsub.publish('n', value));
    const seen: number[] = [];
    for await (const value of subscription) {
      seen.push(value);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual([1, 2, 3]);
    expect(pubsub.subscriberCount('n')).toBe(0);
  });

  it('cuts off a subscriber that falls too far behind instead of dropping events silently', async () => {
    const pubsub = new PubSub({ bufferSize: 2 });
    const slow = pubsub.subscribe<number>('n');
    [1, 2, 3].forEach((value) => pubsub.publish('n', value));
    await expect(slow.next()).rejects.toBeInstanceOf(SubscriberOverflowError);
    expect(await slow.next()).toEqual({ value: undefined, done: true });
    expect(pubsub.subscriberCount('n')).toBe(0);
  });

  it('ends every subscription on close and refuses new ones', async () => {
    const pubsub = new PubSub();
    const open = pubsub.subscribe('t');
    const pending = open.next();
    pubsub.close();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(await pubsub.subscribe('t').next()).toEqual({ value: undefined, done: true });
  });
});

describe('filterAsync', () => {
  it('passes only matching events and stops the source with the consumer', async () => {
    const pubsub = new PubSub();
    const mine = filterAsync(pubsub.subscribe<{ caseId: string }>('caseUpdated:fr-ocreth'), (event) => event.caseId === 'c-2');
    ['c-1', 'c-2', 'c-3', 'c-2'].forEach((caseId) => pubsub.publish('caseUpdated:fr-ocreth', { caseId }));
    expect(await mine.next()).toEqual({ value: { caseId: 'c-2' }, done: false });
    expect(await mine.next()).toEqual({ value: { caseId: 'c-2' }, done: false });
    await mine.return?.();
    expect(pubsub.subscriberCount('caseUpdated:fr-ocreth')).toBe(0);
  });
});
