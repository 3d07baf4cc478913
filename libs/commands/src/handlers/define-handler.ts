import { Inject, Injectable, type Type } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '../execution/command-runner';
import { ActorCommandMetadataInput, CommandMetadataInput } from '../inputs/common.inputs';
import type { ActorCommandMetadata, CommandMetadata, LedgerCommand } from '../messages/ledger-command';
import { validateInput } from '../validation/validate-input';

type ResultOf<C> = C extends LedgerCommand<unknown, infer R, unknown> ? R : never;

/** What the CommandBus calls. */
export interface LedgerCommandHandler<C> {
  execute(command: C): Promise<ResultOf<C>>;
}

/**
 * Declares the Nest command handler of `commandType`: a class bound to the CommandBus whose
 * `execute` runs `run` with the shared CommandRunner. Keeps each handler to what is specific to it.
 */
export function defineHandler<C extends LedgerCommand<unknown, unknown, unknown>>(
  commandType: Type<C>,
  run: (runner: CommandRunner, command: C) => Promise<ResultOf<C>>,
): Type<LedgerCommandHandler<C>> {
  @Injectable()
  @CommandHandler(commandType)
  class Handler implements LedgerCommandHandler<C> {
    constructor(@Inject(CommandRunner) private readonly runner: CommandRunner) {}

    execute(command: C): Promise<ResultOf<C>> {
      return run(this.runner, command);
    }
  }
  Object.defineProperty(Handler, 'name', { value: `${commandType.name}Handler` });
  return Handler;
}

/** Validates an officer's command metadata (command id, correlation, actor claim). */
export function actorMetadata(metadata: unknown): ActorCommandMetadata {
  return validateInput(ActorCommandMetadataInput, metadata);
}

/** Validates the metadata of a command the ledger itself runs. */
export function systemMetadata(metadata: unknown): CommandMetadata {
  return validateInput(CommandMetadataInput, metadata);
}
