import type { EventStore, ExpectedRevision, RecordedEvent } from '@ledger/event-store';

/** A stream read and folded into its aggregate's state. */
export interface LoadedStream<State> {
  stream: string;
  state: State;
  recorded: RecordedEvent[];
  /** What to pass as expected revision when appending after this read. */
  expectedRevision: ExpectedRevision;
  /** The stream's last event, if any. */
  last?: RecordedEvent;
}

export interface Folding<State, Event> {
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** Reads a whole stream and folds it with the aggregate's `evolve`. */
export async function loadStream<State, Event extends { type: string }>(store: EventStore, stream: string, folding: Folding<State, Event>): Promise<LoadedStream<State>> {
  const recorded = await store.readStream(stream);
  // Stored events carry the domain event's `type` and `data`; evolve reads nothing else.
  const state = (recorded as unknown as Event[]).reduce(folding.evolve, folding.initialState());
  const last = recorded.at(-1);
  return { stream, state, recorded, expectedRevision: last ? last.revision : 'no_stream', last };
}

/** The events a command already recorded in this stream (its retry must not write again). */
export function eventsOfCommand(loaded: LoadedStream<unknown>, commandId: string): RecordedEvent[] {
  return loaded.recorded.filter((event) => event.commandId === commandId);
}
