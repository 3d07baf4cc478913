import { randomUUID } from 'node:crypto';
import {
  type AppendContext,
  type AppendResult,
  checkChainLink,
  DEFAULT_MAX_EVENT_BYTES,
  type EventStore,
  EventTooLargeError,
  type ExpectedRevision,
  GENESIS_HASH,
  InvalidEventError,
  InvalidOptionError,
  InvalidStreamNameError,
  type NewEvent,
  openEventStore,
  type RecordedEvent,
  StoreUnavailableError,
  WrongExpectedRevisionError,
} from '@ledger/event-store';
import { type EventStoreHarness, spawnAppender, take } from './harness';

/**
 * The behaviour every event store adapter must have, written once and run against each adapter
 * (see harness.ts for what an adapter's test file provides).
 */
export function describeEventStoreContract(name: string, harness: EventStoreHarness): void {
  const maxEventBytes = harness.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
  const reopen = harness.reopen ?? (harness.urlOf ? (store: EventStore) => openEventStore(harness.urlOf!(store)) : undefined);
  const itWithUrl = harness.urlOf ? it : it.skip;

  /** Runs `test` on a fresh store (plus any handles it opens through `extra`), closing them all after. */
  async function withStore(test: (store: EventStore, extra: () => Promise<EventStore>) => Promise<void>): Promise<void> {
    const store = await harness.open();
    const others: EventStore[] = [];
    const extra = async (): Promise<EventStore> => {
      if (!reopen) return store;
      const other = await reopen(store);
      others.push(other);
      return other;
    };
    try {
      await test(store, extra);
    } finally {
      await Promise.all(others.map((other) => other.close()));
      await store.close();
    }
  }

  describe(`event store contract: ${name}`, () => {
    afterAll(() => harness.cleanup());

    describe('append and read a stream', () => {
      it('stores the full envelope and returns revisions and positions', () =>
        withStore(async (store) => {
          const stream = streamOf('case');
          const context = contextOf({ causationId: randomUUID() });
          const eventId = randomUUID();
          const result = await store.append(
            stream,
            [
              { type: 'CaseOpened', data: { title: 'Route via Kunming' }, eventId, schemaVersion: 2, occurredAt: '2024-03-01T10:00:00+01:00' },
              { type: 'NoteAdded', data: { text: 'second' } },
            ],
            'no_stream',
            context,
          );
          expect(result.idempotentReplay).toBe(false);
          expect(result.nextExpectedRevision).toBe(1);
          expect(result.positions.map((p) => p.revision)).toEqual([0, 1]);
          expect(result.positions[0].eventId).toBe(eventId);
          expect(result.positions[0].globalPosition).toBeGreaterThan(0);
          expect(result.positions[1].globalPosition).toBeGreaterThan(result.positions[0].globalPosition);

          const events = await store.readStream(stream);
          expect(events).toHaveLength(2);
          const [first, second] = events;
          expect(first).toMatchObject({
            eventId,
            type: 'CaseOpened',
            schemaVersion: 2,
            stream,
            revision: 0,
            globalPosition: result.positions[0].globalPosition,
            occurredAt: '2024-03-01T09:00:00.000Z',
            actor: context.actor,
            commandId: context.commandId,
            correlationId: context.correlationId,
            causationId: context.causationId,
            data: { title: 'Route via Kunming' },
            previousHash: GENESIS_HASH,
          });
          expect(first.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
          expect(second).toMatchObject({ type: 'NoteAdded', schemaVersion: 1, revision: 1, causationId: context.causationId });
          expect(second.occurredAt).toBe(second.recordedAt);
          expect(second.eventId).toMatch(/^[0-9a-f-]{36}$/);
        }));

      it('defaults the causation id to the command id', () =>
        withStore(async (store) => {
          const stream = streamOf('clue');
          const context = contextOf();
          await store.append(stream, [eventOf('ClueSubmitted')], 'no_stream', context);
          const [event] = await store.readStream(stream);
          expect(event.causationId).toBe(context.commandId);
        }));

      it('reads a stream forwards and backwards, from a revision, with a limit', () =>
        withStore(async (store) => {
          const stream = streamOf('case');
          await store.append(stream, [0, 1, 2, 3, 4].map((n) => eventOf('NoteAdded', { n })), 'no_stream', contextOf());
          const revisions = (events: RecordedEvent[]) => events.map((e) => e.revision);
          expect(revisions(await store.readStream(stream))).toEqual([0, 1, 2, 3, 4]);
          expect(revisions(await store.readStream(stream, { from: 2 }))).toEqual([2, 3, 4]);
          expect(revisions(await store.readStream(stream, { from: 1, limit: 2 }))).toEqual([1, 2]);
          expect(revisions(await store.readStream(stream, { direction: 'backwards' }))).toEqual([4, 3, 2, 1, 0]);
          expect(revisions(await store.readStream(stream, { direction: 'backwards', from: 2 }))).toEqual([2, 1, 0]);
          expect(revisions(await store.readStream(stream, { direction: 'backwards', limit: 2 }))).toEqual([4, 3]);
          expect(revisions(await store.readStream(stream, { direction: 'backwards', from: 3, limit: 2 }))).toEqual([3, 2]);
        }));

      it('returns nothing when reading past the end or a stream that does not exist', () =>
        withStore(async (store) => {
          const stream = streamOf('case');
          await store.append(stream, [eventOf('CaseOpened'), eventOf('NoteAdded')], 'no_stream', contextOf());
          expect(await store.readStream(stream, { from: 2 })).toEqual([]);
          expect(await store.readStream(stream, { from: 1000 })).toEqual([]);
          expect(await store.readStream(streamOf('case'))).toEqual([]);
          expect(await store.readStream(streamOf('case'), { direction: 'backwards' })).toEqual([]);
          const head = await store.headPosition();
          expect(await store.readAll({ fromPosition: head + 1 })).toEqual([]);
        }));

      it('rejects bad read options with an error naming the option', () =>
        withStore(async (store) => {
          const stream = streamOf('case');
          await expect(store.readStream(stream, { limit: 0 })).rejects.toMatchObject({ constructor: InvalidOptionError, option: 'limit' });
          await expect(store.readStream(stream, { from: -1 })).rejects.toMatchObject({ constructor: InvalidOptionError, option: 'from' });
          await expect(store.readStream(stream, { direction: 'sideways' as never })).rejects.toBeInstanceOf(InvalidOptionError);
          await expect(store.readAll({ fromPosition: 1.5 })).rejects.toMatchObject({ option: 'fromPosition' });
          await expect(store.readAll({ filter: { eventTypes: [] } })).rejects.toMatchObject({ option: 'filter.eventTypes' });
        }));
    });

    describe('expected revision', () => {
      // The cases use streams of their own, so they share one store.
      let shared: EventStore;
      beforeAll(async () => {
        shared = await harness.open();
      });
      afterAll(() => shared.close());

      const cases: Array<{ title: string; setup: number; expected: ExpectedRevision; outcome: 'ok' | { actual: number | 'no_stream' } }> = [
        { title: 'no_stream on a new stream', setup: 0, expected: 'no_stream', outcome: 'ok' },
        { title: 'no_stream on an existing stream', setup: 2, expected: 'no_stream', outcome: { actual: 1 } },
        { title: 'stream_exists on an existing stream', setup: 1, expected: 'stream_exists', outcome: 'ok' },
        { title: 'stream_exists on a new stream', setup: 0, expected: 'stream_exists', outcome: { actual: 'no_stream' } },
        { title: 'the last revision', setup: 3, expected: 2, outcome: 'ok' },
        { title: 'an older revision', setup: 3, expected: 1, outcome: { actual: 2 } },
        { title: 'a revision not reached yet', setup: 1, expected: 5, outcome: { actual: 0 } },
        { title: 'a revision on a new stream', setup: 0, expected: 0, outcome: { actual: 'no_stream' } },
        { title: 'any on a new stream', setup: 0, expected: 'any', outcome: 'ok' },
        { title: 'any on an existing stream', setup: 2, expected: 'any', outcome: 'ok' },
      ];
      it.each(cases)('$title', async ({ setup, expected, outcome }) => {
        const store = shared;
        const stream = streamOf('agreement');
        if (setup > 0) await store.append(stream, Array.from({ length: setup }, () => eventOf('AgreementAmended')), 'no_stream', contextOf());
        const attempt = store.append(stream, [eventOf('AgreementSigned')], expected, contextOf());
        if (outcome === 'ok') {
          const result = await attempt;
          expect(result.nextExpectedRevision).toBe(setup);
          expect(await store.readStream(stream)).toHaveLength(setup + 1);
        } else {
          const error = await attempt.then(() => undefined, (e: unknown) => e);
          expect(error).toBeInstanceOf(WrongExpectedRevisionError);
          expect(error).toMatchObject({ stream, expected, actual: outcome.actual, code: 'WRONG_EXPECTED_REVISION' });
          expect(await store.readStream(stream)).toHaveLength(setup);
        }
      });

      it('lets exactly one of 10 concurrent appends with the same expected revision win', () =>
        withStore(async (store, extra) => {
          const handles = [store, await extra(), await extra()];
          const stream = streamOf('case');
          await store.append(stream, [eventOf('CaseOpened')], 'no_stream', contextOf());
          const outcomes = await Promise.allSettled(
            Array.from({ length: 10 }, (_, writer) => handles[writer % handles.length].append(stream, [eventOf('NoteAdded', { writer })], 0, contextOf())),
          );
          const winners = outcomes.filter((o): o is PromiseFulfilledResult<AppendResult> => o.status === 'fulfilled');
          const losers = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
          expect(winners).toHaveLength(1);
          expect(losers).toHaveLength(9);
          for (const loser of losers) {
            expect(loser.reason).toBeInstanceOf(WrongExpectedRevisionError);
            expect(loser.reason).toMatchObject({ stream, expected: 0, actual: 1 });
          }
          const events = await store.readStream(stream);
          expect(events.map((e) => e.revision)).toEqual([0, 1]);
          expect(events[1].eventId).toBe(winners[0].value.positions[0].eventId);
        }));
    });

    describe('idempotent retries', () => {
      it('returns the original result for a command id already recorded in the stream, and writes nothing', () =>
        withStore(async (store) => {
          const stream = streamOf('clue');
          const context = contextOf();
          const original = await store.append(stream, [eventOf('ClueSubmitted'), eventOf('ClueRouted')], 'no_stream', context);
          await store.append(stream, [eventOf('ClueAcknowledged')], 1, contextOf());
          const head = await store.headPosition();

          // A retry after a timeout: same command, stale expected revision, freshly generated event ids.
          const retry = await store.append(stream, [eventOf('ClueSubmitted'), eventOf('ClueRouted')], 'no_stream', context);
          expect(retry).toEqual({ ...original, idempotentReplay: true });
          expect(await store.readStream(stream)).toHaveLength(3);
          expect(await store.headPosition()).toBe(head);
        }));

      it('treats the same command id in another stream as a new command', () =>
        withStore(async (store) => {
          const context = contextOf();
          const first = await store.append(streamOf('case'), [eventOf('CaseOpened')], 'no_stream', context);
          const second = await store.append(streamOf('case'), [eventOf('CaseOpened')], 'no_stream', context);
          expect(second.idempotentReplay).toBe(false);
          expect(second.positions[0].globalPosition).toBeGreaterThan(first.positions[0].globalPosition);
        }));

      it('writes a command once when the same append runs concurrently, and every caller gets the original result', () =>
        withStore(async (store, extra) => {
          const handles = [store, await extra(), await extra()];
          const stream = streamOf('case');
          await store.append(stream, [eventOf('CaseOpened')], 'no_stream', contextOf());
          const context = contextOf();
          const results = await Promise.all(
            Array.from({ length: 8 }, (_, i) => handles[i % handles.length].append(stream, [eventOf('PersonRecorded'), eventOf('RouteRecorded')], 0, context)),
          );
          expect(results.filter((r) => !r.idempotentReplay)).toHaveLength(1);
          const original = results.find((r) => !r.idempotentReplay)!;
          for (const result of results) expect(result.positions).toEqual(original.positions);
          expect(original.nextExpectedRevision).toBe(2);
          const events = await store.readStream(stream);
          expect(events.map((e) => e.type)).toEqual(['CaseOpened', 'PersonRecorded', 'RouteRecorded']);
        }));
    });

    describe('payloads', () => {
      it('keeps unicode exactly: emoji, right-to-left, CJK, combining marks, control characters', () =>
        withStore(async (store) => {
          const stream = streamOf('case');
          const data = {
            emoji: '👩‍👩‍👧‍👦 🚀 🇨🇳🇫🇷 ☕',
            rtl: 'مرحبا بالعالم — שלום עולם',
            cjk: '公安部刑事侦查局 打拐办 · 日本語 · 한국어',
            combining: 'e\u0301 A\u030a Z\u0335\u0321',
            control: '\u0001\u0007\b\t\n\u000b\f\r\u001b\u001f\u007f\u0085\u2028\u2029',
            quotes: `"'\\/<>&`,
            '键 🔑': ['вложенный', { 'ключ': 'значение' }],
            numbers: [0, -1.5, 1e21, 2 ** 53 - 1],
          };
          await store.append(stream, [eventOf('FactRecorded', data)], 'no_stream', contextOf());
          const [event] = await store.readStream(stream);
          expect(event.data).toEqual(data);
          expect(checkChainLink(event, undefined)).toBeNull();
          const [fromLog] = await store.readAll({ fromPosition: event.globalPosition, limit: 1 });
          expect(fromLog.data).toEqual(data);
        }));

      it('accepts data exactly at the size limit and refuses one byte more, naming the limit', () =>
        withStore(async (store) => {
          const stream = streamOf('case');
          const overhead = Buffer.byteLength(JSON.stringify({ blob: '' }));
          const atLimit = { blob: 'x'.repeat(maxEventBytes - overhead) };
          await store.append(stream, [eventOf('DocumentAttached', atLimit)], 'no_stream', contextOf());
          const [stored] = await store.readStream(stream);
          expect((stored.data as { blob: string }).blob.length).toBe(atLimit.blob.length);

          const overLimit = { blob: 'x'.repeat(maxEventBytes - overhead + 1) };
          const error = await store.append(stream, [eventOf('DocumentAttached', overLimit)], 0, contextOf()).then(() => undefined, (e: unknown) => e);
          expect(error).toBeInstanceOf(EventTooLargeError);
          expect(error).toMatchObject({ limitBytes: maxEventBytes, sizeBytes: maxEventBytes + 1 });
          expect((error as Error).message).toContain(String(maxEventBytes));
          expect(await store.readStream(stream)).toHaveLength(1);
        }));

      it('counts the size in UTF-8 bytes, not characters', () =>
        withStore(async (store) => {
          const overhead = Buffer.byteLength(JSON.stringify({ blob: '' }));
          const twoByteChars = { blob: 'é'.repeat(Math.floor((maxEventBytes - overhead) / 2) + 1) };
          await expect(store.append(streamOf('case'), [eventOf('DocumentAttached', twoByteChars)], 'no_stream', contextOf())).rejects.toBeInstanceOf(
            EventTooLargeError,
          );
        }));

      it('refuses a batch with one oversized event and writes none of it', () =>
        withStore(async (store) => {
          const stream = streamOf('case');
          const big = { blob: 'x'.repeat(maxEventBytes) };
          await expect(store.append(stream, [eventOf('NoteAdded'), eventOf('DocumentAttached', big)], 'no_stream', contextOf())).rejects.toBeInstanceOf(
            EventTooLargeError,
          );
          expect(await store.readStream(stream)).toEqual([]);
          expect(await store.headPosition()).toBe(0);
        }));
    });

    describe('validation', () => {
      it('refuses malformed stream names on append and read', () =>
        withStore(async (store) => {
          const badNames = ['', 'Case-1', 'case', 'case-', '-1', 'case 1', 'case-1/2', 'case-é', `case-${'x'.repeat(200)}`, 42 as unknown as string];
          for (const stream of badNames) {
            await expect(store.append(stream, [eventOf('CaseOpened')], 'any', contextOf())).rejects.toBeInstanceOf(InvalidStreamNameError);
            await expect(store.readStream(stream)).rejects.toBeInstanceOf(InvalidStreamNameError);
          }
          expect(await store.headPosition()).toBe(0);
        }));

      it('refuses malformed events and contexts with an error naming the field', () =>
        withStore(async (store) => {
          const stream = streamOf('case');
          const field = (promise: Promise<unknown>) => promise.then(() => undefined, (e: InvalidEventError) => (e instanceof InvalidEventError ? e.field : e));
          expect(await field(store.append(stream, [], 'any', contextOf()))).toBe('events');
          expect(await field(store.append(stream, [{ type: 'not a type', data: {} }], 'any', contextOf()))).toBe('type');
          expect(await field(store.append(stream, [{ type: 'CaseOpened', data: 'text' as never }], 'any', contextOf()))).toBe('data');
          expect(await field(store.append(stream, [{ type: 'CaseOpened', data: {}, eventId: 'nope' }], 'any', contextOf()))).toBe('eventId');
          expect(await field(store.append(stream, [eventOf('CaseOpened')], 'any', { ...contextOf(), commandId: '' }))).toBe('context.commandId');
          expect(await field(store.append(stream, [eventOf('CaseOpened')], 'any', { ...contextOf(), actor: { officerId: 'o', agencyId: '' } }))).toBe(
            'context.actor',
          );
          expect(await store.headPosition()).toBe(0);
        }));
    });

    describe('the global log', () => {
      it('orders every event across streams by a strictly increasing global position', () =>
        withStore(async (store) => {
          expect(await store.headPosition()).toBe(0);
          expect(await store.readAll()).toEqual([]);
          const appended: Array<{ eventId: string; globalPosition: number }> = [];
          const streams = [streamOf('case'), streamOf('clue'), streamOf('agency')];
          for (let round = 0; round < 4; round += 1) {
            for (const stream of streams) {
              const result = await store.append(stream, [eventOf('NoteAdded', { round }), eventOf('NoteAdded', { round })], 'any', contextOf());
              appended.push(...result.positions);
            }
          }
          const all = await store.readAll();
          expect(all.map((e) => e.eventId)).toEqual(appended.map((p) => p.eventId));
          expect(all.map((e) => e.globalPosition)).toEqual(appended.map((p) => p.globalPosition));
          expectStrictlyIncreasing(all.map((e) => e.globalPosition));
          expect(await store.headPosition()).toBe(all[all.length - 1].globalPosition);

          const middle = all[7].globalPosition;
          expect((await store.readAll({ fromPosition: middle })).map((e) => e.globalPosition)).toEqual(all.slice(7).map((e) => e.globalPosition));
          expect((await store.readAll({ fromPosition: middle, limit: 3 })).map((e) => e.globalPosition)).toEqual(all.slice(7, 10).map((e) => e.globalPosition));
          const backwards = await store.readAll({ direction: 'backwards', limit: 4 });
          expect(backwards.map((e) => e.globalPosition)).toEqual(all.slice(-4).reverse().map((e) => e.globalPosition));
          const backwardsFrom = await store.readAll({ direction: 'backwards', fromPosition: middle, limit: 2 });
          expect(backwardsFrom.map((e) => e.globalPosition)).toEqual([all[7].globalPosition, all[6].globalPosition]);
        }));

      it('filters by event type and by stream prefix', () =>
        withStore(async (store) => {
          const caseStream = streamOf('case');
          const clueStream = streamOf('clue');
          const agencyStream = streamOf('agency');
          for (let round = 0; round < 3; round += 1) {
            await store.append(caseStream, [eventOf('CaseOpened'), eventOf('PersonRecorded')], 'any', contextOf());
            await store.append(clueStream, [eventOf('ClueSubmitted'), eventOf('PersonRecorded')], 'any', contextOf());
            await store.append(agencyStream, [eventOf('AgencyRegistered')], 'any', contextOf());
          }
          const all = await store.readAll();
          const expectFiltered = (events: RecordedEvent[], keep: (e: RecordedEvent) => boolean) => {
            expect(events.map((e) => e.eventId)).toEqual(all.filter(keep).map((e) => e.eventId));
          };
          expectFiltered(await store.readAll({ filter: { eventTypes: ['PersonRecorded'] } }), (e) => e.type === 'PersonRecorded');
          expectFiltered(await store.readAll({ filter: { streamPrefixes: ['case-', 'agency-'] } }), (e) => e.stream !== clueStream);
          expectFiltered(
            await store.readAll({ filter: { eventTypes: ['PersonRecorded', 'AgencyRegistered'], streamPrefixes: ['clue-', 'agency-'] } }),
            (e) => (e.type === 'PersonRecorded' && e.stream === clueStream) || e.type === 'AgencyRegistered',
          );
          // A prefix is a prefix, not a pattern: "_" and "%" match themselves only.
          expect(await store.readAll({ filter: { streamPrefixes: ['cas_-', 'c%'] } })).toEqual([]);
          const limited = await store.readAll({ filter: { eventTypes: ['PersonRecorded'] }, limit: 2 });
          expect(limited.map((e) => e.eventId)).toEqual(all.filter((e) => e.type === 'PersonRecorded').slice(0, 2).map((e) => e.eventId));
          const backwards = await store.readAll({ direction: 'backwards', filter: { streamPrefixes: ['agency-'] }, limit: 2 });
          expect(backwards.map((e) => e.eventId)).toEqual(all.filter((e) => e.stream === agencyStream).slice(-2).reverse().map((e) => e.eventId));
        }));

      it('chains every event of a stream to the previous one by hash', () =>
        withStore(async (store) => {
          const stream = streamOf('case');
          await store.append(stream, [eventOf('CaseOpened', { title: 'A' })], 'no_stream', contextOf());
          await store.append(stream, [eventOf('PersonRecorded', { name: 'B' }), eventOf('RouteRecorded', { via: 'C' })], 0, contextOf());
          await store.append(streamOf('case'), [eventOf('CaseOpened')], 'no_stream', contextOf());
          await store.append(stream, [eventOf('CaseClosed', { reason: 'done' })], 2, contextOf());
          const events = await store.readStream(stream);
          expect(events).toHaveLength(4);
          expect(events[0].previousHash).toBe(GENESIS_HASH);
          events.forEach((event, index) => {
            expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
            expect(checkChainLink(event, events[index - 1])).toBeNull();
          });
          // The check has teeth: a changed payload no longer matches its stored hash.
          expect(checkChainLink({ ...events[2], data: { via: 'D' } }, events[1])).not.toBeNull();
        }));
    });

    describe('subscriptions', () => {
      it('catches up, then goes live while 4 writers append, delivering every event once in global order', () =>
        withStore(async (store, extra) => {
          for (let i = 0; i < 10; i += 1) await store.append(streamOf('agency'), [eventOf('AgencyRegistered'), eventOf('OfficerRegistered')], 'no_stream', contextOf());
          const writers = [store, await extra(), await extra(), store];
          const appendsPerWriter = 15;
          const eventsPerWriter = appendsPerWriter * 2;
          const expectedTotal = 20 + writers.length * eventsPerWriter;

          const subscription = store.subscribeToAll();
          const received = take(subscription, expectedTotal, 30_000);
          await Promise.all(
            writers.map(async (writer) => {
              const stream = streamOf('case');
              let expected: ExpectedRevision = 'no_stream';
              for (let i = 0; i < appendsPerWriter; i += 1) {
                const result: AppendResult = await writer.append(stream, [eventOf('NoteAdded', { i }), eventOf('NoteAdded', { i })], expected, contextOf());
                expected = result.nextExpectedRevision;
              }
            }),
          );
          const delivered = await received;
          const positions = delivered.map((e) => e.globalPosition);
          expectStrictlyIncreasing(positions);
          expect(new Set(delivered.map((e) => e.eventId)).size).toBe(expectedTotal);
          const all = await store.readAll();
          expect(all).toHaveLength(expectedTotal);
          expect(delivered.map((e) => e.eventId)).toEqual(all.map((e) => e.eventId));
          expect(delivered).toEqual(all);
        }));

      it('starts at the given position (inclusive) and applies its filter', () =>
        withStore(async (store) => {
          const caseStream = streamOf('case');
          for (let i = 0; i < 6; i += 1) {
            await store.append(caseStream, [eventOf('NoteAdded', { i })], 'any', contextOf());
            await store.append(streamOf('clue'), [eventOf('ClueSubmitted', { i })], 'no_stream', contextOf());
          }
          const all = await store.readAll();
          const from = all[5].globalPosition;
          const fromMiddle = await take(store.subscribeToAll({ fromPosition: from }), all.length - 5);
          expect(fromMiddle.map((e) => e.eventId)).toEqual(all.slice(5).map((e) => e.eventId));

          const storedCases = all.slice(5).filter((e) => e.stream === caseStream);
          const onlyCases = take(store.subscribeToAll({ fromPosition: from, filter: { streamPrefixes: ['case-'] } }), storedCases.length + 1);
          const closed = await store.append(caseStream, [eventOf('CaseClosed')], 'any', contextOf());
          const filtered = await onlyCases;
          expect(filtered.map((e) => e.eventId)).toEqual([...storedCases.map((e) => e.eventId), closed.positions[0].eventId]);

          const byType = await take(store.subscribeToAll({ filter: { eventTypes: ['CaseClosed'] } }), 1);
          expect(byType[0].type).toBe('CaseClosed');
        }));

      it('resumes from "last delivered + 1" without gap or duplicate', () =>
        withStore(async (store) => {
          for (let i = 0; i < 5; i += 1) await store.append(streamOf('case'), [eventOf('CaseOpened'), eventOf('NoteAdded')], 'no_stream', contextOf());
          const firstPart = await take(store.subscribeToAll(), 4);
          const rest = take(store.subscribeToAll({ fromPosition: firstPart[3].globalPosition + 1 }), 8);
          await store.append(streamOf('case'), [eventOf('CaseOpened'), eventOf('NoteAdded')], 'no_stream', contextOf());
          const all = await store.readAll();
          expect([...firstPart, ...(await rest)].map((e) => e.eventId)).toEqual(all.map((e) => e.eventId));
        }));

      it('ends iteration when stopped: a pending next() resolves as done', () =>
        withStore(async (store) => {
          await store.append(streamOf('case'), [eventOf('CaseOpened')], 'no_stream', contextOf());
          const subscription = store.subscribeToAll();
          const iterator = subscription[Symbol.asyncIterator]();
          expect((await iterator.next()).done).toBe(false);
          const pending = iterator.next();
          await subscription.stop();
          await expect(pending).resolves.toEqual({ done: true, value: undefined });
          await store.append(streamOf('case'), [eventOf('CaseOpened')], 'no_stream', contextOf());
          await expect(iterator.next()).resolves.toEqual({ done: true, value: undefined });
        }));

      it('ends a for-await loop that is waiting for new events', () =>
        withStore(async (store) => {
          await store.append(streamOf('case'), [eventOf('CaseOpened'), eventOf('NoteAdded')], 'no_stream', contextOf());
          const subscription = store.subscribeToAll();
          const seen: number[] = [];
          let reachedLive!: () => void;
          const live = new Promise<void>((resolve) => (reachedLive = resolve));
          const loop = (async () => {
            for await (const event of subscription) {
              seen.push(event.globalPosition);
              if (seen.length === 2) reachedLive();
            }
          })();
          await live;
          await subscription.stop();
          await loop;
          expect(seen).toHaveLength(2);
        }));

      it('is stopped by closing the store', async () => {
        const store = await harness.open();
        const subscription = store.subscribeToAll();
        const iterator = subscription[Symbol.asyncIterator]();
        const pending = iterator.next();
        await store.close();
        await expect(pending).resolves.toEqual({ done: true, value: undefined });
      });
    });

    describe('lifecycle and processes', () => {
      it('refuses work after close with StoreUnavailableError', async () => {
        const store = await harness.open();
        await store.close();
        await expect(store.append(streamOf('case'), [eventOf('CaseOpened')], 'any', contextOf())).rejects.toBeInstanceOf(StoreUnavailableError);
        await expect(store.readAll()).rejects.toBeInstanceOf(StoreUnavailableError);
        await store.close();
      });

      itWithUrl('delivers events appended by another process to a live subscription', () =>
        withStore(async (store) => {
          await store.append(streamOf('case'), [eventOf('CaseOpened')], 'no_stream', contextOf());
          const subscription = store.subscribeToAll({ fromPosition: (await store.headPosition()) + 1 });
          const received = take(subscription, 12, 30_000);
          const stream = streamOf('clue');
          const appender = spawnAppender(harness.urlOf!(store), stream, 12);
          expect(await appender.exited).toBe(0);
          const delivered = await received;
          expect(delivered.map((e) => e.eventId)).toEqual(appender.acks.map((a) => a.eventId));
          expect(delivered.map((e) => e.globalPosition)).toEqual(appender.acks.map((a) => a.globalPosition));
        }));

      itWithUrl('keeps every acknowledged append when the appending process is killed with SIGKILL', () =>
        withStore(async (store) => {
          const stream = streamOf('case');
          const appender = spawnAppender(harness.urlOf!(store), stream, 0);
          await appender.waitForAcks(40);
          appender.child.kill('SIGKILL');
          expect(await appender.exited).toBe('SIGKILL');
          const acknowledged = [...appender.acks];
          expect(acknowledged.length).toBeGreaterThanOrEqual(40);

          const reopened = reopen ? await reopen(store) : store;
          try {
            const events = await reopened.readStream(stream);
            // Every acknowledged append is there, unchanged; at most one more may have committed
            // after its acknowledgement was printed.
            expect(events.length - acknowledged.length).toBeGreaterThanOrEqual(0);
            expect(events.length - acknowledged.length).toBeLessThanOrEqual(1);
            acknowledged.forEach((ack, index) => {
              expect(events[index]).toMatchObject({ revision: ack.revision, globalPosition: ack.globalPosition, eventId: ack.eventId });
            });
            events.forEach((event, index) => expect(checkChainLink(event, events[index - 1])).toBeNull());
            const afterRestart = await reopened.append(stream, [eventOf('CaseClosed')], events.length - 1, contextOf());
            expect(afterRestart.nextExpectedRevision).toBe(events.length);
          } finally {
            if (reopened !== store) await reopened.close();
          }
        }));
    });
  });
}

export function streamOf(aggregate: string): string {
  return `${aggregate}-${randomUUID()}`;
}

export function contextOf(overrides: Partial<AppendContext> = {}): AppendContext {
  const commandId = randomUUID();
  return { actor: { officerId: 'officer-7', agencyId: 'fr-ocreth' }, commandId, correlationId: randomUUID(), ...overrides };
}

export function eventOf(type: string, data: Record<string, unknown> = {}): NewEvent {
  return { type, data };
}

export function expectStrictlyIncreasing(values: number[]): void {
  values.forEach((value, index) => {
    if (index > 0 && !(value > values[index - 1])) throw new Error(`position ${value} at index ${index} does not follow ${values[index - 1]}`);
  });
}
