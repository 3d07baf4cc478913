import type { RecordedEvent } from '../event-store.port';
import type { PreparedEvent } from '../prepare-append';

/**
 * One stored event as the SQL adapters keep it: one column per envelope field, `data` as JSON
 * text. SQLite and PostgreSQL use the same column names so the mapping lives here once.
 */
export interface EventRow {
  global_position: number | string;
  stream: string;
  revision: number | string;
  event_id: string;
  type: string;
  schema_version: number;
  occurred_at: string;
  recorded_at: string;
  officer_id: string;
  agency_id: string;
  command_id: string;
  correlation_id: string;
  causation_id: string;
  data: string;
  hash: string;
  previous_hash: string;
}

/** The columns every read selects, in a fixed order. */
export const EVENT_COLUMNS = [
  'global_position',
  'stream',
  'revision',
  'event_id',
  'type',
  'schema_version',
  'occurred_at',
  'recorded_at',
  'officer_id',
  'agency_id',
  'command_id',
  'correlation_id',
  'causation_id',
  'data',
  'hash',
  'previous_hash',
] as const;

export function rowToEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    stream: row.stream,
    revision: Number(row.revision),
    globalPosition: Number(row.global_position),
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    actor: { officerId: row.officer_id, agencyId: row.agency_id },
    commandId: row.command_id,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    hash: row.hash,
    previousHash: row.previous_hash,
    data: JSON.parse(row.data) as unknown,
  };
}

/** The row of a prepared event once the store has given it a global position. */
export function preparedToRow(event: PreparedEvent, globalPosition: number): EventRow {
  return {
    global_position: globalPosition,
    stream: event.stream,
    revision: event.revision,
    event_id: event.eventId,
    type: event.type,
    schema_version: event.schemaVersion,
    occurred_at: event.occurredAt,
    recorded_at: event.recordedAt,
    officer_id: event.actor.officerId,
    agency_id: event.actor.agencyId,
    command_id: event.commandId,
    correlation_id: event.correlationId,
    causation_id: event.causationId,
    data: event.dataJson,
    hash: event.hash,
    previous_hash: event.previousHash,
  };
}
