import * as fc from 'fast-check';
import type { OfficerRef } from '../world/commands';
import { materialise } from '../world/materialise';
import { Scenario } from '../world/scenario';
import { worldSpecArb } from '../world/world-spec';
import { differences } from './compare';
import { expectedView, Within } from './expected-views';
import { LedgerModel, type Prediction } from './ledger-model';

/** The oracle on tiny hand-built worlds, with no server: each rule of VISIBILITY.md once. */

const TODAY = '2025-06-15';
const ROOT: OfficerRef = { agencyId: 'root', officerId: 'root-admin' };

function replay(scenario: Scenario, today = TODAY): { model: LedgerModel; predictions: Prediction[] } {
  const model = new LedgerModel();
  model.seedAgency({ id: 'root', name: 'Root', country: 'BE', kind: 'POLICE', mandates: [] }, { id: 'root-admin', name: 'Root admin', roles: ['AGENCY_ADMIN'], auditScope: 'OWN', suspended: false });
  let clock = 0;
  const predictions = scenario.commands.map((command) => model.apply(command, { today, at: { notBefore: clock++, notAfter: clock } }));
  return { model, predictions };
}

const accepted = (predictions: Prediction[]) => predictions.map((p) => (p.accepted ? 'ok' : p.rule));
type Viewed = { persons: { fullName: { value: unknown; redacted: boolean }; phoneNumber: { redacted: boolean } }[]; moneyFlows: { fromAccount: { value: unknown; redacted: boolean } }[]; routes: { origin: { redacted: boolean } }[]; shares: unknown[] };

function caseAs(model: LedgerModel, viewer: string, caseId: string, today = TODAY): Viewed | undefined {
  return expectedView(model, viewer, today).cases.get(caseId) as unknown as Viewed | undefined;
}

