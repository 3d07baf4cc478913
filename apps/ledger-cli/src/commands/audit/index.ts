import type { Command } from 'commander';
import { registerCheckpointCommand } from './checkpoint.command';
import { registerExportCommand } from './export.command';
import { registerPublicKeyCommand } from './public-key.command';
import { registerReplayCommand } from './replay.command';
import { registerVerifyBundleCommand } from './verify-bundle.command';
import { registerVerifyCommand } from './verify.command';

export { registerCheckpointCommand, registerExportCommand, registerPublicKeyCommand, registerReplayCommand, registerVerifyBundleCommand, registerVerifyCommand };

/** Registers every audit subcommand on `program` (e.g. an `audit` command group). */
export function registerAuditCommands(program: Command): void {
  registerVerifyCommand(program);
  registerExportCommand(program);
  registerVerifyBundleCommand(program);
  registerReplayCommand(program);
  registerCheckpointCommand(program);
  registerPublicKeyCommand(program);
}
