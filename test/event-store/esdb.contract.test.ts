/**
 * The shared event store contract, run against the EventStoreDB adapter:
 * - always, with the real `@eventstore/db-client` talking over a socket to the in-process gRPC
 *   test double (test/esdb-double), one fresh double per store;
 * - and, when EVENTSTORE_CONNECTION_STRING names a real server (e.g.
 *   `esdb://127.0.0.1:2113?tls=false`), against that server too, each store in its own
 *   `ledgerNamespace` so that it starts empty on a shared server.
 *
 * The cross-process tests run fixtures/appender.js in a child process against the same URL. For
 * the double, "durable" means what it means for a client of any server: an append the server
 * acknowledged is still there after the appending process is killed (the double's log lives in
 * this test process, which the kill does not touch). The server's own crash-safety is EventStoreDB's
 * business and can only be checked against a real server.
 */
import { randomBytes } from 'node:crypto';
import { openEsdbEventStore } from '@ledger/event-store/adapters/esdb';
import type { EventStore } from '@ledger/event-store';
import { EsdbTestDouble } from '../esdb-double';
import { describeEventStoreContract } from './event-store.contract';

/**
 * EventStoreDB's default MaxAppendSize (1 MiB) bounds a whole append, envelope metadata included,
 * so with a server on default settings one event's data gets a little less than 1 MiB.
 */
const MAX_EVENT_BYTES = 1024 * 1024 - 16 * 1024;

const doubles: EsdbTestDouble[] = [];
const doubleUrls = new Map<EventStore, string>();

describeEventStoreContract('EventStoreDB via the gRPC test double', {
  async open() {
    const double = new EsdbTestDouble();
    await double.start();
    doubles.push(double);
    const store = await openEsdbEventStore(double.connectionString, { maxEventBytes: MAX_EVENT_BYTES });
    doubleUrls.set(store, double.connectionString);
    return store;
  },
  urlOf(store) {
    return doubleUrls.get(store)!;
  },
  maxEventBytes: MAX_EVENT_BYTES,
  async cleanup() {
    await Promise.all([...doubleUrls.keys()].map((store) => store.close()));
    await Promise.all(doubles.map((double) => double.stop()));
  },
});

const realServer = process.env.EVENTSTORE_CONNECTION_STRING;
const realUrls = new Map<EventStore, string>();

if (realServer) {
  describeEventStoreContract('EventStoreDB server at EVENTSTORE_CONNECTION_STRING', {
    async open() {
      const url = `${realServer}${realServer.includes('?') ? '&' : '?'}ledgerNamespace=contract_${randomBytes(6).toString('hex')}`;
      const store = await openEsdbEventStore(url, { maxEventBytes: MAX_EVENT_BYTES });
      realUrls.set(store, url);
      return store;
    },
    urlOf(store) {
      return realUrls.get(store)!;
    },
    maxEventBytes: MAX_EVENT_BYTES,
    async cleanup() {
      await Promise.all([...realUrls.keys()].map((store) => store.close()));
    },
  });
} else {
  describe('event store contract: EventStoreDB server at EVENTSTORE_CONNECTION_STRING', () => {
    it.skip('runs only when EVENTSTORE_CONNECTION_STRING names a server', () => undefined);
  });
}
