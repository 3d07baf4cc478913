/**
 * TEST DOUBLE — never shipped, never used outside tests.
 *
 * An in-process gRPC server that speaks the part of EventStoreDB's client protocol the ledger's
 * EventStoreDB adapter uses (Streams: Append and Read incl. $all reads and filtered subscriptions;
 * Gossip, for discovery connection strings), so that the real `@eventstore/db-client` runs
 * against it over a real socket. It is NOT EventStoreDB: it keeps its log in memory, has one
 * node, no security and no persistence beyond the life of the test process.
 *
 * It listens on 127.0.0.1 on a random port without TLS (`connectionString`). `stop()` drops every
 * connection at once, like a crashed server; `start()` again listens on the same port with the
 * same log, like a restarted server.
 */
import * as grpc from '@grpc/grpc-js';
import { EsdbLog } from './esdb-log';
import { gossipServiceImplementation, GossipService } from './gossip-service';
import { StreamsService, streamsServiceImplementation, SubscriptionRegistry } from './streams-service';

export interface EsdbTestDoubleOptions {
  /** Log position of the first record; a large value exercises big positions in clients. */
  firstLogPosition?: bigint;
  /** The server's MaxAppendSize in bytes (EventStoreDB's default is 1 MiB). */
  maxAppendSize?: number;
}

export class EsdbTestDouble {
  readonly log: EsdbLog;
  private server: grpc.Server | undefined;
  private boundPort = 0;
  private readonly subscriptions = new SubscriptionRegistry();
  private readonly instanceId = crypto.randomUUID();

  constructor(options: EsdbTestDoubleOptions = {}) {
    this.log = new EsdbLog(options);
  }

  /** Starts listening: on a random free port the first time, on the same port after a stop. */
  async start(): Promise<void> {
    if (this.server) throw new Error('the EventStoreDB test double is already running');
    const server = new grpc.Server({ 'grpc.max_receive_message_length': 64 * 1024 * 1024 });
    server.addService(StreamsService, streamsServiceImplementation(this.log, this.subscriptions));
    server.addService(GossipService, gossipServiceImplementation(() => ({ address: '127.0.0.1', port: this.boundPort }), this.instanceId));
    this.boundPort = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${this.boundPort}`, grpc.ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
    );
    this.server = server;
  }

  /** Drops every connection and stops listening; the log is kept for a later `start()`. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.forceShutdown();
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  get port(): number {
    if (!this.boundPort) throw new Error('the EventStoreDB test double has not been started');
    return this.boundPort;
  }

  /** A connection string the client accepts for this double (insecure, single node). */
  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** A discovery connection string: the client asks the double's Gossip service for the leader. */
  get discoveryConnectionString(): string {
    return `esdb+discover://127.0.0.1:${this.port}?tls=false&discoveryInterval=50&maxDiscoverAttempts=3`;
  }

  /** Number of $all subscriptions currently open on the double. */
  get openSubscriptions(): number {
    return this.subscriptions.size;
  }

  /** Number of $all subscriptions ever opened on the double (a reconnecting client opens new ones). */
  get subscriptionsOpened(): number {
    return this.subscriptions.totalOpened;
  }
}
