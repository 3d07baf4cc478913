import { checkChainLink, type EventStore, type RecordedEvent } from '@ledger/event-store';

/** An event as an auditor reads it: as stored, plus what is wrong with its hash-chain link. */
export interface AuditedEvent extends RecordedEvent {
  chainProblem: string | null;
}

export interface StreamHistoryPage {
  stream: string;
  lastRevision: number;
  events: AuditedEvent[];
  nextFrom: number | null;
}

/**
 * One page of a stream, oldest first, from revision `from`; null when the stream has no events.
 * The revision before the page is read too, so the first event's link is checked like the others.
 */
export async function readStreamHistory(store: EventStore, stream: string, from: number, limit: number): Promise<StreamHistoryPage | null> {
  const [last] = await store.readStream(stream, { direction: 'backwards', limit: 1 });
  if (last === undefined) return null;
  const start = Math.max(0, from - 1);
  const read = await store.readStream(stream, { from: start, limit: limit + 1 + (from - start) });
  let previous: RecordedEvent | undefined = from > 0 && read[0]?.revision === from - 1 ? read[0] : undefined;
  const page = read.filter((event) => event.revision >= from);
  const events = page.slice(0, limit).map((event) => {
    const audited: AuditedEvent = { ...event, chainProblem: checkChainLink(event, previous) };
    previous = event;
    return audited;
  });
  return { stream, lastRevision: last.revision, events, nextFrom: page.length > limit ? events[events.length - 1].revision + 1 : null };
}

/** The case or clue a stream holds, for the access log: `case-<id>` and `clue-<id>` only. */
export function entityOfStream(stream: string): { type: 'CASE' | 'CLUE'; id: string } | null {
  if (stream.startsWith('case-')) return { type: 'CASE', id: stream.slice('case-'.length) };
  if (stream.startsWith('clue-')) return { type: 'CLUE', id: stream.slice('clue-'.length) };
  return null;
}
