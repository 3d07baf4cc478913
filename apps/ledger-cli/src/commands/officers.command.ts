import type { Command } from 'commander';
import { type LedgerOption, print, runAction, withLedger } from './cli-context';

interface OfficersOptions extends LedgerOption {
  agency?: string;
  json?: boolean;
}

/** `officers`: every registered officer with agency, roles, audit scope and status. */
export function registerOfficersCommand(program: Command): void {
  program
    .command('officers')
    .description('list the registered officers (to pick one for `ledger token --officer <id>`)')
    .option('--agency <id>', 'only the officers of this agency')
    .option('--json', 'print JSON')
    .option('--store <url>', 'event store URL (default LEDGER_EVENT_STORE)')
    .action(
      runAction(async (options: OfficersOptions) => {
        await withLedger(options, async (runtime) => {
          const officers = await runtime.officers.listOfficers(options.agency);
          if (options.json) return print(JSON.stringify(officers, null, 2));
          if (officers.length === 0) return print(options.agency ? `no officers registered with ${options.agency}` : 'no officers registered yet');
          const rows = officers.map((o) => [o.officerId, o.agencyId, o.name, o.roles.join(','), o.auditScope, o.suspended ? 'suspended' : 'active']);
          print(table([['OFFICER', 'AGENCY', 'NAME', 'ROLES', 'AUDIT SCOPE', 'STATUS'], ...rows]));
        });
      }),
    );
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n');
}
