import type { EventStore, RecordedEvent } from '@ledger/event-store/event-store.port';
import { assertValidStreamName } from '@ledger/event-store/stream-name';
import { StreamChains } from '../verify/stream-chains';

/** One line of a stream's history as an auditor reads it. */
export interface TimelineEntry {
  recordedAt: string;
  occurredAt: string;
  revision: number;
  globalPosition: number;
  type: string;
  actor: { officerId: string; agencyId: string };
  /** The event's key fields: ids, kinds, statuses, reasons; personal data shown only as its category. */
  keyFields: Record<string, string>;
  /** What is wrong with this event's link in the hash chain, or null when it holds. */
  chainProblem: string | null;
  data: unknown;
}

/** Reads a stream and turns it into a timeline, checking each hash-chain link on the way. */
export async function replayStream(store: EventStore, stream: string): Promise<TimelineEntry[]> {
  assertValidStreamName(stream);
  const chains = new StreamChains();
  return (await store.readStream(stream)).map((event) => {
    const finding = chains.check(event);
    return {
      recordedAt: event.recordedAt,
      occurredAt: event.occurredAt,
      revision: event.revision,
      globalPosition: event.globalPosition,
      type: event.type,
      actor: event.actor,
      keyFields: keyFieldsOf(event),
      chainProblem: finding ? `${finding.kind}: ${finding.message}` : null,
      data: event.data,
    };
  });
}

const LONG_TEXT = 80;

/**
 * The fields worth a glance: short scalars and id lists at the top level. A personal-data field
 * ({category, value}) shows only its category, so a replay on a shared screen does not spill
 * identities; the full data is in `data` for whoever asks for it.
 */
export function keyFieldsOf(event: Pick<RecordedEvent, 'data'>): Record<string, string> {
  const fields: Record<string, string> = {};
  const data = event.data;
  if (typeof data !== 'object' || data === null) return fields;
  for (const [name, value] of Object.entries(data as Record<string, unknown>)) {
    if (typeof value === 'string') fields[name] = value.length > LONG_TEXT ? `${value.slice(0, LONG_TEXT - 1)}…` : value;
    else if (typeof value === 'number' || typeof value === 'boolean') fields[name] = String(value);
    else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) fields[name] = value.join(',');
    else if (isPersonalField(value)) fields[name] = `[${value.category}]`;
    else if (name === 'markings' && typeof value === 'object' && value !== null) fields[name] = describeMarkings(value as Record<string, unknown>);
  }
  return fields;
}

function isPersonalField(value: unknown): value is { category: string; value: unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { category?: unknown }).category === 'string' && 'value' in value;
}

function describeMarkings(markings: Record<string, unknown>): string {
  const parts = [`TLP:${String(markings.tlp)}`];
  if (Array.isArray(markings.handling) && markings.handling.length > 0) parts.push(markings.handling.join('+'));
  return parts.join(' ');
}

/** Plain-text timeline: one line per event — time, revision, type, actor, key fields — and any chain problem. */
export function formatTimeline(stream: string, entries: TimelineEntry[], options: { showData?: boolean } = {}): string {
  if (entries.length === 0) return `${stream}: no events\n`;
  const typeWidth = Math.max(...entries.map((e) => e.type.length));
  const lines = [`${stream}: ${entries.length} event(s)`];
  for (const entry of entries) {
    const actor = `${entry.actor.officerId}@${entry.actor.agencyId}`;
    const fields = Object.entries(entry.keyFields)
      .map(([name, value]) => `${name}=${/\s/.test(value) ? JSON.stringify(value) : value}`)
      .join(' ');
    const occurred = entry.occurredAt !== entry.recordedAt ? ` (occurred ${entry.occurredAt})` : '';
    lines.push(`${entry.recordedAt}  r${String(entry.revision).padEnd(4)} ${entry.type.padEnd(typeWidth)}  ${actor}  ${fields}${occurred}`);
    if (options.showData) lines.push(`    ${JSON.stringify(entry.data)}`);
    if (entry.chainProblem) lines.push(`    !! ${entry.chainProblem}`);
  }
  return `${lines.join('\n')}\n`;
}
