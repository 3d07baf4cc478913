import type { Actor } from './actor';

/** A command as the domain sees it: a plain typed object, already validated for shape. */
export interface DomainCommand<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
  actor: Actor;
}

/** What every decision may need from outside the aggregate. */
export interface DecisionContext {
  now: Date;
}

/**
 * The decider shape (Emmett style): decide turns a command into events or throws a DomainError,
 * evolve folds one event into the state, initialState is the state of an empty stream.
 */
export interface Decider<State, Command extends DomainCommand, Event extends { type: string }, Context extends DecisionContext> {
  decide(command: Command, state: State, context: Context): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** Folds events into a state; `events` may be stored events (extra envelope fields are ignored). */
export function foldEvents<State, Event extends { type: string }>(evolve: (state: State, event: Event) => State, initial: State, events: Iterable<Event>): State {
  let state = initial;
  for (const event of events) state = evolve(state, event);
  return state;
}

/** Thrown when a handler forgot to resolve context a decision needs: a programming error, not a rule. */
export class MissingContextError extends Error {
  constructor(commandType: string, field: string) {
    super(`${commandType} needs context.${field}, which the command handler must resolve`);
    this.name = 'MissingContextError';
  }
}

export function requireContext<T>(value: T | undefined, commandType: string, field: string): T {
  if (value === undefined) throw new MissingContextError(commandType, field);
  return value;
}
