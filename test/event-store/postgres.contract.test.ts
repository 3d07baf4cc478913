import { randomInt } from 'node:crypto';
import { Client } from 'pg';
import {
  type EventStore,
  openEventStore,
  openPostgresEventStore,
  type PostgresEventStoreOptions,
  prepareEvents,
  type RecordedEvent,
  StoreUnavailableError,
} from '@ledger/event-store';
import { appendEventsQuery } from '@ledger/event-store/adapters/postgres/postgres-append';
import { createTestDatabase, createTestSchema, describeWithPostgres, type TestDatabase } from '../support/postgres';
import { TcpProxy } from '../support/tcp-proxy';
import { contextOf, describeEventStoreContract, eventOf, expectStrictlyIncreasing, streamOf } from './event-store.contract';
import { take } from './harness';

/** One database for this file; every store gets a schema of its own in it (cheap and empty). */
let database: Promise<TestDatabase> | undefined;
const testDatabase = (): Promise<TestDatabase> => (database ??= createTestDatabase('ledger_test_es'));
const urls = new WeakMap<EventStore, string>();
const opened: EventStore[] = [];

/**
 * Empty, already migrated schemas, prepared a few at a time in the background while tests run,
 * so a test does not wait for schema creation and migration.
 */
const ready: Array<Promise<string>> = [];
function prepareSchema(): Promise<string> {
  const preparing = (async () => {
    const url = await createTestSchema(await testDatabase());
    await (await openPostgresEventStore(url, { poolSize: 1 })).close();
    return url;
  })();
  preparing.catch(() => undefined);
  return preparing;
}

async function openFresh(options: PostgresEventStoreOptions = {}): Promise<EventStore> {
  while (ready.length < 3) ready.push(prepareSchema());
  const url = await ready.shift()!;
  ready.push(prepareSchema());
  const store = await openPostgresEventStore(url, { pollIntervalMs: 250, ...options });
  urls.set(store, url);
  opened.push(store);
  return store;
}

async function closeOpened(): Promise<void> {
  await Promise.all(opened.splice(0).map((store) => store.close()));
}

