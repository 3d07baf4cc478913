import { TokenService } from '@ledger/platform';
import { type Command, InvalidArgumentError } from 'commander';
import { type LedgerOption, print, runAction, withLedger } from './cli-context';

interface TokenOptions extends LedgerOption {
  officer: string;
  ttl: number;
}

/** `token --officer <id>`: a bearer token for a registered, active officer (HS256 with the local secret). */
export function registerTokenCommand(program: Command): void {
  program
    .command('token')
    .description('print a bearer token for a registered officer (embedded HS256 mode; the secret is LEDGER_JWT_SECRET_FILE)')
    .requiredOption('--officer <id>', 'the officer id, e.g. fr-ocreth-dupont')
    .option('--ttl <hours>', 'lifetime in hours (1–720)', hours, 8)
    .option('--store <url>', 'event store URL (default LEDGER_EVENT_STORE)')
    .action(
      runAction(async (options: TokenOptions) => {
        await withLedger(options, async (runtime, config) => {
          const officer = await runtime.officers.findOfficer(options.officer);
          if (officer === null) {
            const known = await runtime.officers.listOfficers();
            const hint = known.length === 0 ? 'the ledger has no officers yet (start the API on an empty ledger, or run `ledger seed`)' : 'list them with `ledger officers`';
            throw new Error(`officer ${options.officer} is not registered in the ledger at ${config.eventStore.url}; ${hint}`);
          }
          if (officer.suspended) throw new Error(`officer ${officer.officerId} of ${officer.agencyId} is suspended: the API would refuse any token for them`);
          const tokens = await TokenService.fromConfig(config.auth);
          if (!tokens.canMint) throw new Error('tokens come from the identity provider (LEDGER_JWT_JWKS_URL is set): this ledger cannot mint them');
          print(await tokens.mint({ officerId: officer.officerId, agencyId: officer.agencyId, roles: officer.roles, ttlSeconds: options.ttl * 3600 }));
        });
      }),
    );
}

function hours(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < 1 || parsed > 720) throw new InvalidArgumentError(`--ttl must be a whole number of hours from 1 to 720 (got ${JSON.stringify(value)})`);
  return parsed;
}
