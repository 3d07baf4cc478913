import type { EventStore, ExpectedRevision, RecordedEvent } from '@ledger/event-store';

/** Where a stream ended when it was read. */
export interface StreamPosition {
  revision: number;
  globalPosition: number;
}

/** A stream read and folded into its aggregate's state. */
export interface LoadedStream<State> {
  stream: string;
  state: State;
  /** The events read by this load: the whole stream, or only those after a cached state. */
  tail: RecordedEvent[];
  /** The stream's last event, if any. */
  last?: StreamPosition;
  /** What to pass as expected revision when appending after this read. */
  expectedRevision: ExpectedRevision;
}

export interface Folding<State, Event> {
  evolve(state: State, event: Event): State;
  initialState(): State;
}

interface CachedState {
  state: unknown;
  last: StreamPosition;
}

/**
 * Folded aggregate states, least recently used dropped first. A load reads only the events after
 * the cached revision, so it is as current as a full read; states are immutable (evolve never
 * mutates), so sharing them between concurrent commands is safe.
 */
export class StreamStateCache {
  private readonly entries = new Map<string, CachedState>();

  constructor(private readonly capacity = 10_000) {}

  async load<State, Event extends { type: string }>(store: EventStore, stream: string, folding: Folding<State, Event>): Promise<LoadedStream<State>> {
    const cached = this.entries.get(stream);
    const tail = await store.readStream(stream, cached ? { from: cached.last.revision + 1 } : undefined);
    // Stored events carry the domain event's `type` and `data`; evolve reads nothing else.
    const state = (tail as unknown as Event[]).reduce(folding.evolve, cached ? (cached.state as State) : folding.initialState());
    const lastEvent = tail.at(-1);
    const last = lastEvent ? { revision: lastEvent.revision, globalPosition: lastEvent.globalPosition } : cached?.last;
    if (last) this.remember(stream, { state, last });
    return { stream, state, tail, last, expectedRevision: last ? last.revision : 'no_stream' };
  }

  private remember(stream: string, entry: CachedState): void {
    const current = this.entries.get(stream);
    // Concurrent loads may finish out of order: never go back to an older state.
    if (current && current.last.revision > entry.last.revision) return;
    this.entries.delete(stream);
    this.entries.set(stream, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}

/** Reads a whole stream and folds it, without any cache. */
export function loadStream<State, Event extends { type: string }>(store: EventStore, stream: string, folding: Folding<State, Event>): Promise<LoadedStream<State>> {
  return new StreamStateCache(0).load(store, stream, folding);
}

/** The events `commandId` recorded among `events`. */
export function eventsOfCommand(events: readonly RecordedEvent[], commandId: string): RecordedEvent[] {
  return events.filter((event) => event.commandId === commandId);
}
