import { caseShareChangedTopic, clueReceivedTopic } from '../../apps/api/src/notifications/topics';
import { type ApiHarness, startApi } from '../support/api-harness';
import { AT, buildSmallWorld, CN, FR, MARKINGS, SHARE_CASE, type SmallWorld } from './small-world';

/**
 * Live notifications over graphql-ws: each agency hears only about its own inbox and its own
 * shares. "Did not receive" is checked without waiting for silence: notifications are published
 * in ledger order, so a later notification meant for the same subscriber arrives after any
 * earlier one it might (wrongly) have been sent.
 */
describe('subscriptions over graphql-ws', () => {
  let api: ApiHarness;
  let world: SmallWorld;
  const SUBMIT = 'mutation($input: SubmitClueInput!) { submitClue(input: $input) { id } }';
  const lead = (subject: string, recipient: string, agreementId: string) => ({
    input: { recipients: [{ agencyId: recipient, agreementId }], kind: 'LEAD', subject, body: 'See the case.', markings: MARKINGS },
  });

  beforeAll(async () => {
    api = await startApi();
    world = await buildSmallWorld(api);
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('delivers clueReceived to the recipient agency and not to another agency', async () => {
    const query = 'subscription { clueReceived { id subject sender { id } recipients { agency { id } status } } }';
    const china = await api.subscribe(world.tokens[`${CN}-lo`], query);
    const austria = await api.subscribe(world.tokens[`${AT}-inv`], query);
    await api.subscribersReady(clueReceivedTopic(CN));
    await api.subscribersReady(clueReceivedTopic(AT));

    const toChina = await api.ok(world.tokens[`${FR}-inv`], SUBMIT, lead('For China only', CN, world.agreements.frCn));
    const first = await china.next();
    expect(first.errors).toBeUndefined();
    expect(first.data?.clueReceived).toEqual({ id: toChina.submitClue.id, subject: 'For China only', sender: { id: FR }, recipients: [{ agency: { id: CN }, status: 'SUBMITTED' }] });

    const toAustria = await api.ok(world.tokens[`${FR}-inv`], SUBMIT, lead('For Austria only', AT, world.agreements.frAt));
    const austrian = await austria.next();
    // Austria's first notification is its own clue: the clue for China never reached it.
    expect(austrian.data?.clueReceived.id).toBe(toAustria.submitClue.id);
    expect(austria.pending).toBe(0);
    expect(china.pending).toBe(0);

    await china.close();
    await austria.close();
  });

  it('delivers caseShareChanged when a case is shared with and revoked from the agency', async () => {
    const query = 'subscription { caseShareChanged { caseId change categories case { id title persons { fullName { value redacted } } } } }';
    const china = await api.subscribe(world.tokens[`${CN}-inv`], query);
    const austria = await api.subscribe(world.tokens[`${AT}-inv`], query);
    await api.subscribersReady(caseShareChangedTopic(CN));
    await api.subscribersReady(caseShareChangedTopic(AT));

    await api.ok(world.tokens[`${FR}-inv`], SHARE_CASE, { input: { caseId: world.caseId, recipientAgencyIds: [CN], agreementId: world.agreements.frCn, categories: ['SUSPECT_IDENTITY'] } });
    const shared = await china.next();
    expect(shared.data?.caseShareChanged).toEqual({
      caseId: world.caseId,
      change: 'SHARED',
      categories: ['SUSPECT_IDENTITY'],
      case: {
        id: world.caseId,
        title: 'Parlour network in Paris',
        persons: [
          { fullName: { value: 'Zhang Wei', redacted: false } },
          { fullName: { value: null, redacted: true } },
        ],
      },
    });

    await api.ok(world.tokens[`${FR}-inv`], 'mutation($input: RevokeShareInput!) { revokeShare(input: $input) { id } }', { input: { caseId: world.caseId, recipientAgencyId: CN, reason: 'too early' } });
    const revoked = await china.next();
    expect(revoked.data?.caseShareChanged).toEqual({ caseId: world.caseId, change: 'REVOKED', categories: [], case: null });

    await api.ok(world.tokens[`${FR}-inv`], SHARE_CASE, { input: { caseId: world.caseId, recipientAgencyIds: [AT], agreementId: world.agreements.frAt, categories: ['TRAVEL_ROUTE'] } });
    const austrian = await austria.next();
    // Austria's first notification is its own share: China's share and revocation never reached it.
    expect(austrian.data?.caseShareChanged).toMatchObject({ caseId: world.caseId, change: 'SHARED', categories: ['TRAVEL_ROUTE'] });

    // Suspending the agreement takes the case away from Austria, and says so.
    await api.ok(world.tokens[`${AT}-admin`], 'mutation($input: SuspendAgreementInput!) { suspendAgreement(input: $input) { status } }', { input: { agreementId: world.agreements.frAt, reason: 'audit' } });
    expect((await austria.next()).data?.caseShareChanged).toEqual({ caseId: world.caseId, change: 'REVOKED', categories: [], case: null });
    expect(china.pending).toBe(0);

    await china.close();
    await austria.close();
  });

  it('refuses a subscription to an officer without a casework role', async () => {
    const admin = await api.subscribe(world.tokens[`${CN}-admin`], 'subscription { clueReceived { id } }');
    const result = await admin.next();
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await admin.close();
  });
});
