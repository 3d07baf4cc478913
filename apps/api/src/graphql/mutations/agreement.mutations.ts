import {
  type CommandResult,
  ProposeAgreementCommand,
  ResumeAgreementCommand,
  SignAgreementCommand,
  SuspendAgreementCommand,
  TerminateAgreementCommand,
} from '@ledger/commands';
import type { ApiContext } from '../api-context';
import { type CommandGateway, type CommandSpec, untrusted, type VisibleReference } from './command-gateway';
import { agreementAfter } from './read-back';

type Input = Record<string, unknown>;

const theAgreement = (input: Input): VisibleReference[] => [{ kind: 'agreement', id: input.agreementId }];

/** Proposing, signing, suspending, resuming and terminating agreements. */
export function agreementMutations(gateway: CommandGateway) {
  /** Answers with the agreement as the viewer's agency now sees it. */
  const onAgreement =
    (build: CommandSpec<CommandResult>['build'], references: CommandSpec<CommandResult>['references'] = theAgreement) =>
    async (_parent: unknown, args: { input: Input }, context: ApiContext) => {
      const result = await gateway.run(context, args.input, { build, references });
      return agreementAfter(context, result.id);
    };

  return {
    Mutation: {
      proposeAgreement: onAgreement((input, metadata) => new ProposeAgreementCommand(untrusted(input), metadata), () => []),
      signAgreement: onAgreement((input, metadata) => new SignAgreementCommand(untrusted(input), metadata)),
      suspendAgreement: onAgreement((input, metadata) => new SuspendAgreementCommand(untrusted(input), metadata)),
      resumeAgreement: onAgreement((input, metadata) => new ResumeAgreementCommand(untrusted(input), metadata)),
      terminateAgreement: onAgreement((input, metadata) => new TerminateAgreementCommand(untrusted(input), metadata)),
    },
  };
}