describeWithPostgres('PostgreSQL event store', () => {
  afterAll(async () => {
    await closeOpened();
    await Promise.allSettled(ready.splice(0));
    if (database) await (await database).drop();
  });

  describeEventStoreContract('PostgreSQL', {
    open: () => openFresh(),
    urlOf: (store) => urls.get(store)!,
    cleanup: closeOpened,
  });

  describe('PostgreSQL specifics', () => {
    it('never delivers a position while a lower one is still being written by an open transaction', async () => {
      const store = await openFresh();
      const held = new Client({ connectionString: urls.get(store) });
      await held.connect();
      try {
        await store.append(streamOf('agency'), [eventOf('AgencyRegistered')], 'no_stream', contextOf());
        const subscription = store.subscribeToAll();
        const iterator = subscription[Symbol.asyncIterator]();
        expect((await iterator.next()).value).toMatchObject({ globalPosition: 1 });

        // Transaction A takes the next position and stays open…
        const streamA = streamOf('case');
        await held.query('BEGIN');
        const prepared = prepareEvents(streamA, [eventOf('CaseOpened')], contextOf(), undefined);
        const reserved = await held.query<{ first_position: string }>(appendEventsQuery(streamA, -1, prepared));
        const positionA = Number(reserved.rows[0].first_position);

        // …while B takes a higher one and commits first.
        const streamB = streamOf('case');
        const resultB = await store.append(streamB, [eventOf('CaseOpened')], 'no_stream', contextOf());
        const positionB = resultB.positions[0].globalPosition;
        expect(positionB).toBeGreaterThan(positionA);
        expect(await store.readStream(streamB)).toHaveLength(1);

        // B is committed, but delivering it now would skip A for good.
        expect(await store.readAll({ fromPosition: positionA })).toEqual([]);
        expect(await store.headPosition()).toBe(1);
        const pending = iterator.next();

        await held.query('COMMIT');
        const first = await pending;
        const second = await iterator.next();
        expect([first.value?.globalPosition, second.value?.globalPosition]).toEqual([positionA, positionB]);
        expect([first.value?.stream, second.value?.stream]).toEqual([streamA, streamB]);
        await subscription.stop();
        expect((await store.readAll()).map((e) => e.globalPosition)).toEqual([1, positionA, positionB]);
      } finally {
        await held.end();
      }
    });

    it('delivers past the hole a rolled-back append leaves', async () => {
      const store = await openFresh();
      const client = new Client({ connectionString: urls.get(store) });
      await client.connect();
      try {
        const stream = streamOf('case');
        await client.query('BEGIN');
        await client.query(appendEventsQuery(stream, -1, prepareEvents(stream, [eventOf('CaseOpened')], contextOf(), undefined)));
        await client.query('ROLLBACK');
        const result = await store.append(stream, [eventOf('CaseOpened')], 'no_stream', contextOf());
        expect(result.positions[0].globalPosition).toBe(2);
        const [event] = await take(store.subscribeToAll(), 1);
        expect(event.globalPosition).toBe(2);
      } finally {
        await client.end();
      }
    });

    it('gives a live subscriber every event exactly once under 8 concurrent writers holding transactions open', async () => {
      const store = await openFresh();
      const url = urls.get(store)!;
      const rawWriters = 6;
      const storeWriters = 2;
      const appendsPerWriter = 12;
      const eventsPerAppend = 2;
      const total = (rawWriters + storeWriters) * appendsPerWriter * eventsPerAppend;
      const subscription = store.subscribeToAll();
      const delivered = take(subscription, total, 40_000);

      // Raw writers: each its own connection and transaction; some sleep before COMMIT, so
      // positions handed out later are often committed earlier.
      const raw = Array.from({ length: rawWriters }, async (_, writer) => {
        const client = new Client({ connectionString: url });
        await client.connect();
        try {
          const stream = streamOf('clue');
          let last: { revision: number; hash: string } | undefined;
          for (let i = 0; i < appendsPerWriter; i += 1) {
            const prepared = prepareEvents(stream, [eventOf('ClueSubmitted', { writer, i }), eventOf('ClueRouted', { writer, i })], contextOf(), last);
            await client.query('BEGIN');
            await client.query(appendEventsQuery(stream, last ? last.revision : -1, prepared));
            if (writer % 2 === 0 || i % 3 === 0) await client.query('SELECT pg_sleep($1)', [randomInt(5, 40) / 1000]);
            await client.query('COMMIT');
            const tail = prepared[prepared.length - 1];
            last = { revision: tail.revision, hash: tail.hash };
          }
        } finally {
          await client.end();
        }
      });
      const viaStore = Array.from({ length: storeWriters }, async () => {
        const writer = await openPostgresEventStore(url);
        try {
          const stream = streamOf('case');
          for (let i = 0; i < appendsPerWriter; i += 1) {
            await writer.append(stream, [eventOf('NoteAdded', { i }), eventOf('NoteAdded', { i })], i === 0 ? 'no_stream' : i * 2 - 1, contextOf());
          }
        } finally {
          await writer.close();
        }
      });
      await Promise.all([...raw, ...viaStore]);

      const events: RecordedEvent[] = await delivered;
      expectStrictlyIncreasing(events.map((e) => e.globalPosition));
      expect(new Set(events.map((e) => e.eventId)).size).toBe(total);
      const all = await store.readAll();
      expect(events.map((e) => e.eventId)).toEqual(all.map((e) => e.eventId));
    });

    it('checks a guessed "no stream yet" against the database: conflict or replay, never a second chain', async () => {
      const first = await openFresh();
      const second = await openPostgresEventStore(urls.get(first)!);
      try {
        const stream = streamOf('case');
        const context = contextOf();
        const original = await first.append(stream, [eventOf('CaseOpened')], 'no_stream', context);
        // `second` has never seen the stream, so it tries the append as if the stream were new.
        await expect(second.append(stream, [eventOf('CaseOpened')], 'no_stream', contextOf())).rejects.toMatchObject({ actual: 0 });
        await expect(second.append(stream, [eventOf('CaseOpened')], 'no_stream', context)).resolves.toEqual({ ...original, idempotentReplay: true });
        expect(await second.readStream(stream)).toHaveLength(1);
      } finally {
        await second.close();
      }
    });

    it('migrates once when several processes start on an empty database at the same time', async () => {
      const url = await createTestSchema(await testDatabase());
      const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresEventStore(url)));
      try {
        const client = new Client({ connectionString: url });
        await client.connect();
        const { rows } = await client.query('SELECT version FROM ledger_event_store_migrations ORDER BY version');
        await client.end();
        expect(rows).toEqual([{ version: 1 }]);
        const stream = streamOf('case');
        for (const [index, store] of stores.entries()) {
          await store.append(stream, [eventOf('NoteAdded')], index === 0 ? 'no_stream' : index - 1, contextOf());
        }
        expect((await stores[3].readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
      } finally {
        await Promise.all(stores.map((store) => store.close()));
      }
    });

    it('refuses to change stored events', async () => {
      const store = await openFresh();
      await store.append(streamOf('case'), [eventOf('CaseOpened')], 'no_stream', contextOf());
      const client = new Client({ connectionString: urls.get(store) });
      await client.connect();
      try {
        await expect(client.query("UPDATE ledger_events SET type = 'Forged'")).rejects.toThrow(/immutable/);
        await expect(client.query('DELETE FROM ledger_events')).rejects.toThrow(/immutable/);
        await expect(client.query('TRUNCATE ledger_events')).rejects.toThrow(/immutable/);
      } finally {
        await client.end();
      }
    });

    it('reports an unreachable server as StoreUnavailableError', async () => {
      await expect(openEventStore('postgres://postgres@127.0.0.1:1/ledger')).rejects.toBeInstanceOf(StoreUnavailableError);
    });

    it('fails fast while the server is unreachable or silent, and recovers by itself', async () => {
      const proxy = await TcpProxy.start({ host: '127.0.0.1', port: 5432 });
      const direct = new URL(await createTestSchema(await testDatabase()));
      direct.port = String(proxy.port);
      const store = await openPostgresEventStore(direct.toString(), { connectTimeoutMs: 1000, statementTimeoutMs: 2000, pollIntervalMs: 100 });
      try {
        const stream = streamOf('case');
        await store.append(stream, [eventOf('CaseOpened')], 'no_stream', contextOf());
        const received = take(store.subscribeToAll(), 3, 40_000);

        await proxy.cut();
        await expect(store.append(stream, [eventOf('NoteAdded')], 0, contextOf())).rejects.toBeInstanceOf(StoreUnavailableError);
        await expect(store.readAll()).rejects.toBeInstanceOf(StoreUnavailableError);

        await proxy.blackhole();
        await expect(store.headPosition()).rejects.toBeInstanceOf(StoreUnavailableError);
        await expect(store.append(stream, [eventOf('NoteAdded')], 0, contextOf())).rejects.toBeInstanceOf(StoreUnavailableError);

        await proxy.restore();
        const afterOutage = await store.append(stream, [eventOf('NoteAdded')], 0, contextOf());
        expect(afterOutage.nextExpectedRevision).toBe(1);
        await store.append(stream, [eventOf('CaseClosed')], 1, contextOf());
        const events = await received;
        expect(events.map((e) => e.type)).toEqual(['CaseOpened', 'NoteAdded', 'CaseClosed']);
      } finally {
        await store.close();
        await proxy.close();
      }
    });
  });
});
