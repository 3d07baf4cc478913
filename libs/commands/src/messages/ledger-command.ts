import { Command } from '@nestjs/cqrs';

/** Who claims to act, as the bearer token says; roles are looked up in the ledger, never taken from here. */
export interface ActorClaim {
  officerId: string;
  agencyId: string;
}

export interface CommandMetadata {
  /** UUID; a retried command with the same id returns the original result without writing. */
  commandId: string;
  /** Defaults to commandId. */
  correlationId?: string;
  /** Defaults to commandId. */
  causationId?: string;
}

export interface ActorCommandMetadata extends CommandMetadata {
  actor: ActorClaim;
}

/** Where a command's events landed, so a read-your-writes API can wait for projections to reach `globalPosition`. */
export interface CommandResult {
  /** The id of the aggregate the command addressed (agency, agreement, case or clue). */
  id: string;
  stream: string;
  /** The stream's last revision after the command. */
  revision: number;
  /** The global position of the stream's last event after the command. */
  globalPosition: number;
  /** True when the command id had already been recorded: nothing new was written. */
  idempotentReplay: boolean;
}

/** A fact was recorded: its id (chosen by the caller or derived from the command id). */
export interface RecordFactResult extends CommandResult {
  factId: string;
}

/** A clue was accepted into `linkedCaseId`; `caseOpened` when that case was opened for it. */
export interface AcceptClueResult extends CommandResult {
  linkedCaseId: string;
  caseOpened: boolean;
}

/**
 * Base of every command message on the Nest CommandBus: the untrusted input (validated by the
 * handler before anything else) and the metadata (command id, correlation, acting officer).
 */
export abstract class LedgerCommand<Input, Result = CommandResult, Metadata = ActorCommandMetadata> extends Command<Result> {
  constructor(
    readonly input: Input,
    readonly metadata: Metadata,
  ) {
    super();
  }
}
