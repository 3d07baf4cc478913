import type {
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
import { type AcceptClueResult, LedgerCommand } from './ledger-command';

export class SubmitClueCommand extends LedgerCommand<SubmitClueInput> {}
export class AcknowledgeClueCommand extends LedgerCommand<AcknowledgeClueInput> {}
export class RequestClueInformationCommand extends LedgerCommand<RequestClueInformationInput> {}
export class ProvideClueInformationCommand extends LedgerCommand<ProvideClueInformationInput> {}
export class AcceptClueCommand extends LedgerCommand<AcceptClueInput, AcceptClueResult> {}
export class DeclineClueCommand extends LedgerCommand<DeclineClueInput> {}
export class GiveClueFeedbackCommand extends LedgerCommand<GiveClueFeedbackInput> {}
export class CloseClueCommand extends LedgerCommand<CloseClueInput> {}
export class WithdrawClueCommand extends LedgerCommand<WithdrawClueInput> {}
