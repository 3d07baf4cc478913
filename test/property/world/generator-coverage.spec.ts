import * as fc from 'fast-check';
import { type Json, expectedView } from '../oracle/expected-views';
import { LedgerModel } from '../oracle/ledger-model';
import { materialise } from './materialise';
import { worldSpecArb } from './world-spec';

/**
 * The generated worlds must reach the situations the access-control rules are about, or the
 * property would pass without testing them. This replays the worlds the CI property generates
 * (same arbitrary, same seed, same count) through the oracle alone and counts what they exercise.
 */
const TODAY = '2025-06-15';
const CI_SEED = 20_250_615;
const CI_WORLDS = 30;

interface Coverage {
  commands: number;
  refusedRules: Set<string>;
  acceptedOps: Set<string>;
  /** Cases seen by a recipient (not their owner). */
  sharedCasesSeen: number;
  /** Personal fields a recipient holds the share for but not (any longer) the mandate. */
  redactedByMandate: number;
  redactedByShare: number;
  /** Facts a recipient does not see because they are marked above the agreement's ceiling. */
  factsAboveCeiling: number;
  revokedShares: number;
  sharesUnderAgreementsNotInForce: number;
  inboxClues: number;
  redactedIdentities: number;
}

function measure(): Coverage {
  const coverage: Coverage = {
    commands: 0,
    refusedRules: new Set(),
    acceptedOps: new Set(),
    sharedCasesSeen: 0,
    redactedByMandate: 0,
    redactedByShare: 0,
    factsAboveCeiling: 0,
    revokedShares: 0,
    sharesUnderAgreementsNotInForce: 0,
    inboxClues: 0,
    redactedIdentities: 0,
  };
  const registrar = { agencyId: 'registry', officerId: 'registrar' };
  for (const spec of fc.sample(worldSpecArb(), { numRuns: CI_WORLDS, seed: CI_SEED })) {
    const world = materialise(spec, { suffix: 'c', today: TODAY, registrar });
    const model = new LedgerModel();
    model.seedAgency({ id: registrar.agencyId, name: 'Registry', country: 'BE', kind: 'OVERSIGHT', mandates: [] }, { id: registrar.officerId, name: 'Registrar', roles: ['AGENCY_ADMIN'], auditScope: 'OWN', suspended: false });
    for (const command of world.commands) {
      const prediction = model.apply(command, { today: TODAY, at: { notBefore: 0, notAfter: 1 } });
      coverage.commands += 1;
      if (prediction.accepted) coverage.acceptedOps.add(command.op);
      else coverage.refusedRules.add(prediction.rule);
    }
    for (const agency of world.agencies) {
      const view = expectedView(model, agency.id, TODAY);
      for (const record of model.cases.values()) {
        const share = record.shares.get(agency.id);
        if (record.owner === agency.id || share === undefined) continue;
        if (share.revoked) coverage.revokedShares += 1;
        else if (!model.isInForce(share.agreementId, TODAY)) coverage.sharesUnderAgreementsNotInForce += 1;
        const seen = view.cases.get(record.id);
        if (seen === undefined) continue;
        coverage.sharedCasesSeen += 1;
        coverage.factsAboveCeiling += record.facts.length - countFacts(seen);
        for (const field of redactedFields(seen)) {
          if (share.categories.includes(field as never)) coverage.redactedByMandate += 1;
          else coverage.redactedByShare += 1;
        }
      }
      coverage.inboxClues += view.inbox.length;
      coverage.redactedIdentities += view.inbox.filter((id) => redactedFields(view.clues.get(id) as Json).length > 0).length;
    }
  }
  return coverage;
}

function countFacts(view: Json): number {
  const record = view as Record<string, unknown[]>;
  return ['persons', 'routes', 'organisations', 'moneyFlows', 'notes'].reduce((sum, key) => sum + record[key].length, 0);
}

/** The categories of every redacted personal field in a view. */
function redactedFields(view: Json): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (record.redacted === true && typeof record.category === 'string') found.push(record.category);
      Object.values(record).forEach(walk);
    }
  };
  walk(view);
  return found;
}

describe('generated worlds', () => {
  const coverage = measure();

  it('send enough commands, accepted of every kind, refused under the access rules', () => {
    expect(coverage.commands).toBeGreaterThan(CI_WORLDS * 35);
    for (const op of ['shareCase', 'revokeShare', 'changeAgencyMandates', 'suspendAgreement', 'resumeAgreement', 'terminateAgreement', 'submitClue', 'acknowledgeClue', 'requestClueInformation', 'provideClueInformation', 'declineClue', 'giveClueFeedback', 'closeClue', 'withdrawClue', 'declareJointInvestigation', 'closeCase', 'suspendOfficer']) {
      expect([op, coverage.acceptedOps.has(op)]).toEqual([op, true]);
    }
    expect(coverage.acceptedOps.has('acceptClue') || coverage.acceptedOps.has('acceptClueIntoNewCase')).toBe(true);
    for (const rule of [
      'case.visible-to-viewer',
      'case.share.agreement-in-force',
      'case.share.categories-within-agreement',
      'case.share.categories-within-mandate',
      'case.share.tlp-within-agreement',
      'case.by-owner-investigator',
      'clue.submit.agreement-in-force',
      'agreement.validity-not-over',
      'actor.not-suspended',
    ]) {
      expect([rule, coverage.refusedRules.has(rule)]).toEqual([rule, true]);
    }
  });

  it('reach every way a recipient loses sight of a case or of a field', () => {
    expect(coverage.sharedCasesSeen).toBeGreaterThanOrEqual(40);
    expect(coverage.redactedByShare).toBeGreaterThanOrEqual(20);
    expect(coverage.redactedByMandate).toBeGreaterThanOrEqual(3);
    expect(coverage.factsAboveCeiling).toBeGreaterThanOrEqual(5);
    expect(coverage.revokedShares).toBeGreaterThanOrEqual(3);
    expect(coverage.sharesUnderAgreementsNotInForce).toBeGreaterThanOrEqual(3);
    expect(coverage.inboxClues).toBeGreaterThanOrEqual(20);
    expect(coverage.redactedIdentities).toBeGreaterThanOrEqual(3);
  });
});
