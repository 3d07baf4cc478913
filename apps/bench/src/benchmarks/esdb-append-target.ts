import { randomBytes } from 'node:crypto';
import { EventStoreDBClient, jsonEvent, NO_STREAM } from '@eventstore/db-client';
import { openEventStore } from '@ledger/event-store';
import type { BenchContext } from '../registry';
import type { RawRow, Target } from './append.benchmark';

/**
 * The EventStoreDB rows of the append benchmark, measured only against a real server named by
 * EVENTSTORE_CONNECTION_STRING (the in-process test double would measure nothing useful).
 *
 * The adapter writes into a fresh `ledgerNamespace` per measurement, so it starts empty on a
 * shared server. The ceiling is the plain `@eventstore/db-client` appending the same events —
 * same data, the same envelope metadata, one append per command, expected revision pinned —
 * with none of the adapter's work around it (expected-revision and command-id checks, hash chain,
 * reading the positions back). Both leave their streams on the server, under `bench_…` names.
 */
export function esdbAppendTarget(context: BenchContext): Target | undefined {
  const server = process.env.EVENTSTORE_CONNECTION_STRING;
  if (!server) {
    context.note('EVENTSTORE_CONNECTION_STRING is not set; skipping the eventstoredb variants');
    return undefined;
  }
  const separator = server.includes('?') ? '&' : '?';
  const fresh = (kind: string) => `bench_${kind}_${randomBytes(5).toString('hex')}`;
  return {
    name: 'eventstoredb',
    adapter: () => openEventStore(`${server}${separator}ledgerNamespace=${fresh('store')}`),
    async ceiling() {
      const client = EventStoreDBClient.connectionString(server);
      const namespace = fresh('ceiling');
      // The revision each ceiling stream is at, as the adapter would know it from its own writes.
      const revisions = new Map<string, bigint>();
      return {
        insert: async (rows: RawRow[]) => {
          const stream = `${namespace}.${rows[0][0]}`;
          const events = rows.map((row) =>
            jsonEvent({
              id: row[2],
              type: row[3],
              data: JSON.parse(row[12]) as Record<string, unknown>,
              metadata: {
                schemaVersion: row[4],
                occurredAt: row[5],
                recordedAt: row[6],
                actor: { officerId: row[7], agencyId: row[8] },
                commandId: row[9],
                correlationId: row[10],
                causationId: row[11],
                hash: row[13],
                previousHash: row[14],
              },
            }),
          );
          const result = await client.appendToStream(stream, events, { expectedRevision: revisions.get(stream) ?? NO_STREAM });
          revisions.set(stream, result.nextExpectedRevision);
        },
        close: () => client.dispose(),
      };
    },
    dispose: async () => undefined,
  };
}
