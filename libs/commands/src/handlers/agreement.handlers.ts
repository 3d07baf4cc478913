import { type AgreementCommand, agreementDecider, agreementStreamName, decideAgreement } from '@ledger/domain';
import { deriveId } from '../execution/derive-id';
import type { CommandRunner } from '../execution/command-runner';
import { ProposeAgreementInput, ResumeAgreementInput, SignAgreementInput, SuspendAgreementInput, TerminateAgreementInput } from '../inputs/agreement.inputs';
import type { ActorCommandMetadata, CommandResult } from '../messages/ledger-command';
import { ProposeAgreementCommand, ResumeAgreementCommand, SignAgreementCommand, SuspendAgreementCommand, TerminateAgreementCommand } from '../messages/agreement.messages';
import { validateInput } from '../validation/validate-input';
import { actorMetadata, defineHandler } from './define-handler';

/** Runs a command on stream `agreement-<agreementId>`; ProposeAgreement also needs every party's state. */
function runOnAgreement(
  runner: CommandRunner,
  agreementId: string,
  metadata: ActorCommandMetadata,
  command: (actor: AgreementCommand['actor']) => AgreementCommand,
): Promise<CommandResult> {
  return runner.execute({
    id: agreementId,
    stream: agreementStreamName(agreementId),
    folding: agreementDecider,
    metadata,
    actor: metadata.actor,
    decide: async (state, now) => {
      const decided = command(await runner.officers.resolve(metadata.actor));
      const parties = decided.type === 'ProposeAgreement' ? await runner.officers.agencyStates(decided.data.parties) : undefined;
      return decideAgreement(decided, state, { now, parties });
    },
  });
}

export const ProposeAgreementHandler = defineHandler(ProposeAgreementCommand, async (runner, command) => {
  const input = validateInput(ProposeAgreementInput, command.input);
  const metadata = actorMetadata(command.metadata);
  const agreementId = input.agreementId ?? deriveId(metadata.commandId, 'agreement');
  const { title, parties, scope, categories, maxTlp, validFrom, validUntil } = input;
  return runOnAgreement(runner, agreementId, metadata, (actor) => ({
    type: 'ProposeAgreement',
    actor,
    data: { agreementId, title, parties, scope, categories, maxTlp, validFrom, validUntil },
  }));
});

export const SignAgreementHandler = defineHandler(SignAgreementCommand, async (runner, command) => {
  const { agreementId } = validateInput(SignAgreementInput, command.input);
  return runOnAgreement(runner, agreementId, actorMetadata(command.metadata), (actor) => ({ type: 'SignAgreement', actor, data: { agreementId } }));
});

export const SuspendAgreementHandler = defineHandler(SuspendAgreementCommand, async (runner, command) => {
  const { agreementId, reason } = validateInput(SuspendAgreementInput, command.input);
  return runOnAgreement(runner, agreementId, actorMetadata(command.metadata), (actor) => ({ type: 'SuspendAgreement', actor, data: { agreementId, reason } }));
});

export const ResumeAgreementHandler = defineHandler(ResumeAgreementCommand, async (runner, command) => {
  const { agreementId } = validateInput(ResumeAgreementInput, command.input);
  return runOnAgreement(runner, agreementId, actorMetadata(command.metadata), (actor) => ({ type: 'ResumeAgreement', actor, data: { agreementId } }));
});

export const TerminateAgreementHandler = defineHandler(TerminateAgreementCommand, async (runner, command) => {
  const { agreementId, reason } = validateInput(TerminateAgreementInput, command.input);
  return runOnAgreement(runner, agreementId, actorMetadata(command.metadata), (actor) => ({ type: 'TerminateAgreement', actor, data: { agreementId, reason } }));
});

export const AGREEMENT_HANDLERS = [ProposeAgreementHandler, SignAgreementHandler, SuspendAgreementHandler, ResumeAgreementHandler, TerminateAgreementHandler];
