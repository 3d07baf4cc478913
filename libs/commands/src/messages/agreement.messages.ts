import type { ProposeAgreementInput, ResumeAgreementInput, SignAgreementInput, SuspendAgreementInput, TerminateAgreementInput } from '../inputs/agreement.inputs';
import { LedgerCommand } from './ledger-command';

export class ProposeAgreementCommand extends LedgerCommand<ProposeAgreementInput> {}
export class SignAgreementCommand extends LedgerCommand<SignAgreementInput> {}
export class SuspendAgreementCommand extends LedgerCommand<SuspendAgreementInput> {}
export class ResumeAgreementCommand extends LedgerCommand<ResumeAgreementInput> {}
export class TerminateAgreementCommand extends LedgerCommand<TerminateAgreementInput> {}
