import type { TokenService } from '@ledger/platform';
import type { KnownOfficer } from '@ledger/projections';

export interface BannerInput {
  url: string;
  explorer: boolean;
  officers: KnownOfficer[];
  tokens: TokenService;
  /** Token lifetime in seconds. */
  ttlSeconds: number;
}

/**
 * What a person starting the server needs: where it listens, how to open the explorer, and a
 * ready bearer token for each active officer (embedded HS256 mode only: with an external
 * identity provider the server cannot mint tokens).
 */
export async function startupBanner(input: BannerInput): Promise<string> {
  const lines = [
    '',
    `Liaison Ledger API listening on ${input.url}`,
    `  GraphQL (HTTP and WebSocket): ${input.url}/graphql`,
    `  health: ${input.url}/health   metrics: ${input.url}/metrics`,
  ];
  if (input.explorer) {
    lines.push(`  explorer: open ${input.url}/explorer in a browser, paste a token below into the`, '  Authorization header ("Bearer <token>") in the Headers tab, then press the re-fetch button.');
  }
  const active = input.officers.filter((officer) => !officer.suspended);
  if (!input.tokens.canMint) {
    lines.push('', 'Tokens come from the identity provider (RS256): this server does not mint them.');
  } else if (active.length > 0) {
    lines.push('', `Tokens (valid ${Math.round(input.ttlSeconds / 3600)} h; more with: npm run ledger -- token --officer <id>):`);
    for (const officer of active) {
      const token = await input.tokens.mint({ officerId: officer.officerId, agencyId: officer.agencyId, roles: officer.roles, ttlSeconds: input.ttlSeconds });
      lines.push(`  ${officer.officerId.padEnd(24)} ${officer.agencyId.padEnd(20)} ${officer.roles.join(',')}`, `    ${token}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
