import { openEventStore, type EventStore } from '@ledger/event-store';
import { PointInTimeViewCache } from './point-in-time-views';

/** A read model that was closed refuses queries. */
async function isOpen(views: Awaited<ReturnType<PointInTimeViewCache['viewsAsOf']>>): Promise<boolean> {
  try {
    await views.readModel.db.selectFrom('view_agencies').select('agency_id').execute();
    return true;
  } catch {
    return false;
  }
}

const afterTimers = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('PointInTimeViewCache', () => {
  let store: EventStore;

  beforeEach(async () => {
    store = await openEventStore('sqlite::memory:');
  });
  afterEach(async () => {
    await store.close();
  });

  it('projects a moment once and answers the same views again', async () => {
    const cache = new PointInTimeViewCache(store);
    const first = await cache.viewsAsOf({ position: 0 });
    expect(await cache.viewsAsOf({ position: 0 })).toBe(first);
    expect(await cache.viewsAsOf({ time: '2024-05-01T00:00:00Z' })).not.toBe(first);
    await cache.close();
    expect(await isOpen(first)).toBe(false);
  });

  it('closes the least recently used moment beyond its size, after the grace period', async () => {
    const cache = new PointInTimeViewCache(store, { maxEntries: 2, graceMs: 0 });
    const a = await cache.viewsAsOf({ position: 1 });
    const b = await cache.viewsAsOf({ position: 2 });
    await cache.viewsAsOf({ position: 1 }); // a is now the most recently used
    const c = await cache.viewsAsOf({ position: 3 });
    await afterTimers();
    expect([await isOpen(a), await isOpen(b), await isOpen(c)]).toEqual([true, false, true]);
    expect(await cache.viewsAsOf({ position: 2 })).not.toBe(b);
    await cache.close();
    expect([await isOpen(a), await isOpen(c)]).toEqual([false, false]);
  });

  it('keeps a dropped moment open during the grace period, and closes it at shutdown if it comes first', async () => {
    const cache = new PointInTimeViewCache(store, { maxEntries: 1, graceMs: 60_000 });
    const a = await cache.viewsAsOf({ position: 1 });
    await cache.viewsAsOf({ position: 2 });
    await afterTimers();
    expect(await isOpen(a)).toBe(true);
    await cache.close();
    expect(await isOpen(a)).toBe(false);
  });
});
