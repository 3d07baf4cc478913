import type { FactRecord } from './records';

/**
 * What a batch of events changed, by kind of consequence. The batch writer turns each set into
 * state writes and into the per-agency view rows that must be recomputed.
 */
export class ChangeSet {
  /** Agency records to persist. */
  readonly agencies = new Set<string>();
  /** Agencies whose public profile (name, mandates…) changed: every agency that sees them recomputes its agency list. */
  readonly agencyProfiles = new Set<string>();
  /** Agencies whose officer list changed. */
  readonly officersOf = new Set<string>();
  /** Agencies whose mandates changed: everything shared with them is redacted again. */
  readonly mandates = new Set<string>();

  /** Agreement records to persist and whose rows (one per party) are rewritten. */
  readonly agreements = new Set<string>();
  /** New agreements: the party index is written and each party's agency list recomputed. */
  readonly newAgreements = new Set<string>();
  /** Agreements whose status changed: every case and clue under them is recomputed. */
  readonly agreementStatus = new Set<string>();

  /** Case records to persist. */
  readonly cases = new Set<string>();
  /** Cases whose header (status, shares…) changed: every viewer's case row is rewritten, not its facts. */
  readonly caseHeaders = new Set<string>();
  /** Case → agencies whose whole view of it (header and facts) must be rewritten: a share given, narrowed or revoked. */
  readonly caseViewers = new Map<string, Set<string>>();
  /** Facts recorded in this batch, in order: persisted, and added to every current viewer's view. */
  readonly facts: FactRecord[] = [];
  /** Cases whose shares changed: the recipient index is rewritten. */
  readonly caseShares = new Set<string>();

  touchCaseViewer(caseId: string, agencyId: string): void {
    const agencies = this.caseViewers.get(caseId) ?? new Set<string>();
    agencies.add(agencyId);
    this.caseViewers.set(caseId, agencies);
  }

  /** Clue records to persist and recompute. */
  readonly clues = new Set<string>();
  /** New clues: the recipient index is written. */
  readonly newClues = new Set<string>();
}
