import { randomUUID } from 'node:crypto';
import type { ActorCommandMetadata, CommandResult } from '@ledger/commands';
import type { ProjectionProgress } from '@ledger/projections';
import type { Command } from '@nestjs/cqrs';
import { isUUID } from 'class-validator';
import { type ApiContext, viewerOf } from '../api-context';
import { ApiError, badInput, notFound, toApiError } from '../api-errors';

/** The part of the Nest CommandBus the API uses. */
export interface CommandDispatcher {
  execute<R>(command: Command<R>): Promise<R>;
}

/** Something a command refers to that must be visible to the viewer's agency, or the answer is NOT_FOUND. */
export interface VisibleReference {
  kind: 'case' | 'clue' | 'agreement';
  id: unknown;
}

export interface CommandSpec<R> {
  /** Builds the command message from the cleaned input (commandId removed) and the metadata. */
  build(input: Record<string, unknown>, metadata: ActorCommandMetadata): Command<R>;
  /** Entities the input names that the viewer's agency must be able to see. */
  references?(input: Record<string, unknown>): VisibleReference[];
  /** Where a field of the command input sits in the GraphQL input, when not at the same path. */
  mapPath?(commandPath: string): string;
}

/**
 * Runs a mutation's command: checks that what the input names is visible to the viewer's agency
 * (so an invisible case or clue answers NOT_FOUND, exactly like a missing one, and never a
 * FORBIDDEN that would reveal it exists), dispatches it through the CommandBus with the viewer as
 * the actor, translates refusals into API errors, and waits until the projector has applied the
 * command's events, so the answer read next shows the change (read-your-writes).
 */
export class CommandGateway {
  constructor(
    private readonly commands: CommandDispatcher,
    private readonly progress: ProjectionProgress,
    private readonly viewWaitMs: number,
  ) {}

  async run<R extends CommandResult>(context: ApiContext, rawInput: unknown, spec: CommandSpec<R>): Promise<R> {
    const { viewer, views } = viewerOf(context);
    const { commandId, ...input } = plainInput(rawInput) as Record<string, unknown> & { commandId?: unknown };
    if (commandId !== undefined && !(typeof commandId === 'string' && isUUID(commandId))) {
      throw badInput('input.commandId', 'isUuid', 'must be a UUID');
    }
    for (const reference of spec.references?.(input) ?? []) {
      // A malformed id is left to the command's validation, which names the field and the rule.
      if (typeof reference.id !== 'string' || !isUUID(reference.id)) continue;
      const found =
        reference.kind === 'case' ? await views.caseById(reference.id) : reference.kind === 'clue' ? await views.clue(reference.id) : await views.agreement(reference.id);
      if (found === null) throw notFound(reference.kind, reference.id);
    }
    const metadata: ActorCommandMetadata = {
      commandId: typeof commandId === 'string' ? commandId : randomUUID(),
      correlationId: context.correlationId,
      actor: { officerId: viewer.officerId, agencyId: viewer.agencyId },
    };
    let result: R;
    try {
      result = await this.commands.execute(spec.build(input, metadata));
    } catch (error) {
      throw toApiError(error, { mapPath: spec.mapPath, input });
    }
    if (!(await this.progress.waitFor(result.globalPosition, this.viewWaitMs))) {
      throw new ApiError(
        'STORE_UNAVAILABLE',
        `The change was recorded (command ${metadata.commandId}) but the views have not caught up within ${this.viewWaitMs} ms; read it again shortly, or retry with the same commandId`,
        'views.caught-up',
      );
    }
    return result;
  }
}

/**
 * A deep copy of a GraphQL input as plain objects, without null values: GraphQL builds inputs with
 * null prototypes and passes explicit nulls, while commands expect absent optional fields.
 */
export function plainInput(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainInput);
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) if (inner !== null && inner !== undefined) copy[key] = plainInput(inner);
    return copy;
  }
  return value;
}

/**
 * Hands the cleaned GraphQL input to a command message as its (typed) input. Command handlers
 * validate their input before anything else, so the message carries it as received.
 */
export function untrusted<T>(input: Record<string, unknown>): T {
  return input as T;
}
