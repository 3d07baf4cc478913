import type {
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
import { LedgerCommand, type RecordFactResult } from './ledger-command';

export class OpenCaseCommand extends LedgerCommand<OpenCaseInput> {}
export class RecordPersonCommand extends LedgerCommand<RecordPersonInput, RecordFactResult> {}
export class RecordRouteCommand extends LedgerCommand<RecordRouteInput, RecordFactResult> {}
export class RecordOrganisationCommand extends LedgerCommand<RecordOrganisationInput, RecordFactResult> {}
export class RecordMoneyFlowCommand extends LedgerCommand<RecordMoneyFlowInput, RecordFactResult> {}
export class AddNoteCommand extends LedgerCommand<AddNoteInput, RecordFactResult> {}
export class ShareCaseCommand extends LedgerCommand<ShareCaseInput> {}
export class RevokeShareCommand extends LedgerCommand<RevokeShareInput> {}
export class DeclareJointInvestigationCommand extends LedgerCommand<DeclareJointInvestigationInput> {}
export class CloseCaseCommand extends LedgerCommand<CloseCaseInput> {}
