import { isDomainError } from '@ledger/domain';
import type { EventStore, NewEvent } from '@ledger/event-store';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { ActorClaim, CommandMetadata, CommandResult } from '../messages/ledger-command';
import { CLOCK, type Clock, COMMAND_EXECUTION_OPTIONS, EVENT_STORE } from '../tokens';
import { OfficerDirectory } from './officer-directory';
import { DEFAULT_RETRY_POLICY, retryOnConflict, type RetryPolicy } from './retry-on-conflict';
import { eventsOfCommand, type Folding, type LoadedStream, type StreamPosition, StreamStateCache } from './stream-loader';

export interface CommandExecutionOptions {
  retry?: Partial<RetryPolicy>;
  /** How many folded stream states to keep in memory; default 10 000. */
  cachedStreams?: number;
}

/** A command that writes to one stream. */
export interface StreamCommand<State, Event extends { type: string; data: unknown }> {
  /** The id of the aggregate addressed, returned to the caller. */
  id: string;
  stream: string;
  folding: Folding<State, Event>;
  metadata: CommandMetadata;
  /** Recorded in the events' envelope. */
  actor: ActorClaim;
  /** Resolves what the decision needs and decides; called again on every retry with the fresh state. */
  decide(state: State, now: Date): Promise<Event[]>;
}

/**
 * Runs commands against the event store: load the stream, decide, append at the loaded revision;
 * on a lost race reload and decide again (bounded, jittered), then give up with a
 * ConcurrencyConflictError. A command id already recorded in the stream returns the original
 * result without writing: found among newly read events, by the store on append, or — when the
 * repeated decision is refused or changes nothing because the first one already applied — by
 * looking the command id up in the stream.
 */
@Injectable()
export class CommandRunner {
  readonly retryPolicy: RetryPolicy;
  private readonly states: StreamStateCache;

  constructor(
    @Inject(EVENT_STORE) readonly store: EventStore,
    @Inject(CLOCK) readonly clock: Clock,
    readonly officers: OfficerDirectory,
    @Optional() @Inject(COMMAND_EXECUTION_OPTIONS) options?: CommandExecutionOptions,
  ) {
    this.retryPolicy = { ...DEFAULT_RETRY_POLICY, ...options?.retry };
    this.states = new StreamStateCache(options?.cachedStreams);
  }

  execute<State, Event extends { type: string; data: unknown }>(command: StreamCommand<State, Event>): Promise<CommandResult> {
    const { id, stream, metadata } = command;
    return this.retrying(async () => {
      const loaded = await this.load(stream, command.folding);
      const seen = eventsOfCommand(loaded.tail, metadata.commandId);
      if (seen.length > 0) return resultAt(id, stream, seen[seen.length - 1], true);
      let events: Event[];
      try {
        events = await command.decide(loaded.state, this.clock());
      } catch (error) {
        if (isDomainError(error)) {
          const replay = await this.replayOf(id, stream, metadata.commandId);
          if (replay) return replay;
        }
        throw error;
      }
      if (events.length === 0) return (await this.replayOf(id, stream, metadata.commandId)) ?? this.append(id, loaded, events, metadata, command.actor);
      return this.append(id, loaded, events, metadata, command.actor);
    });
  }

  /** Reads a stream (only what is new since its cached state) and folds it. */
  load<State, Event extends { type: string }>(stream: string, folding: Folding<State, Event>): Promise<LoadedStream<State>> {
    return this.states.load(this.store, stream, folding);
  }

  retrying<T>(attempt: () => Promise<T>): Promise<T> {
    return retryOnConflict(attempt, this.retryPolicy);
  }

  /** The original result when `commandId` already wrote to `stream`. */
  async replayOf(id: string, stream: string, commandId: string): Promise<CommandResult | undefined> {
    const recorded = eventsOfCommand(await this.store.readStream(stream), commandId);
    return recorded.length > 0 ? resultAt(id, stream, recorded[recorded.length - 1], true) : undefined;
  }

  /**
   * Appends decided events at the loaded revision. A decision with no events (nothing changes)
   * writes nothing and reports the stream's current position.
   */
  async append(id: string, loaded: LoadedStream<unknown>, events: Array<{ type: string; data: unknown }>, metadata: CommandMetadata, actor: ActorClaim): Promise<CommandResult> {
    if (events.length === 0) {
      return loaded.last ? resultAt(id, loaded.stream, loaded.last, false) : { id, stream: loaded.stream, revision: -1, globalPosition: 0, idempotentReplay: false };
    }
    const newEvents: NewEvent[] = events.map((event) => ({ type: event.type, data: event.data }));
    const appended = await this.store.append(loaded.stream, newEvents, loaded.expectedRevision, {
      actor: { officerId: actor.officerId, agencyId: actor.agencyId },
      commandId: metadata.commandId,
      correlationId: metadata.correlationId ?? metadata.commandId,
      causationId: metadata.causationId ?? metadata.commandId,
    });
    const last = appended.positions[appended.positions.length - 1];
    return { id, stream: loaded.stream, revision: appended.nextExpectedRevision, globalPosition: last.globalPosition, idempotentReplay: appended.idempotentReplay };
  }
}

function resultAt(id: string, stream: string, position: StreamPosition, idempotentReplay: boolean): CommandResult {
  return { id, stream, revision: position.revision, globalPosition: position.globalPosition, idempotentReplay };
}
