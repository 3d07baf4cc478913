/**
 * TEST DOUBLE — never shipped, never used outside tests.
 *
 * The in-memory transaction log behind the EventStoreDB gRPC test double. It imitates the parts of
 * EventStoreDB's behaviour that a client can observe:
 * - every event is one record of the log at a byte offset ("log position"); positions grow by the
 *   record's size, so they are large and not contiguous, as on a real server;
 * - an event written through gRPC is self-committed, so its $all position is
 *   (commit = prepare = its log position);
 * - expected-revision checks and idempotence on event ids follow the server's commit check
 *   (EventStore.Core IndexWriter.CheckCommit): a write whose ids are already stored at the
 *   expected place succeeds without writing anything; a partial match is a wrong expected version;
 * - $all reads accept only positions that point at a record (or the end of the log), like servers
 *   that validate read positions; a made-up position is an "invalid position" error.
 * The real server keeps recently committed event ids in a bounded cache; the double remembers all
 * of them, which is a superset of what a client may rely on.
 */

export type ExpectedState =
  | { kind: 'revision'; revision: bigint }
  | { kind: 'no_stream' }
  | { kind: 'any' }
  | { kind: 'stream_exists' };

export interface ProposedEvent {
  eventId: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
}

export interface StoredEvent extends ProposedEvent {
  stream: string;
  revision: bigint;
  logPosition: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, as the server reports `created`. */
  createdTicks: bigint;
}

export type AppendOutcome =
  | { result: 'written' | 'idempotent'; currentRevision: bigint; position: bigint }
  | { result: 'wrong_expected_version'; currentRevision: bigint | 'no_stream' };

/** A server-side $all filter: on the stream name or on the event type, by regex or by prefixes. */
export interface AllFilter {
  on: 'stream' | 'event_type';
  regex?: RegExp;
  prefixes?: string[];
}

export type AllFrom = 'start' | 'end' | bigint;

/** Bytes a prepare record costs besides its variable parts (header, length prefix and suffix). */
const RECORD_OVERHEAD = 112;

export class InvalidPositionError extends Error {
  constructor(readonly commit: bigint, readonly prepare: bigint) {
    super(`Invalid position C:${commit}/P:${prepare}`);
  }
}

export class MaxAppendSizeExceededError extends Error {
  constructor(readonly maxAppendSize: number) {
    super(`Maximum Append Size of ${maxAppendSize} Exceeded.`);
  }
}

export class EsdbLog {
  /** Every event in log order (ascending log position). */
  private readonly events: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly byEventId = new Map<string, StoredEvent>();
  private readonly appendListeners = new Set<() => void>();
  private endOfLog: bigint;

  constructor(
    options: {
      /** Log position of the first record; a large value exercises big positions in clients. */
      firstLogPosition?: bigint;
      /** The server's `MaxAppendSize` (bytes of data + metadata + 2 × type length per write); 1 MiB by default, like EventStoreDB. */
      maxAppendSize?: number;
    } = {},
  ) {
    this.endOfLog = options.firstLogPosition ?? 0n;
    this.maxAppendSize = options.maxAppendSize ?? 1024 * 1024;
    // A fresh server writes a few system events before any user event.
    this.appendSystemEvent('$users', '$User', { loginName: 'admin' });
    this.appendSystemEvent('$user-admin', '$UserCreated', { loginName: 'admin', fullName: 'Event Store Administrator' });
    this.appendSystemEvent('$settings', '$settings', { $userStreamAcl: { $r: '$all' } });
  }

  readonly maxAppendSize: number;

  /** Writes an event the way the server's own subsystems do (stats, projections, users). */
  appendSystemEvent(stream: string, type: string, data: unknown): StoredEvent {
    const outcome = this.append(stream, { kind: 'any' }, [
      { eventId: crypto.randomUUID(), type, contentType: 'application/json', data: Buffer.from(JSON.stringify(data)), customMetadata: new Uint8Array() },
    ]);
    if (outcome.result !== 'written') throw new Error(`system event to ${stream} was not written`);
    return this.events[this.events.length - 1];
  }

