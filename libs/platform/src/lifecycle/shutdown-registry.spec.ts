import { ShutdownRegistry } from './shutdown-registry';

describe('ShutdownRegistry', () => {
  it('runs callbacks once, last registered first', async () => {
    const order: string[] = [];
    const registry = new ShutdownRegistry();
    registry.register('event store', () => {
      order.push('event store');
    });
    registry.register('access log', async () => {
      await new Promise((resolve) => setImmediate(resolve));
      order.push('access log');
    });
    await Promise.all([registry.run(), registry.run()]);
    await registry.run();
    expect(order).toEqual(['access log', 'event store']);
  });

  it('keeps going when a callback fails or hangs', async () => {
    const order: string[] = [];
    const registry = new ShutdownRegistry(undefined, 30);
    registry.register('last', () => {
      order.push('last');
    });
    registry.register('hangs', () => new Promise(() => undefined));
    registry.register('fails', () => {
      throw new Error('disk full');
    });
    await registry.run();
    expect(order).toEqual(['last']);
  });

  it('refuses registrations once shutdown has started', async () => {
    const registry = new ShutdownRegistry();
    void registry.run();
    expect(registry.started).toBe(true);
    expect(() => registry.register('late', () => undefined)).toThrow('cannot register shutdown callback late: shutdown has started');
  });
});
