import {
  AcceptClueCommand,
  AcknowledgeClueCommand,
  CloseClueCommand,
  type CommandResult,
  DeclineClueCommand,
  GiveClueFeedbackCommand,
  ProvideClueInformationCommand,
  RequestClueInformationCommand,
  SubmitClueCommand,
  WithdrawClueCommand,
} from '@ledger/commands';
import type { GraphQLResolveInfo } from 'graphql';
import { type ApiContext, viewerOf } from '../api-context';
import { type CommandGateway, type CommandSpec, untrusted, type VisibleReference } from './command-gateway';
import { clueAfter } from './read-back';

type Input = Record<string, unknown>;
type Args = { input: Input };

const theClue = (input: Input): VisibleReference[] => [{ kind: 'clue', id: input.clueId }];

interface RecipientInput {
  agencyId?: unknown;
  agreementId?: unknown;
}

/**
 * The API takes a clue's recipients as a list of {agencyId, agreementId}; the command takes the
 * agency ids and a map from each to its agreement.
 */
export function submitClueCommandInput(input: Input): Input {
  const { recipients, ...rest } = input as Input & { recipients?: RecipientInput[] };
  const list = Array.isArray(recipients) ? recipients : [];
  return {
    ...rest,
    recipientAgencyIds: list.map((recipient) => recipient.agencyId),
    agreementIds: Object.fromEntries(list.map((recipient) => [String(recipient.agencyId), recipient.agreementId])),
  };
}

/** Names command-input fields of SubmitClue by where the client sent them. */
export function submitCluePath(commandPath: string): string {
  const recipient = /^recipientAgencyIds\.(\d+)$/.exec(commandPath);
  if (recipient) return `recipients.${recipient[1]}.agencyId`;
  if (commandPath.startsWith('recipientAgencyIds') || commandPath.startsWith('agreementIds')) return 'recipients';
  return commandPath;
}

/** Every step of a clue's lifecycle. */
export function clueMutations(gateway: CommandGateway) {
  /** Answers with the clue as the viewer's agency now sees it. */
  const onClue =
    (build: CommandSpec<CommandResult>['build'], references: CommandSpec<CommandResult>['references'] = theClue) =>
    async (_parent: unknown, args: Args, context: ApiContext, info: GraphQLResolveInfo) => {
      const result = await gateway.run(context, args.input, { build, references });
      return clueAfter(context, info, result.id);
    };

  return {
    Mutation: {
      submitClue: async (_parent: unknown, args: Args, context: ApiContext, info: GraphQLResolveInfo) => {
        const result = await gateway.run(context, args.input, {
          references: (input) => [
            { kind: 'case', id: input.senderCaseId },
            ...(Array.isArray(input.recipients) ? (input.recipients as RecipientInput[]) : []).map((recipient): VisibleReference => ({ kind: 'agreement', id: recipient.agreementId })),
          ],
          build: (input, metadata) => new SubmitClueCommand(untrusted(submitClueCommandInput(input)), metadata),
          mapPath: submitCluePath,
        });
        return clueAfter(context, info, result.id);
      },
      acknowledgeClue: onClue((input, metadata) => new AcknowledgeClueCommand(untrusted(input), metadata)),
      requestClueInformation: onClue((input, metadata) => new RequestClueInformationCommand(untrusted(input), metadata)),
      provideClueInformation: onClue((input, metadata) => new ProvideClueInformationCommand(untrusted(input), metadata)),
      acceptClue: onClue(
        (input, metadata) => new AcceptClueCommand(untrusted(input), metadata),
        (input) => [...theClue(input), { kind: 'case', id: input.caseId }],
      ),
      acceptClueIntoNewCase: onClue((input, metadata) => new AcceptClueCommand(untrusted(input), metadata)),
      declineClue: onClue((input, metadata) => new DeclineClueCommand(untrusted(input), metadata)),
      giveClueFeedback: onClue((input, metadata) => new GiveClueFeedbackCommand(untrusted(input), metadata)),
      closeClue: async (parent: unknown, args: Args, context: ApiContext, info: GraphQLResolveInfo) => {
        // A recipient closes its own part and need not name itself.
        const input = { ...args.input, recipientAgencyId: args.input.recipientAgencyId ?? viewerOf(context).viewer.agencyId };
        return onClue((cleaned, metadata) => new CloseClueCommand(untrusted(cleaned), metadata))(parent, { input }, context, info);
      },
      withdrawClue: onClue((input, metadata) => new WithdrawClueCommand(untrusted(input), metadata)),
    },
  };
}
