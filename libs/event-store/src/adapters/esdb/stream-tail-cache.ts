import type { RecordedEvent } from '../../event-store.port';

export interface CommandPositions {
  /** Positions of the command's events, in revision order. */
  positions: Array<{ eventId: string; revision: number; globalPosition: number }>;
}

/**
 * What the adapter knows about one stream's history: its last event (for the hash chain) and
 * which command ids it already holds (for idempotent retries). Events are never changed or
 * removed, so this knowledge can only be incomplete, never wrong: a write pinned to
 * `knownRevision` succeeds only if nothing newer exists, and otherwise the adapter reads just
 * the events newer than `knownRevision`.
 */
export class StreamTail {
  /** False until the stream has been read once (an unread stream may exist with any history). */
  loaded = false;
  knownRevision = -1;
  last: RecordedEvent | undefined;
  private readonly commands = new Map<string, CommandPositions>();

  /** Adds events newer than `knownRevision`, in any order; older ones are ignored. */
  learn(events: RecordedEvent[]): void {
    const fresh = events.filter((event) => event.revision > this.knownRevision).sort((a, b) => a.revision - b.revision);
    for (const event of fresh) {
      const entry = this.commands.get(event.commandId) ?? { positions: [] };
      entry.positions.push({ eventId: event.eventId, revision: event.revision, globalPosition: event.globalPosition });
      this.commands.set(event.commandId, entry);
      this.knownRevision = event.revision;
      this.last = event;
    }
  }

  command(commandId: string): CommandPositions | undefined {
    return this.commands.get(commandId);
  }
}

/** A bounded, least-recently-used map of stream tails. */
export class StreamTailCache {
  private readonly tails = new Map<string, StreamTail>();

  constructor(private readonly maxStreams: number) {}

  get(stream: string): StreamTail {
    let tail = this.tails.get(stream);
    if (tail) {
      this.tails.delete(stream);
    } else {
      tail = new StreamTail();
    }
    this.tails.set(stream, tail);
    while (this.tails.size > this.maxStreams) {
      const oldest = this.tails.keys().next().value as string;
      this.tails.delete(oldest);
    }
    return tail;
  }
}
