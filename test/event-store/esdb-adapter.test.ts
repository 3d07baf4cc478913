/**
 * The EventStoreDB adapter's own behaviour, beyond the shared contract: how positions map, how
 * command ids stay idempotent across clients, that system events never leak, what happens when
 * the server goes away and comes back, and which errors an unreachable or misconfigured server
 * gives. Runs the real `@eventstore/db-client` against the in-process gRPC test double.
 */
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { openEsdbEventStore } from '@ledger/event-store/adapters/esdb';
import { checkChainLink } from '@ledger/event-store/hash-chain';
import { openEventStore } from '@ledger/event-store/open-event-store';
import {
  EventStoreConfigError,
  EventTooLargeError,
  InvalidOptionError,
  StoreUnavailableError,
  WrongExpectedRevisionError,
} from '@ledger/event-store/errors';
import type { AppendContext, EventStore, RecordedEvent, Subscription } from '@ledger/event-store/event-store.port';
import { EsdbTestDouble } from '../esdb-double';

const context = (commandId: string): AppendContext => ({
  actor: { officerId: 'officer-1', agencyId: 'fr-ocreth' },
  commandId,
  correlationId: `correlation-${commandId}`,
});
const silentLogger = () => require('pino')({ level: process.env.ESDB_TEST_LOG ?? 'silent' });

/** Short pauses between retries while the server is away: the tests check outcomes, not the default schedule. */
const quickRetries = { transientRetryDelaysMs: [20, 40, 80] };

async function openAgainst(double: EsdbTestDouble, connectionString = double.connectionString): Promise<EventStore> {
  return openEsdbEventStore(connectionString, { logger: silentLogger(), ...quickRetries });
}

/** Collects a subscription's events in the background until `stop()`. */
function collect(subscription: Subscription): { events: RecordedEvent[]; failure: () => unknown; until: (count: number) => Promise<void> } {
  const events: RecordedEvent[] = [];
  let failure: unknown;
  let notify: () => void = () => undefined;
  void (async () => {
    try {
      for await (const event of subscription) {
        events.push(event);
        notify();
      }
    } catch (error) {
      failure = error;
      notify();
    }
  })();
  const until = async (count: number) => {
    const deadline = Date.now() + 20_000;
    while (events.length < count && failure === undefined) {
      if (Date.now() > deadline) throw new Error(`subscription delivered ${events.length} of ${count} events`);
      await new Promise<void>((resolve) => {
        notify = resolve;
        setTimeout(resolve, 50);
      });
    }
    if (failure !== undefined) throw failure;
  };
  return { events, failure: () => failure, until };
}

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function expectStrictlyIncreasingWithoutDuplicates(events: RecordedEvent[]): void {
  const positions = events.map((event) => event.globalPosition);
  expect(new Set(positions).size).toBe(positions.length);
  for (let i = 1; i < positions.length; i++) expect(positions[i]).toBeGreaterThan(positions[i - 1]);
}

