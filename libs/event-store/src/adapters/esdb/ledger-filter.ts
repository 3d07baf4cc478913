import { eventTypeFilter, streamNameFilter, type Filter } from '@eventstore/db-client';
import { matchesFilter, type EventFilter } from '../../read-options';
import type { StreamNamespace } from './stream-namespace';

/**
 * Which $all events belong to the ledger, and how much of that the server can decide.
 *
 * The server evaluates one expression per request, on the stream name or on the event type. The
 * adapter sends the most selective one it has — the stream prefixes if any, else the event types,
 * else "ledger stream names only" — and checks the full predicate on each event it receives, so
 * system events (`$`-prefixed streams and types, e.g. `$stats-…`, `$$case-1`, `$ce-case`,
 * `$metadata`) and other applications' streams never reach a reader even when one expression
 * cannot say it all.
 */

/** Ledger stream names are `<aggregate>-<id>` (stream-name.ts); system streams start with `$`. */
const LEDGER_STREAM = /^[a-z][a-z0-9]*-[A-Za-z0-9]/;
const LEDGER_STREAM_PATTERN = LEDGER_STREAM.source.slice(1);

export interface ServerFilter {
  on: 'stream' | 'event_type';
  regex: string;
}

export function serverFilterFor(filter: EventFilter | undefined, namespace: StreamNamespace): ServerFilter {
  if (filter?.streamPrefixes) return { on: 'stream', regex: namespace.streamRegex(`(?:${filter.streamPrefixes.map(escapeRegex).join('|')})`) };
  if (filter?.eventTypes) return { on: 'event_type', regex: `^(?:${filter.eventTypes.map(escapeRegex).join('|')})$` };
  return { on: 'stream', regex: namespace.streamRegex(LEDGER_STREAM_PATTERN) };
}

/** The same filter in the client's subscription form. */
export function subscriptionFilterFor(filter: EventFilter | undefined, namespace: StreamNamespace): Filter {
  const server = serverFilterFor(filter, namespace);
  return server.on === 'stream' ? streamNameFilter({ regex: server.regex }) : eventTypeFilter({ regex: server.regex });
}

/** The complete predicate, applied to every event the server sends. */
export function isWantedLedgerEvent(esdbStream: string, type: string, filter: EventFilter | undefined, namespace: StreamNamespace): boolean {
  const stream = namespace.fromEsdb(esdbStream);
  if (stream === undefined || !LEDGER_STREAM.test(stream) || type.startsWith('$')) return false;
  return matchesFilter({ stream, type }, filter);
}

/** Escapes a literal for both JavaScript and .NET regular expressions (the server is .NET). */
function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
