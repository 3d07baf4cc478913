import type {
  BootstrapLedgerInput,
  ChangeAgencyMandatesInput,
  ChangeOfficerRolesInput,
  RegisterAgencyInput,
  RegisterOfficerInput,
  ReinstateOfficerInput,
  SuspendOfficerInput,
} from '../inputs/agency.inputs';
import { type CommandMetadata, LedgerCommand, type CommandResult } from './ledger-command';

/** Run by the ledger itself (CLI), not by an officer: no actor claim. */
export class BootstrapLedgerCommand extends LedgerCommand<BootstrapLedgerInput, CommandResult, CommandMetadata> {}
export class RegisterAgencyCommand extends LedgerCommand<RegisterAgencyInput> {}
export class ChangeAgencyMandatesCommand extends LedgerCommand<ChangeAgencyMandatesInput> {}
export class RegisterOfficerCommand extends LedgerCommand<RegisterOfficerInput> {}
export class ChangeOfficerRolesCommand extends LedgerCommand<ChangeOfficerRolesInput> {}
export class SuspendOfficerCommand extends LedgerCommand<SuspendOfficerInput> {}
export class ReinstateOfficerCommand extends LedgerCommand<ReinstateOfficerInput> {}