  /** Registers a callback run after every successful write; returns the unregister function. */
  onAppend(listener: () => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  append(stream: string, expected: ExpectedState, proposed: ProposedEvent[]): AppendOutcome {
    const size = proposed.reduce((sum, e) => sum + e.data.length + e.customMetadata.length + 2 * e.type.length, 0);
    if (size > this.maxAppendSize) throw new MaxAppendSizeExceededError(this.maxAppendSize);

    const existing = this.streams.get(stream) ?? [];
    const current = existing.length - 1; // -1: no stream
    const decision = this.checkCommit(stream, existing, expected, proposed);
    if (decision.kind === 'wrong') return { result: 'wrong_expected_version', currentRevision: current < 0 ? 'no_stream' : BigInt(current) };
    if (decision.kind === 'idempotent') {
      const last = existing[decision.lastRevision];
      return { result: 'idempotent', currentRevision: BigInt(decision.lastRevision), position: last.logPosition };
    }
    if (proposed.length === 0) {
      return { result: 'written', currentRevision: BigInt(current), position: this.endOfLog };
    }

    const createdTicks = BigInt(Date.now()) * 10_000n;
    const written: StoredEvent[] = proposed.map((event, index) => {
      const stored: StoredEvent = {
        ...event,
        stream,
        revision: BigInt(current + 1 + index),
        logPosition: this.endOfLog,
        createdTicks,
      };
      this.endOfLog += BigInt(RECORD_OVERHEAD + Buffer.byteLength(stream) + Buffer.byteLength(event.type) + event.data.length + event.customMetadata.length);
      return stored;
    });
    this.events.push(...written);
    this.streams.set(stream, existing.concat(written));
    for (const event of written) this.byEventId.set(event.eventId, event);
    const last = written[written.length - 1];
    for (const listener of [...this.appendListeners]) listener();
    return { result: 'written', currentRevision: last.revision, position: last.logPosition };
  }

  /** EventStoreDB's commit check, reduced to what a single-node log without deletes needs. */
  private checkCommit(
    stream: string,
    existing: StoredEvent[],
    expected: ExpectedState,
    proposed: ProposedEvent[],
  ): { kind: 'ok' } | { kind: 'wrong' } | { kind: 'idempotent'; lastRevision: number } {
    const current = existing.length - 1;
    if (expected.kind === 'stream_exists' && current < 0) return { kind: 'wrong' };
    if (expected.kind === 'any' || expected.kind === 'stream_exists') {
      let lastRevision = -1;
      for (const [index, event] of proposed.entries()) {
        const known = this.byEventId.get(event.eventId);
        if (!known || known.stream !== stream) return index === 0 ? { kind: 'ok' } : { kind: 'wrong' };
        lastRevision = Number(known.revision);
      }
      return lastRevision < 0 ? { kind: 'ok' } : { kind: 'idempotent', lastRevision };
    }
    const expectedRevision = expected.kind === 'no_stream' ? -1 : Number(expected.revision);
    if (expectedRevision === current) return { kind: 'ok' };
    if (expectedRevision > current || proposed.length === 0) return { kind: 'wrong' };
    // The stream moved past the expected revision: the same ids at the expected place are a retry.
    for (const [index, event] of proposed.entries()) {
      const atPlace = existing[expectedRevision + 1 + index];
      if (!atPlace || atPlace.eventId !== event.eventId) return { kind: 'wrong' };
    }
    return { kind: 'idempotent', lastRevision: expectedRevision + proposed.length };
  }

  streamExists(stream: string): boolean {
    return this.streams.has(stream);
  }

  readStream(stream: string, direction: 'forwards' | 'backwards', from: 'start' | 'end' | bigint, count: bigint): StoredEvent[] {
    const events = this.streams.get(stream) ?? [];
    const out: StoredEvent[] = [];
    if (direction === 'forwards') {
      const start = from === 'start' ? 0 : from === 'end' ? events.length : Number(from);
      for (let i = start; i < events.length && BigInt(out.length) < count; i++) out.push(events[i]);
    } else {
      const start = from === 'end' ? events.length - 1 : from === 'start' ? 0 : Math.min(Number(from), events.length - 1);
      for (let i = start; i >= 0 && BigInt(out.length) < count; i--) out.push(events[i]);
    }
    return out;
  }

  /**
   * $all read. Forwards the position is inclusive (a record's pre-position); backwards it is
   * exclusive (events strictly before it), as on the server.
   */
  readAll(direction: 'forwards' | 'backwards', from: AllFrom, count: bigint, filter?: AllFilter): StoredEvent[] {
    const out: StoredEvent[] = [];
    if (direction === 'forwards') {
      let index = from === 'start' ? 0 : from === 'end' ? this.events.length : this.indexAtOrAfter(from);
      for (; index < this.events.length && BigInt(out.length) < count; index++) {
        if (matchesFilter(this.events[index], filter)) out.push(this.events[index]);
      }
    } else {
      let index = from === 'end' ? this.events.length - 1 : from === 'start' ? -1 : this.indexAtOrAfter(from) - 1;
      for (; index >= 0 && BigInt(out.length) < count; index--) {
        if (matchesFilter(this.events[index], filter)) out.push(this.events[index]);
      }
    }
    return out;
  }

  /** The first event strictly after `position` ('start': the first event). */
  firstEventAfter(position: 'start' | bigint): StoredEvent | undefined {
    if (position === 'start') return this.events[0];
    const index = this.indexAtOrAfter(position);
    const candidate = this.events[index];
    if (candidate && candidate.logPosition === position) return this.events[index + 1];
    return candidate;
  }

  /** The position a subscription "from the end" starts after: the last record, if any. */
  lastPosition(): 'start' | bigint {
    const last = this.events[this.events.length - 1];
    return last ? last.logPosition : 'start';
  }

  /** Throws unless (commit, prepare) points at a record or at the end of the log. */
  assertValidPosition(commit: bigint, prepare: bigint): void {
    const atRecord = this.events[this.indexAtOrAfter(commit)]?.logPosition === commit;
    if (commit !== prepare || !(atRecord || commit === this.endOfLog)) throw new InvalidPositionError(commit, prepare);
  }

  /** Number of events of every kind, system ones included. */
  get eventCount(): number {
    return this.events.length;
  }

  /** All events in log order (for assertions in tests of the double itself). */
  allEvents(): readonly StoredEvent[] {
    return this.events;
  }

  private indexAtOrAfter(position: bigint): number {
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.events[mid].logPosition < position) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

export function matchesFilter(event: StoredEvent, filter: AllFilter | undefined): boolean {
  if (!filter) return true;
  const subject = filter.on === 'stream' ? event.stream : event.type;
  if (filter.regex) return filter.regex.test(subject);
  return (filter.prefixes ?? []).some((prefix) => subject.startsWith(prefix));
}
