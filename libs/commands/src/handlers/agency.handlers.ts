import {
  type AgencyCommand,
  agencyDecider,
  type AgencyOnboarding,
  agencyStreamName,
  decideAgency,
  SYSTEM_ACTOR,
} from '@ledger/domain';
import type { CommandRunner } from '../execution/command-runner';
import {
  type AgencyOnboardingInput,
  BootstrapLedgerInput,
  ChangeAgencyMandatesInput,
  ChangeOfficerRolesInput,
  RegisterAgencyInput,
  RegisterOfficerInput,
  ReinstateOfficerInput,
  SuspendOfficerInput,
} from '../inputs/agency.inputs';
import type { ActorCommandMetadata, CommandResult } from '../messages/ledger-command';
import {
  BootstrapLedgerCommand,
  ChangeAgencyMandatesCommand,
  ChangeOfficerRolesCommand,
  RegisterAgencyCommand,
  RegisterOfficerCommand,
  ReinstateOfficerCommand,
  SuspendOfficerCommand,
} from '../messages/agency.messages';
import { validateInput } from '../validation/validate-input';
import { actorMetadata, defineHandler, systemMetadata } from './define-handler';

function onboarding(input: AgencyOnboardingInput): AgencyOnboarding {
  const { agencyId, name, country, kind, mandates, admin } = input;
  return { agencyId, name, country, kind, mandates, admin: { officerId: admin.officerId, name: admin.name, roles: admin.roles, auditScope: admin.auditScope ?? 'OWN' } };
}

/** Runs an officer's command on stream `agency-<agencyId>`. */
function runOnAgency(runner: CommandRunner, agencyId: string, metadata: ActorCommandMetadata, command: (actor: AgencyCommand['actor']) => AgencyCommand): Promise<CommandResult> {
  return runner.execute({
    id: agencyId,
    stream: agencyStreamName(agencyId),
    folding: agencyDecider,
    metadata,
    actor: metadata.actor,
    decide: async (state, now) => decideAgency(command(await runner.officers.resolve(metadata.actor)), state, { now }),
  });
}

/** Creates the first agency and admin; refused unless the whole ledger is empty. */
export const BootstrapLedgerHandler = defineHandler(BootstrapLedgerCommand, async (runner, command) => {
  const data = onboarding(validateInput(BootstrapLedgerInput, command.input));
  const metadata = systemMetadata(command.metadata);
  return runner.execute({
    id: data.agencyId,
    stream: agencyStreamName(data.agencyId),
    folding: agencyDecider,
    metadata,
    actor: { officerId: SYSTEM_ACTOR.officerId, agencyId: SYSTEM_ACTOR.agencyId },
    decide: async (state, now) => {
      const ledgerIsEmpty = (await runner.store.headPosition()) === 0;
      return decideAgency({ type: 'BootstrapLedger', actor: SYSTEM_ACTOR, data }, state, { now, ledgerIsEmpty });
    },
  });
});

export const RegisterAgencyHandler = defineHandler(RegisterAgencyCommand, async (runner, command) => {
  const data = onboarding(validateInput(RegisterAgencyInput, command.input));
  const metadata = actorMetadata(command.metadata);
  // The actor belongs to another agency: resolve them there, decide on the new agency's stream.
  return runOnAgency(runner, data.agencyId, metadata, (actor) => ({ type: 'RegisterAgency', actor, data }));
});

export const ChangeAgencyMandatesHandler = defineHandler(ChangeAgencyMandatesCommand, async (runner, command) => {
  const { agencyId, mandates } = validateInput(ChangeAgencyMandatesInput, command.input);
  return runOnAgency(runner, agencyId, actorMetadata(command.metadata), (actor) => ({ type: 'ChangeAgencyMandates', actor, data: { agencyId, mandates } }));
});

export const RegisterOfficerHandler = defineHandler(RegisterOfficerCommand, async (runner, command) => {
  const { agencyId, officerId, name, roles, auditScope } = validateInput(RegisterOfficerInput, command.input);
  return runOnAgency(runner, agencyId, actorMetadata(command.metadata), (actor) => ({
    type: 'RegisterOfficer',
    actor,
    data: { agencyId, officerId, name, roles, auditScope: auditScope ?? 'OWN' },
  }));
});

export const ChangeOfficerRolesHandler = defineHandler(ChangeOfficerRolesCommand, async (runner, command) => {
  const { agencyId, officerId, roles, auditScope } = validateInput(ChangeOfficerRolesInput, command.input);
  return runOnAgency(runner, agencyId, actorMetadata(command.metadata), (actor) => ({
    type: 'ChangeOfficerRoles',
    actor,
    data: { agencyId, officerId, roles, auditScope: auditScope ?? 'OWN' },
  }));
});

export const SuspendOfficerHandler = defineHandler(SuspendOfficerCommand, async (runner, command) => {
  const { agencyId, officerId, reason } = validateInput(SuspendOfficerInput, command.input);
  return runOnAgency(runner, agencyId, actorMetadata(command.metadata), (actor) => ({ type: 'SuspendOfficer', actor, data: { agencyId, officerId, reason } }));
});

export const ReinstateOfficerHandler = defineHandler(ReinstateOfficerCommand, async (runner, command) => {
  const { agencyId, officerId } = validateInput(ReinstateOfficerInput, command.input);
  return runOnAgency(runner, agencyId, actorMetadata(command.metadata), (actor) => ({ type: 'ReinstateOfficer', actor, data: { agencyId, officerId } }));
});

export const AGENCY_HANDLERS = [
  BootstrapLedgerHandler,
  RegisterAgencyHandler,
  ChangeAgencyMandatesHandler,
  RegisterOfficerHandler,
  ChangeOfficerRolesHandler,
  SuspendOfficerHandler,
  ReinstateOfficerHandler,
];
