/**
 * The EventStoreDB test double answers the unmodified `@eventstore/db-client` the way
 * EventStoreDB does, for the calls the ledger's adapter makes. If the double drifted from the
 * server, the adapter's tests against it would prove nothing; these tests pin the behaviour the
 * adapter relies on (expected-revision rules, idempotence on event ids, $all positions and
 * filters, subscriptions, restart on the same port).
 */
import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  eventTypeFilter,
  jsonEvent,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  streamNameFilter,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
} from '@eventstore/db-client';
import { EsdbTestDouble } from '.';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const event = (type: string, id?: string) => jsonEvent({ type, data: { type }, ...(id ? { id } : {}) });

describe('EventStoreDB gRPC test double', () => {
  let double: EsdbTestDouble;
  let client: EventStoreDBClient;

  beforeEach(async () => {
    double = new EsdbTestDouble();
    await double.start();
    client = EventStoreDBClient.connectionString(double.connectionString);
  });

  afterEach(async () => {
    await client.dispose();
    await double.stop();
  });

  test('applies the expected-revision rules and reports the current revision on a conflict', async () => {
    await client.appendToStream('case-1', [event('A'), event('B')], { expectedRevision: NO_STREAM });
    const conflict = (expectedRevision: bigint | typeof NO_STREAM | typeof STREAM_EXISTS) =>
      client.appendToStream('case-1', event('C'), { expectedRevision }).then(
        () => undefined,
        (error: unknown) => error,
      );
    await expect(conflict(NO_STREAM)).resolves.toMatchObject({ constructor: WrongExpectedVersionError, actualVersion: 1n, expectedVersion: 'no_stream' });
    await expect(conflict(0n)).resolves.toMatchObject({ actualVersion: 1n, expectedVersion: 0n });
    await expect(conflict(5n)).resolves.toMatchObject({ actualVersion: 1n });
    await expect(
      client.appendToStream('case-2', event('C'), { expectedRevision: STREAM_EXISTS }).catch((error: unknown) => error),
    ).resolves.toMatchObject({ constructor: WrongExpectedVersionError, actualVersion: 'no_stream' });
    const ok = await client.appendToStream('case-1', event('C'), { expectedRevision: 1n });
    expect(ok.nextExpectedRevision).toBe(2n);
    expect((await client.appendToStream('case-1', event('D'), { expectedRevision: STREAM_EXISTS })).nextExpectedRevision).toBe(3n);
    expect((await client.appendToStream('case-1', event('E'), { expectedRevision: ANY })).nextExpectedRevision).toBe(4n);
  });

  test('treats the same event ids at the same place as a repeat of the write (idempotence), and a partial match as a conflict', async () => {
    const ids = [crypto.randomUUID(), crypto.randomUUID()];
    const first = await client.appendToStream('case-1', [event('A', ids[0]), event('B', ids[1])], { expectedRevision: NO_STREAM });
    await client.appendToStream('case-1', event('C'), { expectedRevision: 1n });
    const again = await client.appendToStream('case-1', [event('A', ids[0]), event('B', ids[1])], { expectedRevision: NO_STREAM });
    expect(again.nextExpectedRevision).toBe(1n);
    expect(again.position).toEqual(first.position);
    const anyAgain = await client.appendToStream('case-1', [event('A', ids[0]), event('B', ids[1])], { expectedRevision: ANY });
    expect(anyAgain.nextExpectedRevision).toBe(1n);
    await expect(client.appendToStream('case-1', [event('A', ids[0]), event('X')], { expectedRevision: NO_STREAM })).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
    expect(await collect(client.readStream('case-1'))).toHaveLength(3);
  });

  test('reads streams both ways and reports a missing stream', async () => {
    await client.appendToStream('case-1', ['A', 'B', 'C'].map((type) => event(type)));
    const types = (events: Array<{ event?: { type: string } }>) => events.map((e) => e.event!.type);
    expect(types(await collect(client.readStream('case-1', { fromRevision: 1n, maxCount: 5 })))).toEqual(['B', 'C']);
    expect(types(await collect(client.readStream('case-1', { direction: BACKWARDS, fromRevision: END, maxCount: 2 })))).toEqual(['C', 'B']);
    expect(types(await collect(client.readStream('case-1', { direction: BACKWARDS, fromRevision: 9n })))).toEqual(['C', 'B', 'A']);
    await expect(collect(client.readStream('case-404'))).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  test('gives every event its own growing $all position (commit = prepare) and starts with system events', async () => {
    await client.appendToStream('case-1', [event('A'), event('B')]);
    const all = await collect(client.readAll({ fromPosition: START }));
    expect(all.slice(0, 3).every((e) => e.event!.streamId.startsWith('$'))).toBe(true);
    const positions = all.map((e) => e.event!.position!);
    for (const position of positions) expect(position.commit).toBe(position.prepare);
    for (let i = 1; i < positions.length; i++) expect(positions[i].commit).toBeGreaterThan(positions[i - 1].commit + 1n);
    const backwards = await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 2 }));
    expect(backwards.map((e) => e.event!.type)).toEqual(['B', 'A']);
    // forwards from a record position is inclusive
    const fromB = await collect(client.readAll({ fromPosition: positions[positions.length - 1] }));
    expect(fromB.map((e) => e.event!.type)).toEqual(['B']);
  });

  test('refuses read positions that do not point at a record', async () => {
    await client.appendToStream('case-1', event('A'));
    const [last] = await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
    const { commit } = last.event!.position!;
    await expect(collect(client.readAll({ fromPosition: { commit: commit + 1n, prepare: commit + 1n } }))).rejects.toThrow(/Invalid position/);
  });

  test('subscribes to $all with a filter: stored events after the position, then live ones', async () => {
    await client.appendToStream('case-1', [event('A'), event('B')]);
    const [, b] = (await collect(client.readAll({ fromPosition: START }))).filter((e) => e.event!.streamId === 'case-1');
    const received: AllStreamResolvedEvent[] = [];
    const subscription = client.subscribeToAll({ fromPosition: b.event!.position!, filter: streamNameFilter({ prefixes: ['case-'] }) });
    const done = new Promise<void>((resolve) =>
      subscription.on('data', (resolved: AllStreamResolvedEvent) => {
        received.push(resolved);
        if (received.length === 2) resolve();
      }),
    );
    await client.appendToStream('$stats-1', event('$statsCollected'));
    await client.appendToStream('case-2', event('C'));
    await client.appendToStream('case-1', event('D'));
    await done;
    await subscription.unsubscribe();
    expect(received.map((e) => e.event!.type)).toEqual(['C', 'D']);

    const byType = client.subscribeToAll({ filter: eventTypeFilter({ regex: '^D$' }) });
    const [d] = await new Promise<AllStreamResolvedEvent[]>((resolve) => byType.once('data', (resolved: AllStreamResolvedEvent) => resolve([resolved])));
    await byType.unsubscribe();
    expect(d.event!.type).toBe('D');
  });

  test('keeps its log and port across a stop and start, and drops connections on stop', async () => {
    await client.appendToStream('case-1', event('A'));
    const port = double.port;
    const subscription = client.subscribeToAll({ fromPosition: END });
    const dropped = new Promise<unknown>((resolve) => subscription.on('error', resolve));
    await new Promise((resolve) => subscription.once('confirmation', resolve));
    await double.stop();
    await expect(dropped).resolves.toBeInstanceOf(Error);
    await double.start();
    expect(double.port).toBe(port);
    const fresh = EventStoreDBClient.connectionString(double.connectionString);
    try {
      expect((await collect(fresh.readStream('case-1'))).map((e) => e.event!.type)).toEqual(['A']);
    } finally {
      await fresh.dispose();
    }
  });

  test('answers gossip, so discovery connection strings reach it', async () => {
    const discovered = EventStoreDBClient.connectionString(double.discoveryConnectionString);
    try {
      await discovered.appendToStream('case-1', event('A'));
    } finally {
      await discovered.dispose();
    }
    expect(await collect(client.readStream('case-1'))).toHaveLength(1);
  });
});
