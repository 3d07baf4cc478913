import {
  AddNoteCommand,
  CloseCaseCommand,
  type CommandResult,
  DeclareJointInvestigationCommand,
  OpenCaseCommand,
  RecordMoneyFlowCommand,
  RecordOrganisationCommand,
  RecordPersonCommand,
  RecordRouteCommand,
  RevokeShareCommand,
  ShareCaseCommand,
} from '@ledger/commands';
import type { GraphQLResolveInfo } from 'graphql';
import type { ApiContext } from '../api-context';
import { type CommandGateway, type CommandSpec, untrusted, type VisibleReference } from './command-gateway';
import { caseAfter } from './read-back';

type Input = Record<string, unknown>;
type Args = { input: Input };

const theCase = (input: Input): VisibleReference[] => [{ kind: 'case', id: input.caseId }];

/** Opening cases, recording facts, sharing, revoking, joint investigations and closing. */
export function caseMutations(gateway: CommandGateway) {
  /** A mutation on an existing case, answering with the case as the viewer now sees it. */
  const onCase =
    (build: CommandSpec<CommandResult>['build'], references: CommandSpec<CommandResult>['references'] = theCase) =>
    async (_parent: unknown, args: Args, context: ApiContext, info: GraphQLResolveInfo) => {
      const result = await gateway.run(context, args.input, { build, references });
      return caseAfter(context, info, result.id);
    };

  return {
    Mutation: {
      openCase: async (_parent: unknown, args: Args, context: ApiContext, info: GraphQLResolveInfo) => {
        const result = await gateway.run(context, args.input, { build: (input, metadata) => new OpenCaseCommand(untrusted(input), metadata) });
        return caseAfter(context, info, result.id);
      },
      recordPerson: onCase((input, metadata) => new RecordPersonCommand(untrusted(input), metadata)),
      recordRoute: onCase((input, metadata) => new RecordRouteCommand(untrusted(input), metadata)),
      recordOrganisation: onCase((input, metadata) => new RecordOrganisationCommand(untrusted(input), metadata)),
      recordMoneyFlow: onCase((input, metadata) => new RecordMoneyFlowCommand(untrusted(input), metadata)),
      addNote: onCase((input, metadata) => new AddNoteCommand(untrusted(input), metadata)),
      shareCase: onCase(
        (input, metadata) => new ShareCaseCommand(untrusted(input), metadata),
        (input) => [...theCase(input), { kind: 'agreement', id: input.agreementId }],
      ),
      revokeShare: onCase((input, metadata) => new RevokeShareCommand(untrusted(input), metadata)),
      declareJointInvestigation: onCase((input, metadata) => new DeclareJointInvestigationCommand(untrusted(input), metadata)),
      closeCase: onCase((input, metadata) => new CloseCaseCommand(untrusted(input), metadata)),
    },
  };
}
