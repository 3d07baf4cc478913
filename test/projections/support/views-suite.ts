/**
 * The projection behaviour every read-model backend must show, written once and run against
 * SQLite and PostgreSQL: visibility and redaction per VISIBILITY.md, share changes, agreement
 * status and validity, mandate changes, clue boxes and step history, statistics, paging.
 */
import type { ViewField } from '@ledger/projections';
import { AT, BG, CN, caseWithFacts, EUROPOL, FR, investigator, liaison, admin, makeAgreement, markings, type Scenario, standardWorld } from './scenario';

export function viewsSuite(open: () => Promise<Scenario>): void {
  let s: Scenario;
  beforeEach(async () => {
    s = await open();
    await standardWorld(s);
  });
  afterEach(async () => {
    await s.close();
  });

  const fieldsOf = async (agencyId: string, caseId: string, factId: string): Promise<Record<string, ViewField>> => {
    const view = await s.views.forAgency(agencyId).case(caseId);
    const fact = view?.facts.find((f) => f.factId === factId);
    if (!fact) throw new Error(`${agencyId} does not see fact ${factId} of ${caseId}`);
    return fact.fields as Record<string, ViewField>;
  };

  describe('cases', () => {
    it('shows the owner everything and nobody else anything before a share', async () => {
      await s.run({ type: 'OpenCase', actor: investigator(FR), data: { caseId: 'k1', kind: 'TRAFFICKING', title: 'Ring', summary: 'S', markings: markings() } });
      await caseWithFacts(s, 'k2');
      await s.projector.catchUp(10_000);
      const owner = await s.views.forAgency(FR).case('k2');
      expect(owner?.viewerRole).toBe('OWNER');
      expect(owner?.facts.map((f) => f.factId).sort()).toEqual(['flow-1', 'note-red', 'org-1', 'route-1', 'suspect-1', 'victim-1']);
      expect(JSON.stringify(owner)).toContain('Li Na');
      expect(owner?.facts.find((f) => f.factId === 'victim-1')?.recordedByOfficerId).toBe(investigator(FR).officerId);
      for (const other of [CN, AT, BG, EUROPOL]) {
        expect(await s.views.forAgency(other).case('k2')).toBeNull();
        expect((await s.views.forAgency(other).cases()).items).toEqual([]);
      }
    });

    it('shows a recipient the facts within maxTlp, with fields outside share ∩ agreement ∩ mandate redacted', async () => {
      await caseWithFacts(s, 'k1');
      // fr-at allows VICTIM_IDENTITY, TRAVEL_ROUTE, FINANCIAL up to AMBER; AT's mandates lack FINANCIAL.
      await s.run({ type: 'ShareCase', actor: investigator(FR), data: { caseId: 'k1', recipientAgencyIds: [AT], agreementId: 'fr-at', categories: ['VICTIM_IDENTITY', 'TRAVEL_ROUTE'] } });
      const view = await s.views.forAgency(AT).case('k1');
      expect(view).not.toBeNull();
      expect(view?.viewerRole).toBe('RECIPIENT');
      expect(view?.visibleCategories?.sort()).toEqual(['TRAVEL_ROUTE', 'VICTIM_IDENTITY']);
      expect(view?.facts.map((f) => f.factId).sort()).toEqual(['flow-1', 'org-1', 'route-1', 'suspect-1', 'victim-1']); // not the RED note
      const victim = await fieldsOf(AT, 'k1', 'victim-1');
      expect(victim.fullName).toEqual({ category: 'VICTIM_IDENTITY', value: 'Li Na', redacted: false });
      expect(victim.phoneNumber).toEqual({ category: 'COMMUNICATIONS', redacted: true });
      expect(victim.address).toEqual({ category: 'LOCATION', redacted: true });
      expect((await fieldsOf(AT, 'k1', 'suspect-1')).fullName).toEqual({ category: 'SUSPECT_IDENTITY', redacted: true });
      expect((await fieldsOf(AT, 'k1', 'flow-1')).fromAccount).toEqual({ category: 'FINANCIAL', redacted: true });
      expect((await fieldsOf(AT, 'k1', 'flow-1')).amount).toBe(12500);
      expect((await fieldsOf(AT, 'k1', 'route-1')).transit).toEqual({ category: 'TRAVEL_ROUTE', value: ['RU:Moscow'], redacted: false });
      const text = JSON.stringify(view);
      for (const secret of ['+33 6 12', 'rue de Belleville', 'Zhang Wei', 'FR7630006', 'Informant', 'bd de la Villette']) expect(text).not.toContain(secret);
      expect(view?.openedForClueId).toBeNull();
      expect(view?.facts.every((f) => f.recordedByOfficerId === null)).toBe(true);
    });

    it('shows a recipient only its own share, the owner every share', async () => {
      await caseWithFacts(s, 'k1');
      await s.run({ type: 'ShareCase', actor: investigator(FR), data: { caseId: 'k1', recipientAgencyIds: [CN], agreementId: 'fr-cn', categories: ['VICTIM_IDENTITY'] } });
      await s.run({ type: 'ShareCase', actor: investigator(FR), data: { caseId: 'k1', recipientAgencyIds: [BG], agreementId: 'fr-bg', categories: ['SUSPECT_IDENTITY'] } });
      expect((await s.views.forAgency(CN).case('k1'))?.shares.map((x) => x.recipientAgencyId)).toEqual([CN]);
      expect((await s.views.forAgency(BG).case('k1'))?.shares.map((x) => x.recipientAgencyId)).toEqual([BG]);
      expect((await s.views.forAgency(FR).case('k1'))?.shares.map((x) => x.recipientAgencyId).sort()).toEqual([BG, CN].sort());
      expect(JSON.stringify(await s.views.forAgency(CN).case('k1'))).not.toContain(BG);
    });

    it('redacts again when a share is narrowed, and widens it back', async () => {
      await caseWithFacts(s, 'k1');
      const share = (categories: Array<'VICTIM_IDENTITY' | 'SUSPECT_IDENTITY' | 'FINANCIAL'>) =>
        s.run({ type: 'ShareCase', actor: investigator(FR), data: { caseId: 'k1', recipientAgencyIds: [CN], agreementId: 'fr-cn', categories } });
      await share(['VICTIM_IDENTITY', 'SUSPECT_IDENTITY', 'FINANCIAL']);
      expect((await fieldsOf(CN, 'k1', 'victim-1')).fullName.redacted).toBe(false);
      expect((await fieldsOf(CN, 'k1', 'flow-1')).toAccount.redacted).toBe(false);
      await share(['SUSPECT_IDENTITY']);
      expect((await fieldsOf(CN, 'k1', 'victim-1')).fullName).toEqual({ category: 'VICTIM_IDENTITY', redacted: true });
      expect((await fieldsOf(CN, 'k1', 'flow-1')).toAccount).toEqual({ category: 'FINANCIAL', redacted: true });
      expect((await fieldsOf(CN, 'k1', 'suspect-1')).fullName).toEqual({ category: 'SUSPECT_IDENTITY', value: 'Zhang Wei', redacted: false });
      expect(JSON.stringify(await s.views.forAgency(CN).case('k1'))).not.toContain('Li Na');
      await share(['VICTIM_IDENTITY']);
      expect((await fieldsOf(CN, 'k1', 'victim-1')).fullName.redacted).toBe(false);
    });

    it('removes a revoked share from the recipient and brings it back when shared again', async () => {
      await caseWithFacts(s, 'k1');
      await s.run({ type: 'ShareCase', actor: investigator(FR), data: { caseId: 'k1', recipientAgencyIds: [CN], agreementId: 'fr-cn', categories: ['VICTIM_IDENTITY'] } });
      expect(await s.views.forAgency(CN).case('k1')).not.toBeNull();
      await s.run({ type: 'RevokeShare', actor: investigator(FR), data: { caseId: 'k1', recipientAgencyId: CN, reason: 'need to know ended' } });
      expect(await s.views.forAgency(CN).case('k1')).toBeNull();
      expect((await s.views.forAgency(CN).cases()).items).toEqual([]);
      const owner = await s.views.forAgency(FR).case('k1');
      expect(owner?.shares).toEqual([expect.objectContaining({ recipientAgencyId: CN, revoked: true, revokeReason: 'need to know ended' })]);
      await s.run({ type: 'ShareCase', actor: investigator(FR), data: { caseId: 'k1', recipientAgencyIds: [CN], agreementId: 'fr-cn', categories: ['FINANCIAL'] } });
      const back = await s.views.forAgency(CN).case('k1');
      expect(back?.visibleCategories).toEqual(['FINANCIAL']);
      expect((await fieldsOf(CN, 'k1', 'victim-1')).fullName.redacted).toBe(true);
    });

    it('hides everything shared under an agreement while it is suspended, and after termination', async () => {
      await caseWithFacts(s, 'k1');
      await s.run({ type: 'ShareCase', actor: investigator(FR), data: { caseId: 'k1', recipientAgencyIds: [CN], agreementId: 'fr-cn', categories: ['VICTIM_IDENTITY'] } });
      await s.run({ type: 'SuspendAgreement', actor: admin(CN), data: { agreementId: 'fr-cn', reason: 'audit' } });
      expect(await s.views.forAgency(CN).case('k1')).toBeNull();
      expect(await s.views.forAgency(FR).case('k1')).not.toBeNull();
      expect((await s.views.forAgency(CN).agreement('fr-cn'))?.status).toBe('SUSPENDED');
      await s.run({ type: 'ResumeAgreement', actor: admin(FR), data: { agreementId: 'fr-cn' } });
      expect((await s.views.forAgency(CN).case('k1'))?.visibleCategories).toEqual(['VICTIM_IDENTITY']);
      await s.run({ type: 'TerminateAgreement', actor: admin(FR), data: { agreementId: 'fr-cn', reason: 'replaced' } });
      expect(await s.views.forAgency(CN).case('k1')).toBeNull();
      expect((await s.views.forAgency(CN).agreement('fr-cn'))?.statusReason).toBe('replaced');
    });

    it('hides shares under an agreement outside its validity dates without any event', async () => {
      await makeAgreement(s, { agreementId: 'fr-cn-short', parties: [FR, CN], validFrom: '2020-01-01', validUntil: '2099-06-30' });
      await caseWithFacts(s, 'k1');
      await s.run({ type: 'ShareCase', actor: investigator(FR), data: { caseId: 'k1', recipientAgencyIds: [CN], agreementId: 'fr-cn-short', categories: ['VICTIM_IDENTITY'] } });
      expect(await s.views.forAgency(CN, { today: '2099-06-30' }).case('k1')).not.toBeNull();
      expect(await s.views.forAgency(CN, { today: '2099-07-01' }).case('k1')).toBeNull();
      expect((await s.views.forAgency(CN, { today: '2099-07-01' }).cases()).items).toEqual([]);
      expect(await s.views.forAgency(CN, { today: '2019-12-31' }).case('k1')).toBeNull();
      expect(await s.views.forAgency(FR, { today: '2099-07-01' }).case('k1')).not.toBeNull();
      const agreement = await s.views.forAgency(CN, { today: '2099-07-01' }).agreement('fr-cn-short');
      expect(agreement?.inForce).toBe(false);
      expect((await s.views.forAgency(CN).agreement('fr-cn-short'))?.inForce).toBe(true);
    });

    it('redacts again when the recipient agency’s mandates change', async () => {
      await caseWithFacts(s, 'k1');
      await s.run({ type: 'ShareCase', actor: investigator(FR), data: { caseId: 'k1', recipientAgencyIds: [CN], agreementId: 'fr-cn', categories: ['VICTIM_IDENTITY', 'COMMUNICATIONS'] } });
      expect((await fieldsOf(CN, 'k1', 'victim-1')).phoneNumber.redacted).toBe(false);
      await s.run({ type: 'ChangeAgencyMandates', actor: admin(CN), data: { agencyId: CN, mandates: ['VICTIM_IDENTITY'] } });
      expect((await fieldsOf(CN, 'k1', 'victim-1')).phoneNumber).toEqual({ category: 'COMMUNICATIONS', redacted: true });
      expect((await fieldsOf(CN, 'k1', 'victim-1')).fullName.redacted).toBe(false);
      expect((await s.views.forAgency(FR).agency(CN))?.mandates).toEqual(['VICTIM_IDENTITY']);
      await s.run({ type: 'ChangeAgencyMandates', actor: admin(CN), data: { agencyId: CN, mandates: ['VICTIM_IDENTITY', 'COMMUNICATIONS'] } });
      expect((await fieldsOf(CN, 'k1', 'victim-1')).phoneNumber.redacted).toBe(false);
    });

    it('lets the recipient see status changes and new facts of a shared case', async () => {
      await caseWithFacts(s, 'k1');
      await s.run({ type: 'ShareCase', actor: investigator(FR), data: { caseId: 'k1', recipientAgencyIds: [CN], agreementId: 'fr-cn', categories: ['TRAVEL_ROUTE'] } });
      await s.run({ type: 'DeclareJointInvestigation', actor: investigator(FR), data: { caseId: 'k1', partnerAgencyIds: [CN] } });
      await s.run({ type: 'AddNote', actor: investigator(FR), data: { caseId: 'k1', noteId: 'n2', text: 'Joint team meeting', markings: markings('AMBER') } });
      const view = await s.views.forAgency(CN).case('k1');
      expect(view?.status).toBe('JOINT');
      expect(view?.jointPartnerAgencyIds).toBeNull();
      expect(view?.facts.some((f) => f.factId === 'n2')).toBe(true);
      expect((await s.views.forAgency(FR).case('k1'))?.jointPartnerAgencyIds).toEqual([CN]);
    });

    it('filters and pages through cases within the viewer’s rows only', async () => {
      for (let i = 1; i <= 7; i += 1) {
        await s.append({ type: 'OpenCase', actor: investigator(FR), data: { caseId: `p${i}`, kind: i % 2 === 0 ? 'SMUGGLING' : 'TRAFFICKING', title: i === 3 ? 'Golden 100% Lotus' : `Case ${i}`, summary: 'x', markings: markings(i === 5 ? 'AMBER' : 'GREEN') } });
      }
      await s.run({ type: 'OpenCase', actor: investigator(CN), data: { caseId: 'cn-own', kind: 'TRAFFICKING', title: 'Golden CN', summary: 'x', markings: markings() } });
      const fr = s.views.forAgency(FR);
      const first = await fr.cases({}, { first: 3 });
      expect(first.items.map((c) => c.caseId)).toEqual(['p7', 'p6', 'p5']);
      expect(first.hasNextPage).toBe(true);
      const second = await fr.cases({}, { first: 3, after: first.endCursor });
      expect(second.items.map((c) => c.caseId)).toEqual(['p4', 'p3', 'p2']);
      const third = await fr.cases({}, { first: 3, after: second.endCursor });
      expect(third.items.map((c) => c.caseId)).toEqual(['p1']);
      expect(third.hasNextPage).toBe(false);
      expect((await fr.cases({ kind: 'SMUGGLING' })).items.map((c) => c.caseId)).toEqual(['p6', 'p4', 'p2']);
      expect((await fr.cases({ tlp: 'AMBER' })).items.map((c) => c.caseId)).toEqual(['p5']);
      expect((await fr.cases({ text: 'golden 100%' })).items.map((c) => c.caseId)).toEqual(['p3']);
      expect((await fr.cases({ text: '100_' })).items).toEqual([]);
      expect((await fr.cases({ text: 'golden' })).items.map((c) => c.caseId)).toEqual(['p3']);
      expect((await fr.cases({ ownerAgencyId: CN })).items).toEqual([]);
      expect(await fr.getCasesByIds(['p2', 'cn-own', 'nope', 'p1'])).toEqual([expect.objectContaining({ caseId: 'p2' }), null, null, expect.objectContaining({ caseId: 'p1' })]);
      await expect(fr.cases({}, { first: 1000 })).rejects.toThrow(/first must be an integer from 1 to 100/);
    });
  });

  describe('clues', () => {
    const submit = async (clueId: string, recipients: Record<string, string>, extra: Record<string, unknown> = {}) =>
      s.run({
        type: 'SubmitClue',
        actor: liaison(FR),
        data: {
          clueId,
          recipientAgencyIds: Object.keys(recipients),
          agreementIds: recipients,
          kind: 'IDENTIFICATION_REQUEST',
          subject: 'Confirm identity',
          body: 'Passport photo attached',
          markings: markings('AMBER'),
          claimedIdentity: { personRole: 'VICTIM', fullName: 'Li Na', dateOfBirth: '1995-03-02', nationality: 'CN' },
          ...extra,
        },
      });

    it('puts a sent clue in the sender’s OUTBOX and in each recipient’s INBOX, redacted for the recipient', async () => {
      await submit('q1', { [CN]: 'fr-cn', [BG]: 'fr-bg' });
      const outbox = await s.views.forAgency(FR).clues({ box: 'OUTBOX' });
      expect(outbox.items.map((c) => c.clueId)).toEqual(['q1']);
      expect(outbox.items[0].recipients.map((r) => r.recipientAgencyId).sort()).toEqual([BG, CN].sort());
      expect((await s.views.forAgency(FR).clues({ box: 'INBOX' })).items).toEqual([]);

      const cn = await s.views.forAgency(CN).clue('q1');
      expect(cn?.box).toBe('INBOX');
      expect(cn?.recipients.map((r) => r.recipientAgencyId)).toEqual([CN]);
      expect(cn?.claimedIdentity?.fullName).toEqual({ category: 'VICTIM_IDENTITY', value: 'Li Na', redacted: false });

      // BG's mandates hold only SUSPECT_IDENTITY: the victim's identity is withheld.
      const bg = await s.views.forAgency(BG).clue('q1');
      expect(bg?.claimedIdentity?.fullName).toEqual({ category: 'VICTIM_IDENTITY', redacted: true });
      expect(JSON.stringify(bg)).not.toContain('Li Na');
      expect(JSON.stringify(bg)).not.toContain(CN);
      expect(await s.views.forAgency(AT).clue('q1')).toBeNull();
    });

    it('records every step with its time and acting agency; officers only for the viewer’s own steps', async () => {
      await submit('q1', { [CN]: 'fr-cn' });
      await s.run({ type: 'AcknowledgeClue', actor: liaison(CN), data: { clueId: 'q1' } });
      await s.run({ type: 'RequestClueInformation', actor: liaison(CN), data: { clueId: 'q1', question: 'Which airport?' } });
      await s.run({ type: 'ProvideClueInformation', actor: liaison(FR), data: { clueId: 'q1', recipientAgencyId: CN, answer: 'CDG' } });
      await s.run({ type: 'AcceptClue', actor: investigator(CN), data: { clueId: 'q1', newCase: { caseId: 'cn-k1', kind: 'IDENTIFICATION', title: 'Follow-up', summary: 'x', markings: markings('AMBER') } } });
      await s.run({ type: 'GiveClueFeedback', actor: liaison(CN), data: { clueId: 'q1', outcome: 'IDENTITY_CONFIRMED', comment: 'Confirmed' } });

      const cn = await s.views.forAgency(CN).clue('q1');
      const steps = cn?.recipients[0].steps ?? [];
      expect(steps.map((step) => step.status)).toEqual(['SUBMITTED', 'ACKNOWLEDGED', 'INFO_REQUESTED', 'INFO_PROVIDED', 'ACCEPTED', 'FEEDBACK_GIVEN']);
      expect(steps.map((step) => step.actingAgencyId)).toEqual([FR, CN, CN, FR, CN, CN]);
      expect(steps.map((step) => step.officerId)).toEqual([null, liaison(CN).officerId, liaison(CN).officerId, null, investigator(CN).officerId, liaison(CN).officerId]);
      expect(steps[2].detail).toEqual({ question: 'Which airport?' });
      expect(steps[3].detail).toEqual({ answer: 'CDG' });
      expect(steps[4].detail).toEqual({ linkedCaseId: 'cn-k1' });
      expect(cn?.recipients[0].linkedCaseId).toBe('cn-k1');
      expect(steps.every((step) => !Number.isNaN(Date.parse(step.at)))).toBe(true);

      const fr = await s.views.forAgency(FR).clue('q1');
      const frSteps = fr?.recipients[0].steps ?? [];
      expect(frSteps.map((step) => step.officerId)).toEqual([liaison(FR).officerId, null, null, liaison(FR).officerId, null, null]);
      expect(frSteps[4].detail).toEqual({});
      expect(fr?.recipients[0].linkedCaseId).toBeNull();
      expect(fr?.recipients[0].status).toBe('FEEDBACK_GIVEN');
      expect(JSON.stringify(fr)).not.toContain('cn-k1');
      // the case opened on acceptance belongs to CN
      expect((await s.views.forAgency(CN).case('cn-k1'))?.openedForClueId).toBe('q1');
      expect(await s.views.forAgency(FR).case('cn-k1')).toBeNull();
    });

    it('keeps a withdrawn clue visible to its recipient, and filters by box, status and kind', async () => {
      await submit('q1', { [CN]: 'fr-cn', [BG]: 'fr-bg' });
      await s.run({ type: 'SubmitClue', actor: liaison(FR), data: { clueId: 'q2', recipientAgencyIds: [CN], agreementIds: { [CN]: 'fr-cn' }, kind: 'LEAD', subject: 'Lead', body: 'Body', markings: markings('GREEN') } });
      await s.run({ type: 'AcknowledgeClue', actor: liaison(CN), data: { clueId: 'q1' } });
      await s.run({ type: 'WithdrawClue', actor: liaison(FR), data: { clueId: 'q1', recipientAgencyId: BG, reason: 'mistake' } });
      const bg = await s.views.forAgency(BG).clue('q1');
      expect(bg?.recipients[0].status).toBe('WITHDRAWN');
      expect(bg?.recipients[0].steps.at(-1)?.detail).toEqual({ reason: 'mistake' });
      const cn = s.views.forAgency(CN);
      expect((await cn.clues({ box: 'INBOX', status: 'ACKNOWLEDGED' })).items.map((c) => c.clueId)).toEqual(['q1']);
      expect((await cn.clues({ box: 'INBOX', status: 'SUBMITTED' })).items.map((c) => c.clueId)).toEqual(['q2']);
      expect((await cn.clues({ kind: 'LEAD' })).items.map((c) => c.clueId)).toEqual(['q2']);
      const fr = s.views.forAgency(FR);
      expect((await fr.clues({ box: 'OUTBOX', status: 'WITHDRAWN' })).items.map((c) => c.clueId)).toEqual(['q1']);
      expect((await fr.clues({ box: 'OUTBOX', status: 'SUBMITTED' })).items.map((c) => c.clueId)).toEqual(['q2']);
      expect((await fr.clues({ box: 'OUTBOX' }, { first: 1 })).hasNextPage).toBe(true);
    });

    it('hides received clues while their agreement is suspended', async () => {
      await submit('q1', { [CN]: 'fr-cn', [BG]: 'fr-bg' });
      await s.run({ type: 'SuspendAgreement', actor: admin(FR), data: { agreementId: 'fr-cn', reason: 'review' } });
      expect(await s.views.forAgency(CN).clue('q1')).toBeNull();
      expect(await s.views.forAgency(BG).clue('q1')).not.toBeNull();
      expect(await s.views.forAgency(FR).clue('q1')).not.toBeNull();
      await s.run({ type: 'ResumeAgreement', actor: admin(CN), data: { agreementId: 'fr-cn' } });
      expect(await s.views.forAgency(CN).clue('q1')).not.toBeNull();
    });

    it('computes cooperation statistics per partner from visible clues', async () => {
      const day = 86_400_000;
      const start = s.driver.clock;
      await submit('q1', { [CN]: 'fr-cn' });
      await submit('q2', { [CN]: 'fr-cn' });
      await submit('q3', { [CN]: 'fr-cn', [BG]: 'fr-bg' });
      s.driver.clock = start + 2 * day;
      await s.run({ type: 'AcknowledgeClue', actor: liaison(CN), data: { clueId: 'q1' } });
      s.driver.clock = start + 4 * day;
      await s.run({ type: 'AcknowledgeClue', actor: liaison(CN), data: { clueId: 'q2' } });
      s.driver.clock = start + 10 * day;
      await s.run({ type: 'AcknowledgeClue', actor: liaison(CN), data: { clueId: 'q3' } });
      s.driver.clock = start + 5 * day;
      await s.run({ type: 'DeclineClue', actor: liaison(CN), data: { clueId: 'q1', reason: 'no' } });
      s.driver.clock = start + 12 * day;
      await s.run({ type: 'AcceptClue', actor: investigator(CN), data: { clueId: 'q2', newCase: { caseId: 'cn-k', kind: 'IDENTIFICATION', title: 't', summary: 's', markings: markings('AMBER') } } });
      await s.run({ type: 'SubmitClue', actor: liaison(CN), data: { clueId: 'r1', recipientAgencyIds: [FR], agreementIds: { [FR]: 'fr-cn' }, kind: 'LEAD', subject: 'x', body: 'y', markings: markings() } });

      const fr = await s.views.forAgency(FR).cooperationStats();
      expect(fr.map((p) => p.partnerAgencyId)).toEqual([BG, CN]);
      const cn = fr.find((p) => p.partnerAgencyId === CN);
      expect(cn?.sent).toEqual({
        clues: 3,
        acknowledged: 3,
        accepted: 1,
        declined: 1,
        daysToAcknowledge: { median: 4, p90: expect.closeTo(8.8, 5) },
        daysToOutcome: { median: 8.5, p90: expect.closeTo(11.3, 5) },
      });
      expect(cn?.received).toMatchObject({ clues: 1, acknowledged: 0, daysToAcknowledge: { median: null, p90: null } });
      const bg = fr.find((p) => p.partnerAgencyId === BG);
      expect(bg?.sent).toMatchObject({ clues: 1, acknowledged: 0, accepted: 0, declined: 0 });

      // BG sees only its own clue from FR; CN sees its side.
      const bgStats = await s.views.forAgency(BG).cooperationStats();
      expect(bgStats).toEqual([expect.objectContaining({ partnerAgencyId: FR, received: expect.objectContaining({ clues: 1 }), sent: expect.objectContaining({ clues: 0 }) })]);
      const cnStats = await s.views.forAgency(CN).cooperationStats();
      expect(cnStats.map((p) => p.partnerAgencyId)).toEqual([FR]);
      expect(cnStats[0].received.clues).toBe(3);
      expect(cnStats[0].sent.clues).toBe(1);
    });
  });

  describe('agencies, agreements and officers', () => {
    it('shows an agency itself and its co-parties (in any agreement status), with officers only to its admins', async () => {
      await makeAgreement(s, { agreementId: 'at-eu-proposed', parties: [AT, EUROPOL], unsigned: true });
      await s.projector.catchUp(10_000);
      expect((await s.views.forAgency(FR).agencies()).map((a) => a.agencyId).sort()).toEqual([AT, BG, CN, FR].sort());
      expect((await s.views.forAgency(AT).agencies()).map((a) => a.agencyId).sort()).toEqual([AT, EUROPOL, FR].sort());
      expect((await s.views.forAgency(EUROPOL).agencies()).map((a) => a.agencyId).sort()).toEqual([AT, EUROPOL].sort());
      expect(await s.views.forAgency(EUROPOL).agency(CN)).toBeNull();
      expect((await s.views.forAgency(AT).agreements()).map((a) => a.agreementId).sort()).toEqual(['at-eu-proposed', 'fr-at']);
      const proposed = await s.views.forAgency(EUROPOL).agreement('at-eu-proposed');
      expect(proposed).toMatchObject({ status: 'PROPOSED', inForce: false, parties: [{ agencyId: AT, signed: true }, { agencyId: EUROPOL, signed: false, signedAt: null }] });
      expect((await s.views.forAgency(AT).agreements({ status: 'ACTIVE' })).map((a) => a.agreementId)).toEqual(['fr-at']);
      expect(await s.views.forAgency(CN).agreement('fr-at')).toBeNull();

      const atAdmin = s.views.forViewer({ agencyId: AT, officerId: admin(AT).officerId });
      expect(await atAdmin.me()).toMatchObject({ officerId: admin(AT).officerId, roles: ['AGENCY_ADMIN'], suspended: false });
      expect((await atAdmin.officers()).map((o) => o.officerId)).toEqual([admin(AT).officerId, investigator(AT).officerId, liaison(AT).officerId]);
      await expect(s.views.forViewer({ agencyId: AT, officerId: liaison(AT).officerId }).officers()).rejects.toThrow(/AGENCY_ADMIN/);
      expect(await s.views.forViewer({ agencyId: AT, officerId: admin(FR).officerId }).me()).toBeNull();
    });
  });
}
