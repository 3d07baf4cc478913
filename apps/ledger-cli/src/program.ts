import { Command } from 'commander';
import { registerAuditCommands } from './commands/audit';
import { registerOfficersCommand } from './commands/officers.command';
import { registerRebuildCommand } from './commands/rebuild.command';
import { registerSeedCommand } from './commands/seed.command';
import { registerTokenCommand } from './commands/token.command';

/**
 * The `ledger` command line: development tokens, the officer list, the demo seed, rebuilding the
 * views, and the auditor's commands under `ledger audit …`. Settings come from the same
 * environment as the API (LEDGER_DATA_DIR, LEDGER_EVENT_STORE, LEDGER_JWT_SECRET_FILE…).
 */
export function buildProgram(options: { exitOverride?: boolean } = {}): Command {
  const program = new Command('ledger').description('Liaison Ledger command line').showHelpAfterError();
  // Set before the subcommands exist, so that they inherit it: errors throw instead of exiting.
  if (options.exitOverride) program.exitOverride();
  registerTokenCommand(program);
  registerOfficersCommand(program);
  registerSeedCommand(program);
  registerRebuildCommand(program);
  // The auditor's commands work both at the top level (`ledger verify`) and grouped (`ledger audit verify`).
  registerAuditCommands(program);
  registerAuditCommands(program.command('audit').description('verify, export, replay and checkpoint the ledger'));
  return program;
}
