import { randomBytes } from 'node:crypto';
import { startLiveLedger, type LiveLedger } from './http/live-ledger';
import { QUERIES } from './http/documents';
import { utcDate } from './http/ledger-api';
import { type WorldResult, WorldRun, worldFailed } from './http/run-world';
import type { OfficerRef } from './world/commands';
import { Scenario } from './world/scenario';

/**
 * Hand-built worlds for the access-control rules that matter most, run through the same oracle
 * comparison as the generated worlds (every officer, every query, field by field).
 */
describe('access control over HTTP: regression worlds', () => {
  let ledger: LiveLedger;
  beforeAll(async () => {
    ledger = await startLiveLedger();
  });
  afterAll(async () => {
    await ledger?.stop();
  });

  const scenario = () => new Scenario(randomBytes(3).toString('hex'), utcDate(Date.now()), ledger.api.registrar);
  /** Sends what the scenario added since the last call, then compares every view with the oracle's. */
  const runs = new Map<Scenario, WorldRun>();
  const expectAgreement = async (world: Scenario): Promise<WorldResult> => {
    const run = runs.get(world) ?? new WorldRun(ledger.api, world.world());
    runs.set(world, run);
    const result = await (await run.sendPending()).check();
    if (result.today === undefined) return result;
    if (worldFailed(result)) throw new Error(result.report);
    return result;
  };
  /** The case as `officer` reads it (by hand, beside the oracle): its data, or the error code. */
  const caseAs = async (officer: OfficerRef, caseId: string) => {
    const response = await ledger.api.gql(await ledger.api.token(officer), QUERIES.case, { id: caseId });
    return { code: response.errors?.[0]?.extensions?.code, case: (response.data?.case ?? null) as CaseAnswer | null };
  };

  it('narrows a share when the owner shares again with fewer categories', async () => {
    const world = scenario();
    const fr = world.agency('fr');
    const cn = world.agency('cn');
    const mou = world.agreement('fr-cn', [fr, cn]);
    const caseId = world.openCase('case', fr);
    world.recordFacts(caseId, fr);
    world.share(caseId, fr, [cn], mou, ['VICTIM_IDENTITY', 'FINANCIAL', 'TRAVEL_ROUTE']);
    world.share(caseId, fr, [cn], mou, ['FINANCIAL']);
    const result = await expectAgreement(world);
    expect(result.outcomes.every((outcome) => outcome.accepted)).toBe(true);
    const seen = (await caseAs(cn.officers.liaison, caseId)).case as CaseAnswer;
    expect(seen.shares.map((share) => share.categories)).toEqual([['FINANCIAL']]);
    expect(seen.persons[0].fullName).toEqual({ category: 'VICTIM_IDENTITY', value: null, redacted: true });
    expect(seen.routes[0].origin).toEqual({ category: 'TRAVEL_ROUTE', value: null, redacted: true });
    expect(seen.moneyFlows[0].fromAccount.redacted).toBe(false);
  });

  it('removes a revoked share from the recipient and keeps it (revoked) for the owner', async () => {
    const world = scenario();
    const fr = world.agency('fr');
    const cn = world.agency('cn');
    const at = world.agency('at');
    const mou = world.agreement('fr-cn-at', [fr, cn, at]);
    const caseId = world.openCase('case', fr);
    world.recordFacts(caseId, fr);
    world.share(caseId, fr, [cn, at], mou, ['VICTIM_IDENTITY']);
    world.send('revokeShare', fr.officers.investigator, { caseId, recipientAgencyId: cn.id, reason: 'investigation compromised' });
    await expectAgreement(world);
    expect(await caseAs(cn.officers.investigator, caseId)).toEqual({ code: 'NOT_FOUND', case: null });
    expect((await caseAs(at.officers.investigator, caseId)).case?.persons[0].fullName.value).toBe('Li Mei');
    const owned = (await caseAs(fr.officers.investigator, caseId)).case as CaseAnswer;
    expect(owned.shares.map((share) => [share.recipient.id, share.revoked]).sort()).toEqual([
      [at.id, false],
      [cn.id, true],
    ].sort());
  });

  it('hides cases and clues under a suspended agreement, and shows them again when it resumes', async () => {
    const world = scenario();
    const fr = world.agency('fr');
    const cn = world.agency('cn');
    const mou = world.agreement('fr-cn', [fr, cn]);
    const caseId = world.openCase('case', fr);
    world.recordFacts(caseId, fr);
    world.share(caseId, fr, [cn], mou, ['FINANCIAL']);
    const clueId = world.id('clue');
    world.send('submitClue', fr.officers.liaison, {
      clueId,
      recipients: [{ agencyId: cn.id, agreementId: mou }],
      kind: 'LEAD',
      subject: 'Recruiter in Wenzhou',
      body: 'A recruiter offers jobs in Paris nail salons.',
      markings: { tlp: 'AMBER', handling: ['H0'] },
      senderCaseId: caseId,
    });
    world.send('suspendAgreement', cn.officers.admin, { agreementId: mou, reason: 'data protection review' });
    await expectAgreement(world);
    expect((await caseAs(cn.officers.liaison, caseId)).code).toBe('NOT_FOUND');
    world.send('resumeAgreement', fr.officers.admin, { agreementId: mou });
    await expectAgreement(world);
    expect((await caseAs(cn.officers.liaison, caseId)).case?.moneyFlows[0].fromAccount.redacted).toBe(false);
  });

  it('keeps an agreement that is not yet valid from carrying anything, and refuses one already over', async () => {
    const world = scenario();
    const fr = world.agency('fr');
    const cn = world.agency('cn');
    const later = world.agreement('later', [fr, cn], { validFrom: 3, validUntil: 90 });
    world.agreement('over', [fr, cn], { validFrom: -60, validUntil: -1, signed: false });
    const caseId = world.openCase('case', fr);
    world.share(caseId, fr, [cn], later, []);
    const result = await expectAgreement(world);
    expect(result.outcomes.filter((outcome) => !outcome.accepted).map((outcome) => outcome.command.op)).toEqual(['proposeAgreement', 'shareCase']);
  });

  it('redacts fields of a category the recipient loses from its mandate', async () => {
    const world = scenario();
    const fr = world.agency('fr');
    const cn = world.agency('cn');
    const mou = world.agreement('fr-cn', [fr, cn]);
    const caseId = world.openCase('case', fr);
    world.recordFacts(caseId, fr);
    world.share(caseId, fr, [cn], mou, ['VICTIM_IDENTITY', 'FINANCIAL', 'TRAVEL_ROUTE', 'COMMUNICATIONS', 'LOCATION']);
    world.send('changeAgencyMandates', cn.officers.admin, { mandates: ['FINANCIAL'] });
    await expectAgreement(world);
    const seen = (await caseAs(cn.officers.investigator, caseId)).case as CaseAnswer;
    expect(seen.persons[0].fullName.redacted).toBe(true);
    expect(seen.persons[0].phoneNumber?.redacted).toBe(true);
    expect(seen.moneyFlows[0].fromAccount.value).toBe('FR7630006000011234567890189');
  });

  it('shares a RED case with one named recipient at a time, under a RED agreement only', async () => {
    const world = scenario();
    const fr = world.agency('fr');
    const cn = world.agency('cn');
    const at = world.agency('at');
    const amber = world.agreement('amber', [fr, cn, at], { maxTlp: 'AMBER' });
    const red = world.agreement('red', [fr, cn, at], { maxTlp: 'RED' });
    const caseId = world.openCase('red-case', fr, { tlp: 'RED' });
    world.recordFacts(caseId, fr, 'RED');
    world.share(caseId, fr, [cn], amber, []);
    world.share(caseId, fr, [cn, at], red, ['VICTIM_IDENTITY']);
    world.share(caseId, fr, [cn], red, ['VICTIM_IDENTITY']);
    const result = await expectAgreement(world);
    expect(result.outcomes.slice(-3).map((outcome) => outcome.accepted)).toEqual([false, false, true]);
    expect((await caseAs(cn.officers.investigator, caseId)).case?.persons).toHaveLength(1);
    expect((await caseAs(at.officers.investigator, caseId)).code).toBe('NOT_FOUND');
  });

  it('shows a clue to each recipient alone, and facts above the agreement ceiling to nobody but the owner', async () => {
    const world = scenario();
    const fr = world.agency('fr');
    const cn = world.agency('cn', ['SUSPECT_IDENTITY', 'FINANCIAL']);
    const at = world.agency('at', ['VICTIM_IDENTITY']);
    const frCn = world.agreement('fr-cn', [fr, cn], { maxTlp: 'GREEN' });
    const frAt = world.agreement('fr-at', [fr, at], { maxTlp: 'AMBER' });
    const caseId = world.openCase('case', fr, { tlp: 'GREEN' });
    world.recordFacts(caseId, fr, 'GREEN');
    world.recordFacts(caseId, fr, 'AMBER');
    world.share(caseId, fr, [cn], frCn, ['FINANCIAL']);
    world.share(caseId, fr, [at], frAt, ['VICTIM_IDENTITY']);
    const clueId = world.id('clue');
    world.send('submitClue', fr.officers.investigator, {
      clueId,
      recipients: [
        { agencyId: cn.id, agreementId: frCn },
        { agencyId: at.id, agreementId: frAt },
      ],
      kind: 'IDENTIFICATION_REQUEST',
      subject: 'Identity of a victim',
      body: 'Please confirm the identity and nationality.',
      markings: { tlp: 'GREEN', handling: ['H1', 'H3'], handlingNote: 'Not for judicial use', evaluation: { source: 'B', information: 'KNOWN_TO_SOURCE' } },
      claimedIdentity: { personRole: 'VICTIM', fullName: 'Wang Fang', dateOfBirth: '1999-07-12', nationality: 'CN', documentNumber: 'E99887766' },
    });
    world.send('acknowledgeClue', cn.officers.liaison, { clueId });
    world.send('requestClueInformation', cn.officers.liaison, { clueId, question: 'Any photograph?' });
    world.send('provideClueInformation', fr.officers.liaison, { clueId, recipientAgencyId: cn.id, answer: 'Attached to the case.' });
    world.send('acceptClueIntoNewCase', cn.officers.investigator, {
      clueId,
      newCase: { caseId: world.id('cn-case'), kind: 'IDENTIFICATION', title: 'Identification of Wang Fang', summary: 'Opened for the request', markings: { tlp: 'AMBER', handling: [] } },
    });
    world.send('giveClueFeedback', cn.officers.investigator, { clueId, outcome: 'IDENTITY_CONFIRMED', comment: 'Confirmed by the household register.' });
    world.send('closeClue', fr.officers.liaison, { clueId, recipientAgencyId: cn.id });
    world.send('acknowledgeClue', at.officers.investigator, { clueId });
    world.send('declineClue', at.officers.investigator, { clueId, reason: 'Not our competence' });
    world.send('closeClue', at.officers.liaison, { clueId });
    const result = await expectAgreement(world);
    expect(result.outcomes.every((outcome) => outcome.accepted)).toBe(true);
  });

  it('refuses every command and read of a token claiming another agency, or an officer the ledger does not know', async () => {
    const world = scenario();
    const fr = world.agency('fr');
    const cn = world.agency('cn');
    world.agreement('fr-cn', [fr, cn]);
    const caseId = world.openCase('case', cn);
    const posingAsCn = world.impostor(fr.officers.admin.officerId, cn.id);
    const unknown = world.impostor(`${cn.id}-nobody`, cn.id);
    world.send('changeAgencyMandates', posingAsCn, { mandates: [] });
    world.send('recordPerson', unknown, { caseId, personId: world.id('person'), role: 'VICTIM', fullName: 'Li Mei', markings: { tlp: 'GREEN', handling: [] } });
    const result = await expectAgreement(world);
    expect(result.outcomes.slice(-2).map((outcome) => outcome.code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
  });

  it('refuses every command of a suspended officer and every read it attempts', async () => {
    const world = scenario();
    const fr = world.agency('fr');
    const cn = world.agency('cn');
    world.agreement('fr-cn', [fr, cn]);
    world.send('suspendOfficer', fr.officers.admin, { officerId: fr.officers.investigator.officerId, reason: 'on leave' });
    world.openCase('case', fr);
    const result = await expectAgreement(world);
    expect(result.outcomes.at(-1)?.accepted).toBe(false);
  });
});

/** The parts of a case answer the hand-written expectations look at. */
interface PersonalAnswer {
  category: string;
  value: unknown;
  redacted: boolean;
}
interface CaseAnswer {
  shares: { recipient: { id: string }; categories: string[]; revoked: boolean }[];
  persons: { fullName: PersonalAnswer; phoneNumber: PersonalAnswer | null }[];
  routes: { origin: PersonalAnswer }[];
  moneyFlows: { fromAccount: PersonalAnswer }[];
}