describe('EventStoreDB adapter (against the gRPC test double)', () => {
  let double: EsdbTestDouble;
  let store: EventStore;

  beforeEach(async () => {
    double = new EsdbTestDouble();
    await double.start();
    store = await openAgainst(double);
  });

  afterEach(async () => {
    await store.close();
    await double.stop();
  });

  describe('positions', () => {
    test('global positions are odd, strictly increasing, and resume exactly with last + 1', async () => {
      await store.append('case-1', [{ type: 'CaseOpened', data: { n: 1 } }, { type: 'NoteAdded', data: { n: 2 } }], 'no_stream', context('a'));
      double.log.appendSystemEvent('$stats-127.0.0.1:2113', '$statsCollected', { cpu: 1 });
      await store.append('clue-1', [{ type: 'ClueSubmitted', data: { n: 3 } }], 'no_stream', context('b'));
      const all = await store.readAll();
      expect(all.map((event) => event.stream)).toEqual(['case-1', 'case-1', 'clue-1']);
      for (const event of all) expect(event.globalPosition % 2).toBe(1);
      expectStrictlyIncreasingWithoutDuplicates(all);
      // the server's positions are byte offsets: not contiguous
      expect(all[1].globalPosition - all[0].globalPosition).toBeGreaterThan(2);

      expect(await store.readAll({ fromPosition: all[0].globalPosition + 1 })).toEqual(all.slice(1));
      expect(await store.readAll({ fromPosition: all[1].globalPosition })).toEqual(all.slice(1));
      expect(await store.readAll({ fromPosition: all[2].globalPosition + 1 })).toEqual([]);
      expect(await store.readAll({ direction: 'backwards', fromPosition: all[1].globalPosition })).toEqual([all[1], all[0]]);
      expect(await store.readAll({ direction: 'backwards', fromPosition: all[1].globalPosition + 1 })).toEqual([all[1], all[0]]);
      expect(await store.readAll({ direction: 'backwards', limit: 1 })).toEqual([all[2]]);
      expect(await store.headPosition()).toBe(all[2].globalPosition);
    });

    test('positions beyond 2^40 bytes of log still map to safe integers', async () => {
      const far = new EsdbTestDouble({ firstLogPosition: 2n ** 45n });
      await far.start();
      const farStore = await openAgainst(far);
      try {
        const result = await farStore.append('case-far', [{ type: 'CaseOpened', data: {} }, { type: 'NoteAdded', data: {} }], 'no_stream', context('far'));
        const [first, second] = result.positions;
        expect(first.globalPosition).toBeGreaterThan(2 ** 46);
        expect(Number.isSafeInteger(second.globalPosition)).toBe(true);
        expect((await farStore.readAll({ fromPosition: first.globalPosition + 1 })).map((event) => event.eventId)).toEqual([second.eventId]);
      } finally {
        await farStore.close();
        await far.stop();
      }
    });

    test('a made-up position is rejected as an invalid option, not sent on as garbage', async () => {
      await store.append('case-1', [{ type: 'CaseOpened', data: {} }], 'no_stream', context('a'));
      const [event] = await store.readAll();
      await expect(store.readAll({ fromPosition: event.globalPosition + 2 })).rejects.toBeInstanceOf(InvalidOptionError);
    });
  });

  describe('system events and foreign streams', () => {
    test('never reach readers, whatever the filter', async () => {
      double.log.appendSystemEvent('$$case-1', '$metadata', { $maxAge: 10 });
      await store.append('case-1', [{ type: 'CaseOpened', data: {} }], 'no_stream', context('a'));
      double.log.appendSystemEvent('$stats-127.0.0.1:2113', '$statsCollected', {});
      double.log.appendSystemEvent('$ce-case', 'CaseOpened', { note: 'a projection linking a user event type' });
      double.log.append('Orders-42', { kind: 'any' }, [
        { eventId: crypto.randomUUID(), type: 'CaseOpened', contentType: 'application/json', data: Buffer.from('{}'), customMetadata: new Uint8Array() },
      ]);
      await store.append('clue-1', [{ type: 'ClueSubmitted', data: {} }], 'no_stream', context('b'));
      double.log.appendSystemEvent('$stats-127.0.0.1:2113', '$statsCollected', {});

      expect((await store.readAll()).map((event) => event.stream)).toEqual(['case-1', 'clue-1']);
      expect((await store.readAll({ filter: { eventTypes: ['CaseOpened'] } })).map((event) => event.stream)).toEqual(['case-1']);
      expect((await store.readAll({ filter: { streamPrefixes: ['c'] } })).map((event) => event.stream)).toEqual(['case-1', 'clue-1']);
      expect((await store.readAll({ direction: 'backwards' })).map((event) => event.stream)).toEqual(['clue-1', 'case-1']);
      const clue = (await store.readStream('clue-1'))[0];
      expect(await store.headPosition()).toBe(clue.globalPosition);

      const subscription = store.subscribeToAll({ filter: { eventTypes: ['CaseOpened', 'ClueSubmitted'] } });
      const received = collect(subscription);
      await store.append('case-2', [{ type: 'CaseOpened', data: {} }], 'no_stream', context('c'));
      await received.until(3);
      await subscription.stop();
      expect(received.events.map((event) => event.stream)).toEqual(['case-1', 'clue-1', 'case-2']);
    });

    test('a foreign event in a ledger-shaped stream is reported, not silently skipped', async () => {
      double.log.append('case-9', { kind: 'no_stream' }, [
        { eventId: crypto.randomUUID(), type: 'CaseOpened', contentType: 'application/json', data: Buffer.from('{}'), customMetadata: new Uint8Array() },
      ]);
      await expect(store.readStream('case-9')).rejects.toThrow(/case-9 is not a ledger event: its metadata is not a JSON envelope/);
    });
  });

  describe('command-id idempotency', () => {
    test('a retried command returns the original positions, even after other writes and from another client', async () => {
      const first = await store.append('case-1', [{ type: 'CaseOpened', data: {} }, { type: 'NoteAdded', data: {} }], 'no_stream', context('open'));
      await store.append('case-1', [{ type: 'NoteAdded', data: {} }], 1, context('note'));
      const other = await openAgainst(double); // another process: nothing cached
      try {
        const retried = await other.append('case-1', [{ type: 'CaseOpened', data: {} }, { type: 'NoteAdded', data: {} }], 'no_stream', context('open'));
        expect(retried).toEqual({ ...first, idempotentReplay: true });
      } finally {
        await other.close();
      }
      expect(await store.readStream('case-1')).toHaveLength(3);
    });

    test('the same command sent by two clients at once is stored once, and both learn the same positions', async () => {
      const clients = await Promise.all([openAgainst(double), openAgainst(double), openAgainst(double)]);
      try {
        await store.append('case-1', [{ type: 'CaseOpened', data: {} }], 'no_stream', context('open'));
        for (let round = 0; round < 10; round++) {
          const results = await Promise.all(
            clients.map((client) => client.append('case-1', [{ type: 'NoteAdded', data: { round } }, { type: 'NoteAdded', data: { round } }], 'any', context(`note-${round}`))),
          );
          expect(new Set(results.map((result) => JSON.stringify(result.positions))).size).toBe(1);
          expect(results.filter((result) => !result.idempotentReplay).length).toBeLessThanOrEqual(1);
        }
      } finally {
        await Promise.all(clients.map((client) => client.close()));
      }
      const events = await store.readStream('case-1');
      expect(events).toHaveLength(1 + 10 * 2);
      expect(new Set(events.map((event) => event.commandId)).size).toBe(11);
    });

    test('event ids the caller leaves out are derived from stream, command and index', async () => {
      const a = await store.append('case-1', [{ type: 'CaseOpened', data: {} }, { type: 'NoteAdded', data: {} }], 'no_stream', context('open'));
      const b = await store.append('case-2', [{ type: 'CaseOpened', data: {} }], 'no_stream', context('open'));
      const ids = [...a.positions, ...b.positions].map((position) => position.eventId);
      expect(new Set(ids).size).toBe(3);
      for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const given = '0b9f3c1e-2d4a-4b6c-8e7f-1a2b3c4d5e6f';
      const c = await store.append('case-3', [{ type: 'CaseOpened', data: {}, eventId: given }], 'no_stream', context('given'));
      expect(c.positions[0].eventId).toBe(given);
    });
  });

  describe('concurrent appends', () => {
    test('racing "any" appends from several clients keep one unbroken hash chain', async () => {
      const clients = await Promise.all([openAgainst(double), openAgainst(double), openAgainst(double)]);
      try {
        await Promise.all(
          clients.map(async (client, c) => {
            for (let i = 0; i < 15; i++) await client.append('case-race', [{ type: 'NoteAdded', data: { c, i } }], 'any', context(`race-${c}-${i}`));
          }),
        );
      } finally {
        await Promise.all(clients.map((client) => client.close()));
      }
      const events = await store.readStream('case-race');
      expect(events).toHaveLength(45);
      events.forEach((event, index) => expect(checkChainLink(event, events[index - 1])).toBeNull());
    });

    test('an exact expectation that lost the race fails with the actual revision', async () => {
      await store.append('case-1', [{ type: 'CaseOpened', data: {} }], 'no_stream', context('open'));
      const other = await openAgainst(double);
      try {
        await other.append('case-1', [{ type: 'NoteAdded', data: {} }], 0, context('other'));
      } finally {
        await other.close();
      }
      const attempt = store.append('case-1', [{ type: 'NoteAdded', data: {} }], 0, context('mine'));
      await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(attempt).rejects.toMatchObject({ expected: 0, actual: 1 });
    });
  });

  describe('namespaces', () => {
    test('ledgers sharing one server see only their own streams, opened through the esdb:// factory', async () => {
      const alpha = await openEventStore(`${double.connectionString}&ledgerNamespace=alpha`, { logger: silentLogger() });
      const beta = await openEventStore(`${double.connectionString}&ledgerNamespace=beta`, { logger: silentLogger() });
      try {
        expect(await alpha.headPosition()).toBe(0);
        await store.append('case-1', [{ type: 'CaseOpened', data: { ledger: 'default' } }], 'no_stream', context('open'));
        await alpha.append('case-1', [{ type: 'CaseOpened', data: { ledger: 'alpha' } }], 'no_stream', context('open'));
        const subscription = beta.subscribeToAll();
        const received = collect(subscription);
        await beta.append('case-1', [{ type: 'CaseOpened', data: { ledger: 'beta' } }, { type: 'NoteAdded', data: { ledger: 'beta' } }], 'no_stream', context('open'));
        await received.until(2);
        await subscription.stop();

        expect(double.log.allEvents().map((event) => event.stream).filter((stream) => !stream.startsWith('$'))).toEqual([
          'case-1',
          'alpha.case-1',
          'beta.case-1',
          'beta.case-1',
        ]);
        expect((await alpha.readAll()).map((event) => [event.stream, event.data])).toEqual([['case-1', { ledger: 'alpha' }]]);
        expect((await store.readAll()).map((event) => event.data)).toEqual([{ ledger: 'default' }]);
        expect(received.events.map((event) => event.data)).toEqual([{ ledger: 'beta' }, { ledger: 'beta' }]);
        expect(await beta.readStream('case-1', { direction: 'backwards', limit: 1 })).toEqual([received.events[1]]);
        expect(await beta.headPosition()).toBe(received.events[1].globalPosition);
        // hashes cover the ledger's own stream name, so the same history hashes alike in any namespace
        const [alphaEvent] = await alpha.readStream('case-1');
        expect(checkChainLink(alphaEvent, undefined)).toBeNull();
      } finally {
        await alpha.close();
        await beta.close();
      }
    });
  });

  describe('limits and configuration', () => {
    test("the server's maximum append size is reported as EventTooLargeError", async () => {
      const small = new EsdbTestDouble({ maxAppendSize: 4096 });
      await small.start();
      const smallStore = await openAgainst(small);
      try {
        const attempt = smallStore.append('case-1', [{ type: 'NoteAdded', data: { text: 'x'.repeat(5000) } }], 'any', context('big'));
        await expect(attempt).rejects.toBeInstanceOf(EventTooLargeError);
        await expect(attempt).rejects.toMatchObject({ eventType: 'NoteAdded', limitBytes: 4096 });
        expect(await smallStore.readStream('case-1')).toEqual([]);
      } finally {
        await smallStore.close();
        await small.stop();
      }
    });

    test('cluster discovery connection strings work (gossip answered by the double)', async () => {
      const discovered = await openAgainst(double, double.discoveryConnectionString);
      try {
        await discovered.append('case-1', [{ type: 'CaseOpened', data: {} }], 'no_stream', context('open'));
        expect(await store.readStream('case-1')).toHaveLength(1);
      } finally {
        await discovered.close();
      }
    });

    test('a malformed connection string is a configuration error', async () => {
      await expect(openEsdbEventStore('esdb://', { logger: silentLogger() })).rejects.toBeInstanceOf(EventStoreConfigError);
      await expect(openEsdbEventStore('esdb://127.0.0.1:2113?tls=maybe', { logger: silentLogger() })).rejects.toBeInstanceOf(EventStoreConfigError);
    });
  });

  describe('when the server is unreachable', () => {
    test('opening fails with StoreUnavailableError', async () => {
      const gone = new EsdbTestDouble();
      await gone.start();
      const connectionString = gone.connectionString;
      await gone.stop();
      await expect(openEsdbEventStore(connectionString, { logger: silentLogger(), ...quickRetries })).rejects.toBeInstanceOf(StoreUnavailableError);
    });

    test('a cluster whose gossip seeds do not answer is unavailable too', async () => {
      const gone = new EsdbTestDouble();
      await gone.start();
      const connectionString = gone.discoveryConnectionString;
      await gone.stop();
      const attempt = openEsdbEventStore(connectionString, { logger: silentLogger() });
      await expect(attempt).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(attempt).rejects.toThrow(/Failed to discover/);
    });

    test('calls fail with StoreUnavailableError while it is down and work again once it is back', async () => {
      await store.append('case-1', [{ type: 'CaseOpened', data: {} }], 'no_stream', context('open'));
      await double.stop();
      await expect(store.append('case-1', [{ type: 'NoteAdded', data: {} }], 0, context('note'))).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.readAll()).rejects.toBeInstanceOf(StoreUnavailableError);
      await double.start();
      // The command may or may not have reached the server before it went away: retrying it is safe.
      const retried = await store.append('case-1', [{ type: 'NoteAdded', data: {} }], 0, context('note'));
      expect(retried.positions[0].revision).toBe(1);
      expect(await store.readStream('case-1')).toHaveLength(2);
    });
  });

  describe('a live subscription across a server crash and restart', () => {
    test('resumes after the last delivered event: no gap, no duplicate', async () => {
      // Enough stored events that the crash comes in the middle of the catch-up.
      for (let batch = 0; batch < 15; batch++) {
        const events = Array.from({ length: 40 }, (_, i) => ({ type: 'NoteAdded', data: { batch, i } }));
        await store.append(`case-${batch % 3}`, events, 'any', context(`seed-${batch}`));
      }
      const subscription = store.subscribeToAll();
      const received = collect(subscription);
      await received.until(150);

      await double.stop(); // every connection dropped at once, like a crashed server
      double.log.appendSystemEvent('$stats-127.0.0.1:2113', '$statsCollected', {}); // the log keeps changing while clients are away
      await new Promise((resolve) => setTimeout(resolve, 300));
      await double.start();

      for (let i = 0; i < 20; i++) await store.append('clue-1', [{ type: 'ClueSubmitted', data: { i } }], 'any', context(`live-${i}`));
      await received.until(600 + 20);

      await double.stop(); // and once more while live, then keep appending after the restart
      await double.start();
      for (let i = 20; i < 40; i++) await store.append('clue-1', [{ type: 'ClueSubmitted', data: { i } }], 'any', context(`live-${i}`));
      await received.until(600 + 40);
      await subscription.stop();
      expect(double.subscriptionsOpened).toBeGreaterThanOrEqual(3); // it really subscribed again, twice

      expect(received.failure()).toBeUndefined();
      expectStrictlyIncreasingWithoutDuplicates(received.events);
      expect(received.events.map((event) => event.eventId)).toEqual((await store.readAll()).map((event) => event.eventId));
    });

    test('stop() ends a pending iteration cleanly, and close() stops open subscriptions', async () => {
      const subscription = store.subscribeToAll();
      const iterator = subscription[Symbol.asyncIterator]();
      const pending = iterator.next();
      await subscription.stop();
      await expect(pending).resolves.toEqual({ done: true, value: undefined });

      const second = store.subscribeToAll();
      const secondPending = second[Symbol.asyncIterator]().next();
      await store.close();
      await expect(secondPending).resolves.toEqual({ done: true, value: undefined });
      await waitFor(() => double.openSubscriptions === 0); // the server sees the cancellations arrive
      store = await openAgainst(double);
    });
  });

  test('what the client wrote is readable with the plain client too (one stream per ledger stream, envelope in metadata)', async () => {
    const result = await store.append('case-1', [{ type: 'CaseOpened', data: { title: 'Route via Vienna' } }], 'no_stream', context('open'));
    const client = EventStoreDBClient.connectionString(double.connectionString);
    try {
      const [resolved] = await (async () => {
        const out = [];
        for await (const event of client.readStream('case-1')) out.push(event);
        return out;
      })();
      expect(resolved.event).toMatchObject({
        id: result.positions[0].eventId,
        type: 'CaseOpened',
        data: { title: 'Route via Vienna' },
        metadata: { commandId: 'open', $correlationId: 'correlation-open', actor: { agencyId: 'fr-ocreth' } },
      });
      // and a plain client's write into a ledger stream does not pass for a ledger event
      await client.appendToStream('case-2', jsonEvent({ type: 'CaseOpened', data: {} }));
      await expect(store.readAll()).rejects.toThrow(/not a ledger event/);
    } finally {
      await client.dispose();
    }
  });
});
