import {
  ChangeAgencyMandatesCommand,
  ChangeOfficerRolesCommand,
  RegisterAgencyCommand,
  RegisterOfficerCommand,
  ReinstateOfficerCommand,
  SuspendOfficerCommand,
} from '@ledger/commands';
import { type ApiContext, viewerOf } from '../api-context';
import { type CommandGateway, untrusted } from './command-gateway';
import { agencyAfter, officerAfter } from './read-back';

type Input = Record<string, unknown>;

/** Agency administration: always about the viewer's own agency, except onboarding a new one. */
export function agencyMutations(gateway: CommandGateway) {
  /** The viewer's agency, added to inputs that administer it. */
  const ownAgency = (context: ApiContext, input: Input): Input => ({ ...input, agencyId: viewerOf(context).viewer.agencyId });

  return {
    Mutation: {
      registerAgency: async (_parent: unknown, args: { input: Input }, context: ApiContext) => {
        const result = await gateway.run(context, args.input, { build: (input, metadata) => new RegisterAgencyCommand(untrusted(input), metadata) });
        const admin = args.input.admin as { officerId: string };
        return { agencyId: result.id, adminOfficerId: admin.officerId, agency: await agencyAfter(context, result.id) };
      },
      changeAgencyMandates: async (_parent: unknown, args: { input: Input }, context: ApiContext) => {
        const result = await gateway.run(context, args.input, { build: (input, metadata) => new ChangeAgencyMandatesCommand(untrusted(ownAgency(context, input)), metadata) });
        return agencyAfter(context, result.id);
      },
      registerOfficer: async (_parent: unknown, args: { input: Input }, context: ApiContext) => {
        await gateway.run(context, args.input, { build: (input, metadata) => new RegisterOfficerCommand(untrusted(ownAgency(context, input)), metadata) });
        return officerAfter(context, String(args.input.officerId));
      },
      changeOfficerRoles: async (_parent: unknown, args: { input: Input }, context: ApiContext) => {
        await gateway.run(context, args.input, { build: (input, metadata) => new ChangeOfficerRolesCommand(untrusted(ownAgency(context, input)), metadata) });
        return officerAfter(context, String(args.input.officerId));
      },
      suspendOfficer: async (_parent: unknown, args: { input: Input }, context: ApiContext) => {
        await gateway.run(context, args.input, { build: (input, metadata) => new SuspendOfficerCommand(untrusted(ownAgency(context, input)), metadata) });
        return officerAfter(context, String(args.input.officerId));
      },
      reinstateOfficer: async (_parent: unknown, args: { input: Input }, context: ApiContext) => {
        await gateway.run(context, args.input, { build: (input, metadata) => new ReinstateOfficerCommand(untrusted(ownAgency(context, input)), metadata) });
        return officerAfter(context, String(args.input.officerId));
      },
    },
  };
}
