import { type ApiHarness, startApi } from '../../support/api-harness';
import type { OfficerRef } from '../world/commands';
import type { LedgerApi } from './ledger-api';

/** A real ledger API on a temporary SQLite directory and a random port, for a whole test file. */
export interface LiveLedger {
  api: LedgerApi;
  harness: ApiHarness;
  stop(): Promise<void>;
}

export async function startLiveLedger(): Promise<LiveLedger> {
  const harness = await startApi();
  try {
    const registrar = await harness.bootstrap();
    const tokens = new Map<string, Promise<string>>();
    const api: LedgerApi = {
      registrar,
      gql: (token, query, variables) => harness.gql(token, query, variables),
      // Tokens are minted for any officer, registered or not: the ledger, not the token, decides who may act.
      token: (officer: OfficerRef) => {
        const key = `${officer.agencyId}/${officer.officerId}`;
        const cached = tokens.get(key) ?? harness.tokenFor(officer.officerId, officer.agencyId);
        tokens.set(key, cached);
        return cached;
      },
    };
    return { api, harness, stop: () => harness.stop() };
  } catch (error) {
    await harness.stop();
    throw error;
  }
}
