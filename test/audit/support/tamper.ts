import { computeEventHash, type RecordedEvent } from '@ledger/event-store';
import type { LedgerUnderTest } from './audit-backends';

/**
 * What someone with write access to the database (but not the signing key) can do to the log.
 * Each helper works on the raw `ledger_events` table, never through the event store port.
 */

export async function positionOf(ledger: LedgerUnderTest, stream: string, revision: number): Promise<number> {
  const [row] = await ledger.sql.rows<{ global_position: number | string }>('SELECT global_position FROM ledger_events WHERE stream = ? AND revision = ?', [stream, revision]);
  if (!row) throw new Error(`no row for ${stream} revision ${revision}`);
  return Number(row.global_position);
}

export async function dataTextAt(ledger: LedgerUnderTest, position: number): Promise<string> {
  const [row] = await ledger.sql.rows<{ data: string }>('SELECT CAST(data AS TEXT) AS data FROM ledger_events WHERE global_position = ?', [position]);
  return row.data;
}

/** Changes exactly one byte of an event's stored payload. */
export async function flipOnePayloadByte(ledger: LedgerUnderTest, position: number, from: string, to: string): Promise<void> {
  const text = await dataTextAt(ledger, position);
  const index = text.indexOf(from);
  if (index < 0 || from.length !== 1 || to.length !== 1) throw new Error(`payload at ${position} has no ${JSON.stringify(from)}`);
  await ledger.sql.disableGuards();
  await ledger.sql.run('UPDATE ledger_events SET data = ? WHERE global_position = ?', [text.slice(0, index) + to + text.slice(index + 1), position]);
}

export async function deleteEvent(ledger: LedgerUnderTest, position: number): Promise<void> {
  await ledger.sql.disableGuards();
  await ledger.sql.run('DELETE FROM ledger_events WHERE global_position = ?', [position]);
}

export async function deleteFrom(ledger: LedgerUnderTest, position: number): Promise<void> {
  await ledger.sql.disableGuards();
  await ledger.sql.run('DELETE FROM ledger_events WHERE global_position >= ?', [position]);
}

/** Swaps the global positions of two rows (i.e. their places in the log). */
export async function swapPositions(ledger: LedgerUnderTest, a: number, b: number): Promise<void> {
  await ledger.sql.disableGuards();
  await ledger.sql.run('UPDATE ledger_events SET global_position = ? WHERE global_position = ?', [-1, a]);
  await ledger.sql.run('UPDATE ledger_events SET global_position = ? WHERE global_position = ?', [a, b]);
  await ledger.sql.run('UPDATE ledger_events SET global_position = ? WHERE global_position = ?', [b, -1]);
}

/** Makes room at `position + 1` by moving every later row one place up. */
export async function openGapAfter(ledger: LedgerUnderTest, position: number): Promise<void> {
  await ledger.sql.disableGuards();
  await ledger.sql.run('UPDATE ledger_events SET global_position = global_position + 1000000 WHERE global_position > ?', [position]);
  await ledger.sql.run('UPDATE ledger_events SET global_position = global_position - 999999 WHERE global_position > 1000000', []);
}

type EventFields = Omit<RecordedEvent, 'globalPosition' | 'hash'> & { hash?: string };

/** Inserts an event row as the adapters store it; `hash` defaults to the correct one. */
export async function insertEventRow(ledger: LedgerUnderTest, position: number, event: EventFields): Promise<void> {
  await ledger.sql.insertEvent({
    global_position: position,
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
    data: JSON.stringify(event.data),
    hash: event.hash ?? computeEventHash(event),
    previous_hash: event.previousHash,
  });
}

/**
 * Rewrites a stream from `fromRevision` on as a careful forger would: `change` edits an event's
 * data, then every hash and previousHash from there on is recomputed so the chain holds again.
 * Only a signed checkpoint can still tell.
 */
export async function rewriteStream(ledger: LedgerUnderTest, stream: string, fromRevision: number, change: (data: any) => unknown): Promise<void> {
  await ledger.sql.disableGuards();
  const events = await ledger.store.readStream(stream);
  let previousHash = fromRevision === 0 ? undefined : events[fromRevision - 1].hash;
  for (const event of events.slice(fromRevision)) {
    const data = event.revision === fromRevision ? change(structuredClone(event.data)) : event.data;
    const rewritten = { ...event, data, previousHash: previousHash ?? event.previousHash };
    const hash = computeEventHash(rewritten);
    await ledger.sql.run('UPDATE ledger_events SET data = ?, hash = ?, previous_hash = ? WHERE global_position = ?', [JSON.stringify(data), hash, rewritten.previousHash, event.globalPosition]);
    previousHash = hash;
  }
}
