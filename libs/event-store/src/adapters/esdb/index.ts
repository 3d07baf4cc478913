import { EventStoreDBClient } from '@eventstore/db-client';
import { EventStoreConfigError } from '../../errors';
import type { EventStore } from '../../event-store.port';
import { EsdbEventStore, type EsdbEventStoreOptions } from './esdb-event-store';
import { splitConnectionString } from './stream-namespace';

export { EsdbEventStore };
export type { EsdbEventStoreOptions };

/**
 * Opens the event store on EventStoreDB (22.10 or later). `url` is any connection string the
 * client accepts — `esdb://host:2113?tls=false`, TLS with `tlsCAFile=…`, several nodes
 * `esdb://a:2113,b:2113,c:2113`, gossip discovery `esdb+discover://cluster.example:2113`,
 * credentials in the user-info part — plus, optionally, `ledgerNamespace=<name>` to keep this
 * ledger's streams apart from other ledgers on the same cluster. The server is contacted once
 * before this resolves, so an unreachable server fails here with StoreUnavailableError.
 */
export async function openEsdbEventStore(url: string, options: EsdbEventStoreOptions = {}): Promise<EventStore> {
  const { clientConnectionString, namespace } = splitConnectionString(url);
  let client: EventStoreDBClient;
  try {
    client = EventStoreDBClient.connectionString(clientConnectionString);
  } catch (error) {
    // The parser's message names the offending part without repeating the string (which may hold a password).
    throw new EventStoreConfigError(`invalid EventStoreDB connection string: ${(error as Error).message}`, error);
  }
  const store = new EsdbEventStore(client, { ...options, namespace: options.namespace ?? namespace });
  try {
    await store.headPosition();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