describe('access-control oracle', () => {
  const s = () => new Scenario('t', TODAY, ROOT);

  it('shows the owner everything and a recipient only the categories of share ∩ agreement ∩ mandate', () => {
    const world = s();
    const fr = world.agency('fr');
    const cn = world.agency('cn', ['VICTIM_IDENTITY', 'FINANCIAL', 'TRAVEL_ROUTE']);
    const mou = world.agreement('mou', [fr, cn], { categories: ['VICTIM_IDENTITY', 'FINANCIAL', 'COMMUNICATIONS'] });
    const caseId = world.openCase('case', fr);
    world.recordFacts(caseId, fr);
    world.share(caseId, fr, [cn], mou, ['VICTIM_IDENTITY', 'FINANCIAL']);
    const { model, predictions } = replay(world);
    expect(accepted(predictions).every((p) => p === 'ok')).toBe(true);

    const owned = caseAs(model, fr.id, caseId) as Viewed;
    expect(owned.persons[0].fullName).toEqual({ category: 'VICTIM_IDENTITY', value: 'Li Mei', redacted: false });
    const shared = caseAs(model, cn.id, caseId) as Viewed;
    expect(shared.persons[0].fullName).toEqual({ category: 'VICTIM_IDENTITY', value: 'Li Mei', redacted: false });
    expect(shared.persons[0].phoneNumber).toEqual({ category: 'COMMUNICATIONS', value: null, redacted: true });
    expect(shared.moneyFlows[0].fromAccount.redacted).toBe(false);
    // TRAVEL_ROUTE is in cn's mandate but neither shared nor allowed by the agreement.
    expect(shared.routes[0].origin).toEqual({ category: 'TRAVEL_ROUTE', value: null, redacted: true });
    expect(shared.shares).toHaveLength(1);
  });

  it('narrows a share when the case is shared again with fewer categories', () => {
    const world = s();
    const fr = world.agency('fr');
    const cn = world.agency('cn');
    const mou = world.agreement('mou', [fr, cn]);
    const caseId = world.openCase('case', fr);
    world.recordFacts(caseId, fr);
    world.share(caseId, fr, [cn], mou, ['VICTIM_IDENTITY', 'FINANCIAL']);
    world.share(caseId, fr, [cn], mou, ['FINANCIAL']);
    const { model } = replay(world);
    const shared = caseAs(model, cn.id, caseId) as Viewed;
    expect(shared.persons[0].fullName).toEqual({ category: 'VICTIM_IDENTITY', value: null, redacted: true });
    expect(shared.moneyFlows[0].fromAccount.redacted).toBe(false);
  });

  it('removes the case from the recipient on revocation, suspension and expiry, and brings it back on resumption', () => {
    const world = s();
    const fr = world.agency('fr');
    const cn = world.agency('cn');
    const at = world.agency('at');
    const mou = world.agreement('mou', [fr, cn, at], { validUntil: 10 });
    const caseId = world.openCase('case', fr);
    world.share(caseId, fr, [cn, at], mou, []);
    world.send('revokeShare', fr.officers.investigator, { caseId, recipientAgencyId: at.id, reason: 'no longer needed' });
    const revoked = replay(world).model;
    expect(caseAs(revoked, at.id, caseId)).toBeUndefined();
    expect(caseAs(revoked, cn.id, caseId)).toBeDefined();
    // The owner still sees the revoked share.
    expect((caseAs(revoked, fr.id, caseId) as Viewed).shares).toHaveLength(2);

    world.send('suspendAgreement', cn.officers.admin, { agreementId: mou, reason: 'audit' });
    expect(caseAs(replay(world).model, cn.id, caseId)).toBeUndefined();
    world.send('resumeAgreement', fr.officers.admin, { agreementId: mou });
    const resumed = replay(world).model;
    expect(caseAs(resumed, cn.id, caseId)).toBeDefined();
    // Eleven days later the agreement is over.
    expect(caseAs(resumed, cn.id, caseId, '2025-06-26')).toBeUndefined();
  });

  it('refuses shares that break the agreement, the mandate or the TLP ceiling', () => {
    const world = s();
    const fr = world.agency('fr');
    const cn = world.agency('cn', ['FINANCIAL']);
    const bg = world.agency('bg');
    const amber = world.agreement('amber', [fr, cn, bg], { maxTlp: 'AMBER', categories: ['FINANCIAL', 'VICTIM_IDENTITY'] });
    const red = world.agreement('red', [fr, cn, bg], { maxTlp: 'RED' });
    const future = world.agreement('future', [fr, cn], { validFrom: 5 });
    const unsigned = world.agreement('unsigned', [fr, cn], { signed: false });
    const redCase = world.openCase('red-case', fr, { tlp: 'RED' });
    const green = world.openCase('green-case', fr, { tlp: 'GREEN' });
    const start = world.commands.length;
    world.share(redCase, fr, [cn], amber, []); // TLP above the ceiling
    world.share(redCase, fr, [cn, bg], red, []); // RED goes to one named recipient at a time
    world.share(redCase, fr, [cn], red, ['FINANCIAL']); // fine
    world.share(green, fr, [cn], amber, ['VICTIM_IDENTITY']); // outside cn's mandate
    world.share(green, fr, [cn], amber, ['COMMUNICATIONS']); // outside the agreement
    world.share(green, fr, [cn], future, []); // not valid yet
    world.share(green, fr, [cn], unsigned, []); // not signed by everyone
    world.send('shareCase', cn.officers.investigator, { caseId: green, recipientAgencyIds: [bg.id], agreementId: amber, categories: [] }); // not the owner, and cannot even see it
    world.share(green, fr, [cn], amber, ['FINANCIAL']); // fine
    const { predictions } = replay(world);
    expect(accepted(predictions.slice(start))).toEqual([
      'case.share.tlp-within-agreement',
      'case.share.red-single-recipient',
      'ok',
      'case.share.categories-within-mandate',
      'case.share.categories-within-agreement',
      'case.share.agreement-in-force',
      'case.share.agreement-in-force',
      'case.visible-to-viewer',
      'ok',
    ]);
  });

  it('hides facts marked above the agreement ceiling and redacts after a mandate change', () => {
    const world = s();
    const fr = world.agency('fr');
    const cn = world.agency('cn');
    const mou = world.agreement('mou', [fr, cn], { maxTlp: 'AMBER' });
    const caseId = world.openCase('case', fr, { tlp: 'GREEN' });
    world.recordFacts(caseId, fr, 'RED');
    world.recordFacts(caseId, fr, 'AMBER');
    world.share(caseId, fr, [cn], mou, ['VICTIM_IDENTITY', 'FINANCIAL']);
    const before = replay(world).model;
    expect((caseAs(before, cn.id, caseId) as Viewed).persons).toHaveLength(1);
    expect((caseAs(before, fr.id, caseId) as Viewed).persons).toHaveLength(2);
    world.send('changeAgencyMandates', cn.officers.admin, { mandates: ['FINANCIAL'] });
    const after = caseAs(replay(world).model, cn.id, caseId) as Viewed;
    expect(after.persons[0].fullName.redacted).toBe(true);
    expect(after.moneyFlows[0].fromAccount.redacted).toBe(false);
  });

  it('shows a clue to each recipient alone, redacting the claimed identity by agreement and mandate', () => {
    const world = s();
    const fr = world.agency('fr');
    const cn = world.agency('cn', ['SUSPECT_IDENTITY']);
    const at = world.agency('at', ['VICTIM_IDENTITY']);
    const frCn = world.agreement('fr-cn', [fr, cn]);
    const frAt = world.agreement('fr-at', [fr, at]);
    const clueId = world.id('clue');
    world.send('submitClue', fr.officers.liaison, {
      clueId,
      recipients: [
        { agencyId: cn.id, agreementId: frCn },
        { agencyId: at.id, agreementId: frAt },
      ],
      kind: 'IDENTIFICATION_REQUEST',
      subject: 'Who is this?',
      body: 'Please confirm the identity.',
      markings: { tlp: 'AMBER', handling: ['H2'] },
      claimedIdentity: { personRole: 'VICTIM', fullName: 'Chen Jing', nationality: 'CN' },
    });
    world.send('acknowledgeClue', cn.officers.liaison, { clueId });
    world.send('suspendAgreement', at.officers.admin, { agreementId: frAt, reason: 'review' });
    const { model, predictions } = replay(world);
    expect(predictions.every((p) => p.accepted)).toBe(true);

    type ClueViewed = { recipients: { agency: { id: string }; steps: { officerId: unknown }[] }[]; claimedIdentity: { fullName: { redacted: boolean } } };
    const sender = expectedView(model, fr.id, TODAY).clues.get(clueId) as unknown as ClueViewed;
    expect(sender.recipients.map((r) => r.agency.id).sort()).toEqual([cn.id, at.id].sort());
    expect(sender.claimedIdentity.fullName.redacted).toBe(false);
    const cnView = expectedView(model, cn.id, TODAY);
    const received = cnView.clues.get(clueId) as unknown as ClueViewed;
    expect(received.recipients.map((r) => r.agency.id)).toEqual([cn.id]);
    expect(received.claimedIdentity.fullName.redacted).toBe(true);
    // The recipient sees who acknowledged (its own officer) but not who submitted.
    expect(received.recipients[0].steps.map((step) => step.officerId)).toEqual([null, cn.officers.liaison.officerId]);
    expect(cnView.inbox).toEqual([clueId]);
    // at's agreement is suspended: the clue is out of its view, in its inbox and by id.
    expect(expectedView(model, at.id, TODAY).clues.has(clueId)).toBe(false);
  });

  it('shows an agency only itself and the co-parties of its agreements', () => {
    const world = s();
    const fr = world.agency('fr');
    const cn = world.agency('cn');
    const at = world.agency('at');
    world.agreement('mou', [fr, cn], { signed: false });
    const { model } = replay(world);
    expect(expectedView(model, fr.id, TODAY).agencies.map((a) => a.id)).toEqual([cn.id, fr.id].sort());
    expect(expectedView(model, at.id, TODAY).agencies.map((a) => a.id)).toEqual([at.id]);
  });

  it('refuses commands from suspended officers and from officers without the role', () => {
    const world = s();
    const fr = world.agency('fr');
    world.send('suspendOfficer', fr.officers.admin, { officerId: fr.officers.investigator.officerId, reason: 'leave' });
    world.send('openCase', fr.officers.investigator, { caseId: world.id('c1'), kind: 'SMUGGLING', title: 'x', summary: '', markings: { tlp: 'GREEN', handling: [] } });
    world.send('openCase', fr.officers.liaison, { caseId: world.id('c2'), kind: 'SMUGGLING', title: 'x', summary: '', markings: { tlp: 'GREEN', handling: [] } });
    world.send('suspendOfficer', fr.officers.admin, { officerId: fr.officers.admin.officerId, reason: 'oops' });
    const { predictions } = replay(world);
    expect(accepted(predictions.slice(-4))).toEqual(['ok', 'actor.not-suspended', 'case.open.by-investigator', 'agency.keeps-an-active-admin']);
  });

  it('compares field by field, with instants inside their window and unordered lists sorted', () => {
    const expected = { id: 'x', at: new Within({ notBefore: 1000, notAfter: 2000 }), mandates: ['B', 'A'], list: [{ id: '2' }, { id: '1' }] };
    expect(differences(expected, { id: 'x', at: new Date(1500).toISOString(), mandates: ['A', 'B'], list: [{ id: '1' }, { id: '2' }] })).toEqual([]);
    const found = differences(expected, { id: 'x', at: new Date(2500).toISOString(), mandates: ['A'], list: [{ id: '1' }, { id: '2', extra: true }] });
    expect(found.map((d) => d.path)).toEqual(['at', 'mandates.length', 'list[1].extra']);
  });

  it('replays any generated world without throwing, and accepts a good share of its commands', () => {
    fc.assert(
      fc.property(worldSpecArb(), (spec) => {
        const world = materialise(spec, { suffix: 'g', today: TODAY, registrar: ROOT });
        const scenario = new Scenario('g', TODAY, ROOT);
        scenario.commands.push(...world.commands);
        const { model, predictions } = replay(scenario);
        for (const agency of world.agencies) expectedView(model, agency.id, TODAY);
        // Setting up the agencies always succeeds.
        expect(predictions.slice(0, 3 * world.agencies.length).every((p) => p.accepted)).toBe(true);
      }),
      { numRuns: 200, seed: 42 },
    );
  });
});
