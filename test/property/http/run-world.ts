import { LedgerModel } from '../oracle/ledger-model';
import type { OfficerRef } from '../world/commands';
import type { MaterialisedWorld } from '../world/materialise';
import { applyCommands, type CommandOutcome, mispredicted } from './apply-commands';
import { checkViews, idsNamedBy, type ViewMismatch } from './check-views';
import type { LedgerApi } from './ledger-api';
import { describeFailure } from './report';

export interface WorldResult {
  /** The server date the world ran on; undefined when it crossed midnight (nothing then is judged). */
  today: string | undefined;
  outcomes: CommandOutcome[];
  mispredictions: CommandOutcome[];
  mismatches: ViewMismatch[];
  /** A readable account of the world, for failure reports. */
  report: string;
}

/**
 * Runs one world against a live ledger: sends its commands (the oracle deciding each alongside),
 * then queries every view as every officer and compares. Worlds share the server: each names its
 * agencies with its own suffix, and the registrar's agency (and every earlier world's agencies)
 * must stay invisible to it.
 */
export async function runWorld(api: LedgerApi, world: MaterialisedWorld, foreignAgencies: readonly string[] = []): Promise<WorldResult> {
  const model = new LedgerModel();
  // The registrar's own agency is outside the world: the oracle knows only that its admin may register agencies.
  model.seedAgency(
    { id: api.registrar.agencyId, name: '(registrar)', country: 'ZZ', kind: 'POLICE', mandates: [] },
    { id: api.registrar.officerId, name: '(registrar admin)', roles: ['AGENCY_ADMIN'], auditScope: 'OWN', suspended: false },
  );
  const applied = await applyCommands(api, model, world.commands);
  const mispredictions = mispredicted(applied.outcomes);
  let mismatches: ViewMismatch[] = [];
  if (applied.today !== undefined && mispredictions.length === 0) {
    const officers: OfficerRef[] = world.agencies.flatMap((agency) => [agency.officers.admin, agency.officers.investigator, agency.officers.liaison]);
    const ids = idsNamedBy(world.commands, [api.registrar.agencyId, ...foreignAgencies]);
    mismatches = await checkViews(api, model, officers, ids, applied.today);
  }
  const today = applied.today ?? '(crossed midnight)';
  return {
    today: applied.today,
    outcomes: applied.outcomes,
    mispredictions,
    mismatches,
    report: describeFailure(world, today, applied.outcomes, mismatches),
  };
}

export function worldFailed(result: WorldResult): boolean {
  return result.mispredictions.length > 0 || result.mismatches.length > 0;
}
