import { InvalidOptionError } from './errors';
import type { AllFilter, Direction, ReadAllOptions, ReadStreamOptions, SubscribeOptions } from './event-store.port';

/** Read options after validation, with defaults that every adapter applies the same way. */
export interface StreamReadPlan {
  direction: Direction;
  /** First revision to return; undefined = start (forwards) or end (backwards) of the stream. */
  from: number | undefined;
  /** Undefined = no limit. */
  limit: number | undefined;
}

export interface AllReadPlan {
  direction: Direction;
  /** First global position to return; undefined = start (forwards) or end (backwards) of the log. */
  fromPosition: number | undefined;
  limit: number | undefined;
  filter: EventFilter | undefined;
}

/** A validated filter; an absent list keeps every value. */
export interface EventFilter {
  eventTypes: string[] | undefined;
  streamPrefixes: string[] | undefined;
}

export function planStreamRead(options: ReadStreamOptions = {}): StreamReadPlan {
  return {
    direction: direction('direction', options.direction),
    from: nonNegativeInteger('from', options.from),
    limit: positiveInteger('limit', options.limit),
  };
}

export function planAllRead(options: ReadAllOptions = {}): AllReadPlan {
  return {
    direction: direction('direction', options.direction),
    fromPosition: nonNegativeInteger('fromPosition', options.fromPosition),
    limit: positiveInteger('limit', options.limit),
    filter: eventFilter(options.filter),
  };
}

/** Subscriptions always read forwards; position 0 and 1 both mean "from the first event". */
export function planSubscription(options: SubscribeOptions = {}): { fromPosition: number; filter: EventFilter | undefined } {
  return {
    fromPosition: Math.max(1, nonNegativeInteger('fromPosition', options.fromPosition) ?? 1),
    filter: eventFilter(options.filter),
  };
}

/** Whether an event passes a filter; the in-memory twin of the adapters' SQL filters. */
export function matchesFilter(event: { type: string; stream: string }, filter: EventFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.eventTypes && !filter.eventTypes.includes(event.type)) return false;
  if (filter.streamPrefixes && !filter.streamPrefixes.some((prefix) => event.stream.startsWith(prefix))) return false;
  return true;
}

function eventFilter(filter: AllFilter | undefined): EventFilter | undefined {
  if (filter === undefined || filter === null) return undefined;
  if (typeof filter !== 'object') throw new InvalidOptionError('filter', 'must be an object with eventTypes and/or streamPrefixes');
  const eventTypes = stringList('filter.eventTypes', filter.eventTypes);
  const streamPrefixes = stringList('filter.streamPrefixes', filter.streamPrefixes);
  if (!eventTypes && !streamPrefixes) return undefined;
  return { eventTypes, streamPrefixes };
}

function stringList(option: string, value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0) throw new InvalidOptionError(option, 'must be a non-empty list of strings (omit it to keep everything)');
  for (const item of value) {
    if (typeof item !== 'string' || item.length === 0 || item.length > 200) throw new InvalidOptionError(option, 'must contain only non-empty strings of at most 200 characters');
  }
  return [...new Set(value as string[])];
}

function direction(option: string, value: unknown): Direction {
  if (value === undefined) return 'forwards';
  if (value !== 'forwards' && value !== 'backwards') throw new InvalidOptionError(option, 'must be "forwards" or "backwards"');
  return value;
}

function nonNegativeInteger(option: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new InvalidOptionError(option, 'must be an integer ≥ 0');
  return value;
}

function positiveInteger(option: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw new InvalidOptionError(option, 'must be an integer ≥ 1');
  return value;
}
