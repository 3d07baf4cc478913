import {
  agreementDecider,
  agreementStreamName,
  type CaseCommand,
  caseDecider,
  caseStreamName,
  decideCase,
  type RecordFactCommand,
} from '@ledger/domain';
import { deriveId } from '../execution/derive-id';
import type { CommandRunner } from '../execution/command-runner';
import {
  AddNoteInput,
  CloseCaseInput,
  DeclareJointInvestigationInput,
  OpenCaseInput,
  RecordMoneyFlowInput,
  RecordOrganisationInput,
  RecordPersonInput,
  RecordRouteInput,
  RevokeShareInput,
  ShareCaseInput,
} from '../inputs/case.inputs';
import {
  AddNoteCommand,
  CloseCaseCommand,
  DeclareJointInvestigationCommand,
  OpenCaseCommand,
  RecordMoneyFlowCommand,
  RecordOrganisationCommand,
  RecordPersonCommand,
  RecordRouteCommand,
  RevokeShareCommand,
  ShareCaseCommand,
} from '../messages/case.messages';
import type { ActorCommandMetadata, CommandResult, RecordFactResult } from '../messages/ledger-command';
import { validateInput } from '../validation/validate-input';
import { actorMetadata, defineHandler } from './define-handler';

/** Runs a command on stream `case-<caseId>`; ShareCase also needs the agreement and the recipients. */
function runOnCase(runner: CommandRunner, caseId: string, metadata: ActorCommandMetadata, command: (actor: CaseCommand['actor']) => CaseCommand): Promise<CommandResult> {
  return runner.execute({
    id: caseId,
    stream: caseStreamName(caseId),
    folding: caseDecider,
    metadata,
    actor: metadata.actor,
    decide: async (state, now) => {
      const decided = command(await runner.officers.resolve(metadata.actor));
      if (decided.type !== 'ShareCase') return decideCase(decided, state, { now });
      const [agreement, recipients] = await Promise.all([
        runner.load(agreementStreamName(decided.data.agreementId), agreementDecider),
        runner.officers.agencyStates(decided.data.recipientAgencyIds),
      ]);
      return decideCase(decided, state, { now, agreement: agreement.state, recipients });
    },
  });
}

/** Facts get the caller's id or one derived from the command id, and the result names it. */
async function recordFact(
  runner: CommandRunner,
  caseId: string,
  factId: string,
  metadata: ActorCommandMetadata,
  command: (actor: CaseCommand['actor']) => RecordFactCommand,
): Promise<RecordFactResult> {
  return { ...(await runOnCase(runner, caseId, metadata, command)), factId };
}

export const OpenCaseHandler = defineHandler(OpenCaseCommand, async (runner, command) => {
  const input = validateInput(OpenCaseInput, command.input);
  const metadata = actorMetadata(command.metadata);
  const caseId = input.caseId ?? deriveId(metadata.commandId, 'case');
  return runOnCase(runner, caseId, metadata, (actor) => ({
    type: 'OpenCase',
    actor,
    data: { caseId, kind: input.kind, title: input.title, summary: input.summary ?? '', markings: input.markings },
  }));
});

export const RecordPersonHandler = defineHandler(RecordPersonCommand, async (runner, command) => {
  const { caseId, personId, ...person } = validateInput(RecordPersonInput, command.input);
  const metadata = actorMetadata(command.metadata);
  const factId = personId ?? deriveId(metadata.commandId, 'fact');
  return recordFact(runner, caseId, factId, metadata, (actor) => ({ type: 'RecordPerson', actor, data: { caseId, personId: factId, ...person } }));
});

export const RecordRouteHandler = defineHandler(RecordRouteCommand, async (runner, command) => {
  const { caseId, routeId, origin, transit, destination, method, markings } = validateInput(RecordRouteInput, command.input);
  const metadata = actorMetadata(command.metadata);
  const factId = routeId ?? deriveId(metadata.commandId, 'fact');
  return recordFact(runner, caseId, factId, metadata, (actor) => ({
    type: 'RecordRoute',
    actor,
    data: { caseId, routeId: factId, origin, transit: transit ?? [], destination, method, markings },
  }));
});

export const RecordOrganisationHandler = defineHandler(RecordOrganisationCommand, async (runner, command) => {
  const { caseId, organisationId, ...organisation } = validateInput(RecordOrganisationInput, command.input);
  const metadata = actorMetadata(command.metadata);
  const factId = organisationId ?? deriveId(metadata.commandId, 'fact');
  return recordFact(runner, caseId, factId, metadata, (actor) => ({ type: 'RecordOrganisation', actor, data: { caseId, organisationId: factId, ...organisation } }));
});

export const RecordMoneyFlowHandler = defineHandler(RecordMoneyFlowCommand, async (runner, command) => {
  const { caseId, flowId, ...flow } = validateInput(RecordMoneyFlowInput, command.input);
  const metadata = actorMetadata(command.metadata);
  const factId = flowId ?? deriveId(metadata.commandId, 'fact');
  return recordFact(runner, caseId, factId, metadata, (actor) => ({ type: 'RecordMoneyFlow', actor, data: { caseId, flowId: factId, ...flow } }));
});

export const AddNoteHandler = defineHandler(AddNoteCommand, async (runner, command) => {
  const { caseId, noteId, text, markings } = validateInput(AddNoteInput, command.input);
  const metadata = actorMetadata(command.metadata);
  const factId = noteId ?? deriveId(metadata.commandId, 'fact');
  return recordFact(runner, caseId, factId, metadata, (actor) => ({ type: 'AddNote', actor, data: { caseId, noteId: factId, text, markings } }));
});

export const ShareCaseHandler = defineHandler(ShareCaseCommand, async (runner, command) => {
  const { caseId, recipientAgencyIds, agreementId, categories } = validateInput(ShareCaseInput, command.input);
  return runOnCase(runner, caseId, actorMetadata(command.metadata), (actor) => ({ type: 'ShareCase', actor, data: { caseId, recipientAgencyIds, agreementId, categories } }));
});

export const RevokeShareHandler = defineHandler(RevokeShareCommand, async (runner, command) => {
  const { caseId, recipientAgencyId, reason } = validateInput(RevokeShareInput, command.input);
  return runOnCase(runner, caseId, actorMetadata(command.metadata), (actor) => ({ type: 'RevokeShare', actor, data: { caseId, recipientAgencyId, reason } }));
});

export const DeclareJointInvestigationHandler = defineHandler(DeclareJointInvestigationCommand, async (runner, command) => {
  const { caseId, partnerAgencyIds } = validateInput(DeclareJointInvestigationInput, command.input);
  return runOnCase(runner, caseId, actorMetadata(command.metadata), (actor) => ({ type: 'DeclareJointInvestigation', actor, data: { caseId, partnerAgencyIds } }));
});

export const CloseCaseHandler = defineHandler(CloseCaseCommand, async (runner, command) => {
  const { caseId, reason } = validateInput(CloseCaseInput, command.input);
  return runOnCase(runner, caseId, actorMetadata(command.metadata), (actor) => ({ type: 'CloseCase', actor, data: { caseId, reason } }));
});

export const CASE_HANDLERS = [
  OpenCaseHandler,
  RecordPersonHandler,
  RecordRouteHandler,
  RecordOrganisationHandler,
  RecordMoneyFlowHandler,
  AddNoteHandler,
  ShareCaseHandler,
  RevokeShareHandler,
  DeclareJointInvestigationHandler,
  CloseCaseHandler,
];
