import {
  agreementDecider,
  agreementStreamName,
  type AgreementState,
  caseDecider,
  caseStreamName,
  type ClueCommand,
  clueDecider,
  clueStreamName,
  decideClue,
  decideClueAcceptance,
  type AcceptClue,
  type CaseDraft,
} from '@ledger/domain';
import { InputValidationError } from '../errors';
import type { CommandRunner } from '../execution/command-runner';
import { deriveId } from '../execution/derive-id';

import {
  AcceptClueInput,
  AcknowledgeClueInput,
  CloseClueInput,
  DeclineClueInput,
  GiveClueFeedbackInput,
  ProvideClueInformationInput,
  RequestClueInformationInput,
  SubmitClueInput,
  WithdrawClueInput,
} from '../inputs/clue.inputs';
import {
  AcceptClueCommand,
  AcknowledgeClueCommand,
  CloseClueCommand,
  DeclineClueCommand,
  GiveClueFeedbackCommand,
  ProvideClueInformationCommand,
  RequestClueInformationCommand,
  SubmitClueCommand,
  WithdrawClueCommand,
} from '../messages/clue.messages';
import type { AcceptClueResult, ActorCommandMetadata, CommandResult } from '../messages/ledger-command';
import { validateInput } from '../validation/validate-input';
import { actorMetadata, defineHandler } from './define-handler';

/** Runs a command on stream `clue-<clueId>`; SubmitClue also needs agreements, recipients and the sender's case. */
function runOnClue(runner: CommandRunner, clueId: string, metadata: ActorCommandMetadata, command: (actor: ClueCommand['actor']) => ClueCommand): Promise<CommandResult> {
  return runner.execute({
    id: clueId,
    stream: clueStreamName(clueId),
    folding: clueDecider,
    metadata,
    actor: metadata.actor,
    decide: async (state, now) => {
      const decided = command(await runner.officers.resolve(metadata.actor));
      if (decided.type !== 'SubmitClue') return decideClue(decided, state, { now });
      const { agreementIds, recipientAgencyIds, senderCaseId } = decided.data;
      const agreementIdList = [...new Set(Object.values(agreementIds))];
      const [agreements, recipients, senderCase] = await Promise.all([
        Promise.all(agreementIdList.map((agreementId) => runner.load(agreementStreamName(agreementId), agreementDecider))),
        runner.officers.agencyStates(recipientAgencyIds),
        senderCaseId === undefined ? undefined : runner.load(caseStreamName(senderCaseId), caseDecider),
      ]);
      const agreementStates: Record<string, AgreementState> = Object.fromEntries(agreementIdList.map((agreementId, index) => [agreementId, agreements[index].state]));
      return decideClue(decided, state, { now, agreements: agreementStates, recipients, senderCase: senderCase?.state });
    },
  });
}

export const SubmitClueHandler = defineHandler(SubmitClueCommand, async (runner, command) => {
  const input = validateInput(SubmitClueInput, command.input);
  const metadata = actorMetadata(command.metadata);
  const clueId = input.clueId ?? deriveId(metadata.commandId, 'clue');
  const { recipientAgencyIds, agreementIds, kind, subject, body, markings, senderCaseId, claimedIdentity } = input;
  return runOnClue(runner, clueId, metadata, (actor) => ({
    type: 'SubmitClue',
    actor,
    data: {
      clueId,
      recipientAgencyIds,
      agreementIds,
      kind,
      subject,
      body,
      markings,
      ...(senderCaseId === undefined ? {} : { senderCaseId }),
      ...(claimedIdentity === undefined ? {} : { claimedIdentity }),
    },
  }));
});

export const AcknowledgeClueHandler = defineHandler(AcknowledgeClueCommand, async (runner, command) => {
  const { clueId } = validateInput(AcknowledgeClueInput, command.input);
  return runOnClue(runner, clueId, actorMetadata(command.metadata), (actor) => ({ type: 'AcknowledgeClue', actor, data: { clueId } }));
});

export const RequestClueInformationHandler = defineHandler(RequestClueInformationCommand, async (runner, command) => {
  const { clueId, question } = validateInput(RequestClueInformationInput, command.input);
  return runOnClue(runner, clueId, actorMetadata(command.metadata), (actor) => ({ type: 'RequestClueInformation', actor, data: { clueId, question } }));
});

export const ProvideClueInformationHandler = defineHandler(ProvideClueInformationCommand, async (runner, command) => {
  const { clueId, recipientAgencyId, answer } = validateInput(ProvideClueInformationInput, command.input);
  return runOnClue(runner, clueId, actorMetadata(command.metadata), (actor) => ({ type: 'ProvideClueInformation', actor, data: { clueId, recipientAgencyId, answer } }));
});

export const DeclineClueHandler = defineHandler(DeclineClueCommand, async (runner, command) => {
  const { clueId, reason } = validateInput(DeclineClueInput, command.input);
  return runOnClue(runner, clueId, actorMetadata(command.metadata), (actor) => ({ type: 'DeclineClue', actor, data: { clueId, reason } }));
});

