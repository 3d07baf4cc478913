import { LedgerModel } from '../oracle/ledger-model';
import type { OfficerRef } from '../world/commands';
import type { MaterialisedWorld } from '../world/materialise';
import { applyCommands, type CommandOutcome, mispredicted } from './apply-commands';
import { checkViews, idsNamedBy, type ViewMismatch } from './check-views';
import { type LedgerApi, utcDate } from './ledger-api';
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
 * One world against a live ledger: sends its commands (the oracle deciding each alongside), then
 * queries every view as every officer and compares. A world may be continued: send more commands,
 * check again. Worlds share the server: each names its agencies with its own suffix, and the
 * registrar's agency (and other worlds' agencies) must stay invisible to it.
 */
export class WorldRun {
  private readonly model = new LedgerModel();
  private readonly outcomes: CommandOutcome[] = [];
  private readonly answerMismatches: ViewMismatch[] = [];
  private readonly dates = new Set<string>();

  constructor(
    private readonly api: LedgerApi,
    private readonly world: MaterialisedWorld,
    private readonly foreignAgencies: readonly string[] = [],
  ) {
    // The registrar's agency is outside the world: the oracle knows only that its admin may register agencies.
    this.model.seedAgency(
      { id: api.registrar.agencyId, name: '(registrar)', country: 'ZZ', kind: 'OVERSIGHT', mandates: [] },
      { id: api.registrar.officerId, name: '(registrar admin)', roles: ['AGENCY_ADMIN'], auditScope: 'OWN', suspended: false },
    );
  }

  /** Sends the world's commands not sent yet (a scenario may have grown since the last call). */
  async sendPending(): Promise<this> {
    const applied = await applyCommands(this.api, this.model, this.world.commands.slice(this.outcomes.length));
    this.outcomes.push(...applied.outcomes);
    this.answerMismatches.push(...applied.answerMismatches);
    this.dates.add(applied.today ?? 'crossed midnight');
    return this;
  }

  /**
   * Compares every officer's views with the oracle's (unless the oracle already mispredicted a
   * command); `onlyAgencies` (indexes into the world's agencies) narrows the check to some agencies.
   */
  async check(onlyAgencies?: readonly number[]): Promise<WorldResult> {
    const mispredictions = mispredicted(this.outcomes);
    const today = utcDate(Date.now());
    const sameDay = this.dates.size === 1 && this.dates.has(today);
    let mismatches: ViewMismatch[] = [];
    if (sameDay && mispredictions.length === 0) {
      mismatches = [...this.answerMismatches];
      const focused = this.world.agencies.filter((_, index) => onlyAgencies?.includes(index) ?? true);
      const agencies = focused.length > 0 ? focused : this.world.agencies;
      const officers: OfficerRef[] = [
        ...agencies.flatMap((agency) => [agency.officers.admin, agency.officers.investigator, agency.officers.liaison]),
        ...(this.world.impostors ?? []),
      ];
      const ids = idsNamedBy(this.world.commands, [this.api.registrar.agencyId, ...this.foreignAgencies]);
      mismatches.push(...(await checkViews(this.api, this.model, officers, ids, today)));
    }
    return {
      today: sameDay ? today : undefined,
      outcomes: [...this.outcomes],
      mispredictions,
      mismatches,
      report: describeFailure(this.world, sameDay ? today : '(crossed midnight: not judged)', this.outcomes, mismatches),
    };
  }
}

export async function runWorld(api: LedgerApi, world: MaterialisedWorld, options: { foreignAgencies?: readonly string[]; onlyAgencies?: readonly number[] } = {}): Promise<WorldResult> {
  const run = new WorldRun(api, world, options.foreignAgencies);
  await run.sendPending();
  return run.check(options.onlyAgencies);
}

/** Indexes of the world's agencies whose officers saw a difference. */
export function agenciesWithDifferences(world: MaterialisedWorld, result: WorldResult): number[] {
  const agencies = new Set(result.mismatches.map((mismatch) => mismatch.officer.slice(mismatch.officer.indexOf('@') + 1)));
  return world.agencies.flatMap((agency, index) => (agencies.has(agency.id) ? [index] : []));
}

export function worldFailed(result: WorldResult): boolean {
  return result.mispredictions.length > 0 || result.mismatches.length > 0;
}
