import type { EventStore, NewEvent, RecordedEvent } from '@ledger/event-store';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { ActorClaim, CommandMetadata, CommandResult } from '../messages/ledger-command';
import { CLOCK, type Clock, COMMAND_EXECUTION_OPTIONS, EVENT_STORE } from '../tokens';
import { OfficerDirectory } from './officer-directory';
import { DEFAULT_RETRY_POLICY, retryOnConflict, type RetryPolicy } from './retry-on-conflict';
import { eventsOfCommand, type Folding, loadStream, type LoadedStream } from './stream-loader';

export interface CommandExecutionOptions {
  retry?: Partial<RetryPolicy>;
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
 * Runs commands against the event store: load the stream, return the original result if this
 * command id was already recorded, otherwise decide and append at the loaded revision; on a lost
 * race, reload and decide again (bounded, jittered), then give up with a ConcurrencyConflictError.
 */
@Injectable()
export class CommandRunner {
  readonly retryPolicy: RetryPolicy;

  constructor(
    @Inject(EVENT_STORE) readonly store: EventStore,
    @Inject(CLOCK) readonly clock: Clock,
    readonly officers: OfficerDirectory,
    @Optional() @Inject(COMMAND_EXECUTION_OPTIONS) options?: CommandExecutionOptions,
  ) {
    this.retryPolicy = { ...DEFAULT_RETRY_POLICY, ...options?.retry };
  }

  execute<State, Event extends { type: string; data: unknown }>(command: StreamCommand<State, Event>): Promise<CommandResult> {
    return this.retrying(async () => {
      const loaded = await loadStream(this.store, command.stream, command.folding);
      const replay = this.replayOf(command.id, loaded, command.metadata.commandId);
      if (replay) return replay;
      const events = await command.decide(loaded.state, this.clock());
      return this.append(command.id, loaded, events, command.metadata, command.actor);
    });
  }

  retrying<T>(attempt: () => Promise<T>): Promise<T> {
    return retryOnConflict(attempt, this.retryPolicy);
  }

  /** The original result when `commandId` already wrote to this stream. */
  replayOf(id: string, loaded: LoadedStream<unknown>, commandId: string): CommandResult | undefined {
    const recorded = eventsOfCommand(loaded, commandId);
    return recorded.length > 0 ? resultAt(id, loaded.stream, recorded[recorded.length - 1], true) : undefined;
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

function resultAt(id: string, stream: string, event: RecordedEvent, idempotentReplay: boolean): CommandResult {
  return { id, stream, revision: event.revision, globalPosition: event.globalPosition, idempotentReplay };
}
