import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type AppendContext, type AppendResult, type EventStore, type ExpectedRevision, type NewEvent, openEventStore, StoreUnavailableError } from '@ledger/event-store';
import { AccessLogBuffer, type AccessOperation } from '../../apps/api/src/access-log/access-log.buffer';

/**
 * The access log's buffer against a real SQLite store whose appends can be made to fail: before
 * writing (the store is down) or after writing (the acknowledgement is lost).
 */
describe('access log buffer', () => {
  let dir: string;
  let real: EventStore;
  let failing: 'before' | 'after' | null;
  let store: EventStore;
  const errors: object[] = [];
  const logger = { error: (object: object) => void errors.push(object) };

  const operation = (officerId: string, operationName: string): AccessOperation => ({ agencyId: 'fr-ocreth', officerId, operationType: 'query', operationName });

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ledger-access-buffer-'));
    real = await openEventStore(`sqlite:${path.join(dir, 'ledger.db')}`);
    failing = null;
    errors.length = 0;
    store = Object.create(real, {
      append: {
        value: async (stream: string, events: NewEvent[], expected: ExpectedRevision, context: AppendContext): Promise<AppendResult> => {
          if (failing === 'before') throw new StoreUnavailableError('injected outage');
          const result = await real.append(stream, events, expected, context);
          if (failing === 'after') throw new StoreUnavailableError('injected lost acknowledgement');
          return result;
        },
      },
    }) as EventStore;
  });
  afterEach(async () => {
    await real.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('groups one request per event, one append per officer, each entity once', async () => {
    const buffer = new AccessLogBuffer(store, logger);
    const first = {};
    const second = {};
    buffer.record(first, operation('fr-a', 'One'), 'cases', { type: 'CASE', id: 'c1' });
    buffer.record(first, operation('fr-a', 'One'), 'cases', { type: 'CASE', id: 'c1' });
    buffer.record(first, operation('fr-a', 'One'), 'clue', { type: 'CLUE', id: 'k1' });
    buffer.record(second, operation('fr-b', 'Two'), 'case', { type: 'CASE', id: 'c2' });
    await buffer.flush();
    const events = await real.readStream('access-fr-ocreth');
    expect(events.map((event) => [event.actor.officerId, (event.data as { entities: unknown }).entities, (event.data as { rootFields: unknown }).rootFields])).toEqual([
      ['fr-a', [{ type: 'CASE', id: 'c1' }, { type: 'CLUE', id: 'k1' }], ['cases', 'clue']],
      ['fr-b', [{ type: 'CASE', id: 'c2' }], ['case']],
    ]);
    expect(new Set(events.map((event) => event.commandId)).size).toBe(2);
    expect(buffer.bufferedOperations).toBe(0);
  });

  it('keeps the records while the store is down and writes them once it is back', async () => {
    const buffer = new AccessLogBuffer(store, logger);
    buffer.record({}, operation('fr-a', 'During'), 'cases', { type: 'CASE', id: 'c1' });
    failing = 'before';
    await buffer.flush();
    expect(await real.readStream('access-fr-ocreth')).toEqual([]);
    expect(buffer.bufferedOperations).toBe(1);
    expect(errors).toHaveLength(1);
    failing = null;
    await buffer.flush();
    expect((await real.readStream('access-fr-ocreth')).map((event) => (event.data as { operationName: string }).operationName)).toEqual(['During']);
    expect(buffer.bufferedOperations).toBe(0);
  });

  it('retries a batch whose acknowledgement was lost with the same command id, so it is written once', async () => {
    const buffer = new AccessLogBuffer(store, logger);
    buffer.record({}, operation('fr-a', 'Once'), 'cases', { type: 'CASE', id: 'c1' });
    failing = 'after';
    await buffer.flush();
    expect(buffer.bufferedOperations).toBe(1);
    failing = null;
    await buffer.flush();
    const events = await real.readStream('access-fr-ocreth');
    expect(events).toHaveLength(1);
    expect(buffer.bufferedOperations).toBe(0);
  });

  it('writes what is buffered when stopped', async () => {
    const buffer = new AccessLogBuffer(store, logger, { flushIntervalMs: 60_000 });
    buffer.start();
    buffer.record({}, operation('fr-a', 'Late'), 'cases', { type: 'CASE', id: 'c9' });
    await buffer.stop();
    expect(await real.readStream('access-fr-ocreth')).toHaveLength(1);
  });
});
