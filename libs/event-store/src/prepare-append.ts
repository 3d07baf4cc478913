import { randomUUID } from 'node:crypto';
import { EventTooLargeError, InvalidEventError, WrongExpectedRevisionError } from './errors';
import type { AppendContext, ExpectedRevision, NewEvent, RecordedEvent } from './event-store.port';
import { computeEventHash, GENESIS_HASH } from './hash-chain';
import { assertValidStreamName } from './stream-name';

/** Largest serialized `data` of one event. EventStoreDB's own default limit is far higher; this keeps rows small. */
export const DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.]{0,99}$/;

/** An event ready to be written: everything but its global position, which the store assigns. */
export type PreparedEvent = Omit<RecordedEvent, 'globalPosition'> & { dataJson: string };

/** Checks a request before any I/O: stream name, context, event shapes and sizes. */
export function validateAppendRequest(stream: string, events: NewEvent[], context: AppendContext, maxEventBytes = DEFAULT_MAX_EVENT_BYTES): void {
  assertValidStreamName(stream);
  if (!Array.isArray(events) || events.length === 0) throw new InvalidEventError('events', 'must be a non-empty list');
  if (!context || !context.actor || !nonEmpty(context.actor.officerId) || !nonEmpty(context.actor.agencyId)) {
    throw new InvalidEventError('context.actor', 'must name an officerId and an agencyId');
  }
  if (!nonEmpty(context.commandId)) throw new InvalidEventError('context.commandId', 'must be a non-empty string');
  if (!nonEmpty(context.correlationId)) throw new InvalidEventError('context.correlationId', 'must be a non-empty string');
  for (const event of events) {
    if (!EVENT_TYPE.test(event.type ?? '')) throw new InvalidEventError('type', `must match ${EVENT_TYPE} (got ${JSON.stringify(event.type)})`);
    if (event.eventId !== undefined && !UUID.test(event.eventId)) throw new InvalidEventError('eventId', 'must be a UUID');
    if (event.schemaVersion !== undefined && !(Number.isInteger(event.schemaVersion) && event.schemaVersion >= 1)) {
      throw new InvalidEventError('schemaVersion', 'must be an integer ≥ 1');
    }
    if (event.occurredAt !== undefined && Number.isNaN(Date.parse(event.occurredAt))) throw new InvalidEventError('occurredAt', 'must be an ISO-8601 date-time');
    if (event.data === undefined || event.data === null || typeof event.data !== 'object') throw new InvalidEventError('data', 'must be a JSON object');
    const size = Buffer.byteLength(JSON.stringify(event.data), 'utf8');
    if (size > maxEventBytes) throw new EventTooLargeError(event.type, size, maxEventBytes);
  }
}

/** Throws the conflict error when the stream's actual revision does not satisfy the expectation. */
export function checkExpectedRevision(stream: string, expected: ExpectedRevision, actual: number | 'no_stream'): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && actual === 'no_stream') ||
    (expected === 'stream_exists' && actual !== 'no_stream') ||
    (typeof expected === 'number' && expected === actual);
  if (!ok) throw new WrongExpectedRevisionError(stream, expected, actual);
}

/**
 * Builds the envelopes and the hash chain for events appended after `last` (the stream's current
 * last event, or undefined for a new stream). Every adapter uses this, so hashes agree across stores.
 */
export function prepareEvents(
  stream: string,
  events: NewEvent[],
  context: AppendContext,
  last: { revision: number; hash: string } | undefined,
  now: Date = new Date(),
): PreparedEvent[] {
  const recordedAt = now.toISOString();
  let revision = last ? last.revision : -1;
  let previousHash = last ? last.hash : GENESIS_HASH;
  return events.map((event) => {
    revision += 1;
    const envelope = {
      eventId: event.eventId ?? randomUUID(),
      type: event.type,
      schemaVersion: event.schemaVersion ?? 1,
      stream,
      revision,
      occurredAt: event.occurredAt ? new Date(event.occurredAt).toISOString() : recordedAt,
      recordedAt,
      actor: { officerId: context.actor.officerId, agencyId: context.actor.agencyId },
      commandId: context.commandId,
      correlationId: context.correlationId,
      causationId: context.causationId ?? context.commandId,
      previousHash,
      data: event.data,
    };
    const hash = computeEventHash(envelope);
    previousHash = hash;
    return { ...envelope, hash, dataJson: JSON.stringify(event.data) };
  });
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 200;
}