export const GiveClueFeedbackHandler = defineHandler(GiveClueFeedbackCommand, async (runner, command) => {
  const { clueId, outcome, comment } = validateInput(GiveClueFeedbackInput, command.input);
  return runOnClue(runner, clueId, actorMetadata(command.metadata), (actor) => ({ type: 'GiveClueFeedback', actor, data: { clueId, outcome, comment: comment ?? '' } }));
});

export const CloseClueHandler = defineHandler(CloseClueCommand, async (runner, command) => {
  const { clueId, recipientAgencyId } = validateInput(CloseClueInput, command.input);
  return runOnClue(runner, clueId, actorMetadata(command.metadata), (actor) => ({ type: 'CloseClue', actor, data: { clueId, recipientAgencyId } }));
});

export const WithdrawClueHandler = defineHandler(WithdrawClueCommand, async (runner, command) => {
  const { clueId, recipientAgencyId, reason } = validateInput(WithdrawClueInput, command.input);
  return runOnClue(runner, clueId, actorMetadata(command.metadata), (actor) => ({ type: 'WithdrawClue', actor, data: { clueId, recipientAgencyId, reason } }));
});

/**
 * Accepting spans two streams when the case is opened on the spot: CaseOpened (with
 * openedForClueId) is appended first, then ClueAccepted. The case stream is written under a
 * command id derived from this command's id, so a retry after a crash between the two appends
 * finds the case already opened by this very command and only completes the acceptance.
 */
export const AcceptClueHandler = defineHandler(AcceptClueCommand, async (runner, command): Promise<AcceptClueResult> => {
  const input = validateInput(AcceptClueInput, command.input);
  const metadata = actorMetadata(command.metadata);
  const { clueId } = input;
  const newCase: CaseDraft | undefined = input.newCase && {
    caseId: input.newCase.caseId ?? deriveId(metadata.commandId, 'case'),
    kind: input.newCase.kind,
    title: input.newCase.title,
    summary: input.newCase.summary ?? '',
    markings: input.newCase.markings,
  };
  if ((input.caseId === undefined) === (newCase === undefined)) {
    throw new InputValidationError(AcceptClueInput.name, [
      { path: 'caseId', rule: 'caseOrNewCase', message: 'give either caseId (an existing case of the recipient) or newCase (a case to open), not both or neither' },
    ]);
  }
  const linkedCaseId = (input.caseId ?? newCase?.caseId) as string;
  const caseStream = caseStreamName(linkedCaseId);
  const caseMetadata = { ...metadata, commandId: deriveId(metadata.commandId, caseStream), causationId: metadata.commandId };

  return runner.retrying(async () => {
    const [clue, linkedCase] = await Promise.all([runner.load(clueStreamName(clueId), clueDecider), runner.load(caseStream, caseDecider)]);
    const caseOpenedByThisCommand = newCase !== undefined && (await runner.replayOf(linkedCaseId, caseStream, caseMetadata.commandId)) !== undefined;
    const actor = await runner.officers.resolve(metadata.actor);
    const now = runner.clock();
    /** Opens the new case (once): after the acceptance is recorded, so that a refusal never leaves a case behind. */
    const openNewCase = async (): Promise<number> => {
      if (newCase === undefined || caseOpenedByThisCommand) return 0;
      const opening = caseDecider.decide({ type: 'OpenCase', actor, data: { ...newCase, openedForClueId: clueId } }, linkedCase.state, { now });
      return (await runner.append(linkedCaseId, linkedCase, opening, caseMetadata, metadata.actor)).globalPosition;
    };

    const replay = await runner.replayOf(clueId, clue.stream, metadata.commandId);
    if (replay) {
      // Accepted already: finish what a failure may have interrupted (opening the case).
      const casePosition = await openNewCase();
      return { ...replay, globalPosition: Math.max(replay.globalPosition, casePosition), linkedCaseId, caseOpened: newCase !== undefined };
    }

    const accept: AcceptClue = {
      type: 'AcceptClue',
      actor,
      // Once this command opened the case, the acceptance links that existing case.
      data: caseOpenedByThisCommand ? { clueId, caseId: linkedCaseId } : { clueId, ...(newCase ? { newCase } : { caseId: linkedCaseId }) },
    };
    // Decides both streams before writing either; then the acceptance first: a lost race (e.g. a
    // withdrawal) is refused with nothing written, and a store failure between the two appends is
    // finished by a retry with the same command id.
    const { clueEvents } = decideClueAcceptance(accept, clue.state, linkedCase.state, { now });
    const accepted = await runner.append(clueId, clue, clueEvents, metadata, metadata.actor);
    const casePosition = await openNewCase();
    return {
      ...accepted,
      globalPosition: Math.max(accepted.globalPosition, casePosition),
      linkedCaseId,
      caseOpened: newCase !== undefined,
    };
  });
});

export const CLUE_HANDLERS = [
  SubmitClueHandler,
  AcknowledgeClueHandler,
  RequestClueInformationHandler,
  ProvideClueInformationHandler,
  AcceptClueHandler,
  DeclineClueHandler,
  GiveClueFeedbackHandler,
  CloseClueHandler,
  WithdrawClueHandler,
];
