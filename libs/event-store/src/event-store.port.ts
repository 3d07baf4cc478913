/**
 * The event store port: the one interface every storage adapter (SQLite, PostgreSQL,
 * EventStoreDB) implements. Everything above the store — command handlers, the projector,
 * the audit tools — depends on this file only, never on an adapter.
 *
 * Conventions
 * - A stream is named `<aggregate>-<id>` (see `stream-name.ts`); revisions inside a stream start at 0.
 * - Global positions are positive integers, strictly increasing in commit order across the
 *   whole store. They need not be contiguous (EventStoreDB's are not), so callers compare them,
 *   never count them. A reader resumes with `fromPosition = lastSeen + 1`.
 * - Events are never updated or deleted.
 */

/** What the appender believes the stream's current revision is. */
export type ExpectedRevision =
  | number /** the revision of the stream's last event */
  | 'no_stream' /** the stream must not exist yet */
  | 'stream_exists' /** the stream must have at least one event */
  | 'any'; /** no check */

/** Who caused an event: the acting officer and the agency they act for. */
export interface Actor {
  officerId: string;
  agencyId: string;
}

/** Metadata shared by all events of one append (one command). */
export interface AppendContext {
  actor: Actor;
  /** Id of the command that produced the events; a second append with the same id in the same stream is a no-op. */
  commandId: string;
  /** Id of the end-to-end operation this command belongs to. */
  correlationId: string;
  /** Id of the message (command or event) that directly caused this command; defaults to commandId. */
  causationId?: string;
}

/** One event as a command handler hands it to the store. */
export interface NewEvent<T = unknown> {
  type: string;
  /** Schema version of `data`, starting at 1. */
  schemaVersion?: number;
  data: T;
  /** Defaults to a random UUID. */
  eventId?: string;
  /** When the fact happened in the world (ISO-8601); defaults to recordedAt. */
  occurredAt?: string;
}

/** The envelope every stored event carries (DESIGN.md, "Events"). */
export interface EventEnvelope {
  eventId: string;
  type: string;
  schemaVersion: number;
  stream: string;
  revision: number;
  globalPosition: number;
  /** ISO-8601 with milliseconds, UTC. */
  occurredAt: string;
  /** ISO-8601 with milliseconds, UTC; set by the store. */
  recordedAt: string;
  actor: Actor;
  commandId: string;
  correlationId: string;
  causationId: string;
  /** SHA-256 (hex) of this event chained to the previous event of the same stream; see `hash-chain.ts`. */
  hash: string;
  /** The previous event's hash in this stream, or the genesis value for revision 0. */
  previousHash: string;
}

export interface RecordedEvent<T = unknown> extends EventEnvelope {
  data: T;
}

export interface AppendResult {
  /** Revision of the stream's last event after the append (pass it as the next expected revision). */
  nextExpectedRevision: number;
  /** Position of each appended event, in order. */
  positions: Array<{ eventId: string; revision: number; globalPosition: number }>;
  /** True when the command id was already recorded: nothing was written, the original result is returned. */
  idempotentReplay: boolean;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** First revision to return (inclusive). Defaults to 0 forwards, the last revision backwards. */
  from?: number;
  direction?: Direction;
  limit?: number;
}

export interface AllFilter {
  /** Keep only these event types. */
  eventTypes?: string[];
  /** Keep only streams whose name starts with one of these prefixes, e.g. `case-`. */
  streamPrefixes?: string[];
}

export interface ReadAllOptions {
  /** First global position to return (inclusive). Defaults to the beginning (forwards) or the end (backwards). */
  fromPosition?: number;
  direction?: Direction;
  limit?: number;
  filter?: AllFilter;
}

export interface SubscribeOptions {
  /** First global position to deliver (inclusive); defaults to the beginning. */
  fromPosition?: number;
  filter?: AllFilter;
}

/**
 * A catch-up subscription: yields every stored event from `fromPosition` on in global order,
 * then keeps yielding new events as they are committed; no gap, no duplicate.
 * `stop()` ends the iteration cleanly (a pending `next()` resolves with `done: true`).
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  stop(): Promise<void>;
}

export interface EventStore {
  /** Appends atomically: all events or none. */
  append(stream: string, events: NewEvent[], expectedRevision: ExpectedRevision, context: AppendContext): Promise<AppendResult>;
  /** Returns [] for a stream that does not exist. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /** Global position of the last committed event, or 0 on an empty store. */
  headPosition(): Promise<number>;
  close(): Promise<void>;
}
