/** TEST DOUBLE — never shipped. The EventStoreDB gRPC test double and its in-memory log. */
export { EsdbTestDouble, EsdbTestDoubleOptions } from './esdb-test-double';
export { EsdbLog, StoredEvent } from './esdb-log';
