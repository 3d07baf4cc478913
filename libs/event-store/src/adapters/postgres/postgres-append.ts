import type { QueryConfig } from 'pg';
import type { PreparedEvent } from '../../prepare-append';

/**
 * The one statement that appends prepared events: a call of `ledger_append_events` (see
 * postgres-schema.ts). Run it on its own (autocommit) or as the first statement of a transaction.
 * Named, so each connection parses and plans it once.
 */
export function appendEventsQuery(stream: string, afterRevision: number, events: PreparedEvent[]): QueryConfig {
  const first = events[0];
  return {
    name: 'ledger_append_events',
    text: 'SELECT ledger_append_events($1::text, $2::bigint, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text, $9::json) AS first_position',
    values: [
      stream,
      afterRevision,
      first.commandId,
      first.recordedAt,
      first.actor.officerId,
      first.actor.agencyId,
      first.correlationId,
      first.causationId,
      eventsJson(events),
    ],
  };
}

/**
 * The per-event fields as one JSON array. `data` is spliced in as the JSON text already produced
 * for the size check, so a large payload is serialized once and never escaped into an SQL array.
 */
function eventsJson(events: PreparedEvent[]): string {
  const parts = events.map(
    (event) =>
      `{"revision":${event.revision},"event_id":${JSON.stringify(event.eventId)},"type":${JSON.stringify(event.type)},` +
      `"schema_version":${event.schemaVersion},"occurred_at":${JSON.stringify(event.occurredAt)},` +
      `"hash":"${event.hash}","previous_hash":"${event.previousHash}","data":${event.dataJson}}`,
  );
  return `[${parts.join(',')}]`;
}
