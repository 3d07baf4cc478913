import { jsonEvent, type EventData } from '@eventstore/db-client';
import type { RecordedEvent } from '../../event-store.port';
import type { PreparedEvent } from '../../prepare-append';
import { toGlobalPosition } from './global-position';
import type { StreamNamespace } from './stream-namespace';

/**
 * How a ledger event is laid out in EventStoreDB: the event id, type, stream and revision are
 * the server's own fields; `data` is the event's JSON; the rest of the envelope, the hash chain
 * included, is the event's JSON metadata. `$correlationId` and `$causationId` repeat the ids under
 * the names EventStoreDB's system projections ($by_correlation_id) read. `writeId` is not part of
 * the envelope: it names the append call that stored the event, so the adapter can tell its own
 * write from the server accepting a duplicate of an earlier one (see EsdbEventStore.append).
 */
export interface EnvelopeMetadata {
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  actor: { officerId: string; agencyId: string };
  commandId: string;
  correlationId: string;
  causationId: string;
  hash: string;
  previousHash: string;
  $correlationId: string;
  $causationId: string;
  writeId: string;
}

/** An event as the client hands it over, whether from its own reads or from a raw gRPC read. */
export interface EsdbRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  position?: { commit: bigint; prepare: bigint };
}

/** The stream or event does not hold a ledger event (foreign writer, or an unsupported server). */
export class NotALedgerEventError extends Error {
  constructor(stream: string, eventId: string, reason: string) {
    super(`EventStoreDB event ${eventId} in stream ${stream} is not a ledger event: ${reason}`);
    this.name = 'NotALedgerEventError';
  }
}

export function toEsdbEvent(event: PreparedEvent, writeId: string): EventData {
  const metadata: EnvelopeMetadata = {
    schemaVersion: event.schemaVersion,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    actor: { officerId: event.actor.officerId, agencyId: event.actor.agencyId },
    commandId: event.commandId,
    correlationId: event.correlationId,
    causationId: event.causationId,
    hash: event.hash,
    previousHash: event.previousHash,
    $correlationId: event.correlationId,
    $causationId: event.causationId,
    writeId,
  };
  return jsonEvent({ id: event.eventId, type: event.type, data: event.data as Record<string, unknown>, metadata });
}

/** Largest position the server reports when it has none (an unsigned -1). */
const NO_POSITION = 2n ** 64n - 1n;

/** The written-by id of a stored event (see EnvelopeMetadata.writeId). */
export function writeIdOf(record: EsdbRecord): string | undefined {
  const metadata = record.metadata as Partial<EnvelopeMetadata> | undefined;
  return metadata && typeof metadata === 'object' && typeof metadata.writeId === 'string' ? metadata.writeId : undefined;
}

export function fromEsdbRecord(record: EsdbRecord, namespace: StreamNamespace): RecordedEvent {
  const fail = (reason: string): never => {
    throw new NotALedgerEventError(record.streamId, record.id, reason);
  };
  const position = record.position;
  if (!position || position.commit === NO_POSITION || position.commit < 0n) {
    fail('the server reported no $all position (EventStoreDB 22.10 or later is required)');
  }
  if (position!.commit !== position!.prepare) {
    // Only events of explicit (legacy TCP) transactions, or servers older than 22.10, report this.
    fail(`its position is not self-committed (commit ${position!.commit}, prepare ${position!.prepare})`);
  }
  const metadata = record.metadata as Partial<EnvelopeMetadata> | undefined;
  if (!metadata || typeof metadata !== 'object' || metadata instanceof Uint8Array) return fail('its metadata is not a JSON envelope');
  const text = (field: keyof EnvelopeMetadata): string => {
    const value = metadata[field];
    return typeof value === 'string' ? value : fail(`metadata.${field} is missing`);
  };
  const actor = metadata.actor;
  if (!actor || typeof actor.officerId !== 'string' || typeof actor.agencyId !== 'string') fail('metadata.actor is missing');
  if (typeof metadata.schemaVersion !== 'number') fail('metadata.schemaVersion is missing');
  if (!record.data || typeof record.data !== 'object' || record.data instanceof Uint8Array) fail('its data is not a JSON object');
  const stream = namespace.fromEsdb(record.streamId) ?? fail(`the stream is outside the namespace ${namespace.name}`);
  const revision = Number(record.revision);
  if (!Number.isSafeInteger(revision)) fail(`revision ${record.revision} is too large`);
  return {
    eventId: record.id,
    type: record.type,
    schemaVersion: metadata.schemaVersion!,
    stream,
    revision,
    globalPosition: toGlobalPosition(position!.commit),
    occurredAt: text('occurredAt'),
    recordedAt: text('recordedAt'),
    actor: { officerId: actor!.officerId, agencyId: actor!.agencyId },
    commandId: text('commandId'),
    correlationId: text('correlationId'),
    causationId: text('causationId'),
    hash: text('hash'),
    previousHash: text('previousHash'),
    data: record.data,
  };
}
