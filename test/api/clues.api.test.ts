import { type ApiHarness, startApi } from '../support/api-harness';
import { AT, buildSmallWorld, CN, FR, MARKINGS, type SmallWorld } from './small-world';

/** A clue's whole lifecycle through the API, as sender and recipient each see it. */
describe('clues through the API', () => {
  let api: ApiHarness;
  let world: SmallWorld;
  let clueId: string;

  const CLUE = `
    id box kind subject sender { id }
    claimedIdentity { personRole fullName { category value redacted } documentNumber { value redacted } }
    recipients { agency { id } agreement { id } status outcome linkedCase { id title }
      steps { status agency { id } officerId question answer reason outcome comment linkedCaseId } }`;
  const step = (mutation: string, type: string, token: string, input: Record<string, unknown>) =>
    api.ok(token, `mutation($input: ${type}!) { ${mutation}(input: $input) { ${CLUE} } }`, { input }).then((data) => data[mutation]);

  beforeAll(async () => {
    api = await startApi();
    world = await buildSmallWorld(api);
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('submits an identification request that lands in the recipient inbox, redacted by its categories', async () => {
    const sent = await step('submitClue', 'SubmitClueInput', world.tokens[`${FR}-lo`], {
      recipients: [
        { agencyId: CN, agreementId: world.agreements.frCn },
        { agencyId: AT, agreementId: world.agreements.frAt },
      ],
      kind: 'IDENTIFICATION_REQUEST',
      subject: 'Confirm identity for return',
      body: 'Detained in Paris, claims Chinese nationality.',
      markings: MARKINGS,
      claimedIdentity: { personRole: 'VICTIM', fullName: 'Lin Wei', dateOfBirth: '1988-09', nationality: 'CN', documentNumber: 'E00011122' },
    });
    clueId = sent.id;
    expect(sent.box).toBe('OUTBOX');
    expect(sent.recipients.map((r: any) => [r.agency.id, r.status])).toEqual([
      [CN, 'SUBMITTED'],
      [AT, 'SUBMITTED'],
    ]);

    const inbox = await api.ok(world.tokens[`${CN}-lo`], `{ clues(box: INBOX) { edges { node { ${CLUE} } } } }`);
    const received = inbox.clues.edges.map((edge: any) => edge.node);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ id: clueId, box: 'INBOX', sender: { id: FR } });
    expect(received[0].claimedIdentity.fullName).toEqual({ category: 'VICTIM_IDENTITY', value: 'Lin Wei', redacted: false });
    // A recipient sees its own entry only.
    expect(received[0].recipients.map((r: any) => r.agency.id)).toEqual([CN]);

    // Austria's agreement and mandate do not cover victims' identities.
    const { clue: austrian } = await api.ok(world.tokens[`${AT}-inv`], `query($id: ID!) { clue(id: $id) { ${CLUE} } }`, { id: clueId });
    expect(austrian.claimedIdentity.fullName).toEqual({ category: 'VICTIM_IDENTITY', value: null, redacted: true });
    expect(austrian.claimedIdentity.documentNumber).toEqual({ value: null, redacted: true });

    expect((await api.ok(world.tokens[`${FR}-lo`], '{ clues(box: INBOX) { edges { node { id } } } }')).clues.edges).toEqual([]);
  });

  it('walks acknowledge → request information → provide → accept into a new case → feedback → close', async () => {
    await step('acknowledgeClue', 'AcknowledgeClueInput', world.tokens[`${CN}-lo`], { clueId });
    await step('requestClueInformation', 'RequestClueInformationInput', world.tokens[`${CN}-lo`], { clueId, question: 'Where is his hukou?' });
    await step('provideClueInformation', 'ProvideClueInformationInput', world.tokens[`${FR}-lo`], { clueId, recipientAgencyId: CN, answer: 'Fuqing, Fujian.' });
    const accepted = await step('acceptClueIntoNewCase', 'AcceptClueIntoNewCaseInput', world.tokens[`${CN}-inv`], {
      clueId,
      newCase: { kind: 'IDENTIFICATION', title: 'Identification of Lin Wei', markings: MARKINGS },
    });
    expect(accepted.recipients[0]).toMatchObject({ status: 'ACCEPTED', linkedCase: { title: 'Identification of Lin Wei' } });
    const feedback = await step('giveClueFeedback', 'GiveClueFeedbackInput', world.tokens[`${CN}-lo`], { clueId, outcome: 'TRAVEL_DOCUMENT_ISSUED', comment: 'Document issued.' });
    expect(feedback.recipients[0]).toMatchObject({ status: 'FEEDBACK_GIVEN', outcome: 'TRAVEL_DOCUMENT_ISSUED' });
    const closed = await step('closeClue', 'CloseClueInput', world.tokens[`${FR}-lo`], { clueId, recipientAgencyId: CN });
    const china = closed.recipients.find((r: any) => r.agency.id === CN);
    expect(china.status).toBe('CLOSED');
    expect(china.steps.map((s: any) => s.status)).toEqual(['SUBMITTED', 'ACKNOWLEDGED', 'INFO_REQUESTED', 'INFO_PROVIDED', 'ACCEPTED', 'FEEDBACK_GIVEN', 'CLOSED']);
    // The sender sees who acted for its own agency only, and not the recipient's linked case.
    expect(china.steps.map((s: any) => [s.agency.id, s.officerId])).toEqual([
      [FR, `${FR}-lo`],
      [CN, null],
      [CN, null],
      [FR, `${FR}-lo`],
      [CN, null],
      [CN, null],
      [FR, `${FR}-lo`],
    ]);
    expect(china.linkedCase).toBeNull();
    expect(china.steps.find((s: any) => s.status === 'ACCEPTED').linkedCaseId).toBeNull();
    expect(china.steps.find((s: any) => s.status === 'INFO_REQUESTED').question).toBe('Where is his hukou?');

    const { clue: asRecipient } = await api.ok(world.tokens[`${CN}-inv`], `query($id: ID!) { clue(id: $id) { ${CLUE} } }`, { id: clueId });
    const own = asRecipient.recipients[0];
    expect(own.linkedCase.title).toBe('Identification of Lin Wei');
    expect(own.steps.find((s: any) => s.status === 'ACCEPTED')).toMatchObject({ officerId: `${CN}-inv`, linkedCaseId: own.linkedCase.id });
  });

  it('refuses a step the lifecycle does not allow with CONFLICT', async () => {
    const again = await api.gql(world.tokens[`${CN}-lo`], 'mutation($input: AcknowledgeClueInput!) { acknowledgeClue(input: $input) { id } }', { input: { clueId } });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('filters the boxes by status and kind', async () => {
    const outbox = await api.ok(world.tokens[`${FR}-inv`], '{ clues(box: OUTBOX, status: CLOSED, kind: IDENTIFICATION_REQUEST) { edges { node { id } } } }');
    expect(outbox.clues.edges).toEqual([{ node: { id: clueId } }]);
    const none = await api.ok(world.tokens[`${FR}-inv`], '{ clues(box: OUTBOX, kind: LEAD) { edges { node { id } } } }');
    expect(none.clues.edges).toEqual([]);
    const austria = await api.ok(world.tokens[`${AT}-inv`], '{ clues(box: INBOX, status: SUBMITTED) { edges { node { id } } } }');
    expect(austria.clues.edges).toEqual([{ node: { id: clueId } }]);
  });

  it('withdraws a clue from a recipient that has not accepted it', async () => {
    const withdrawn = await step('withdrawClue', 'WithdrawClueInput', world.tokens[`${FR}-lo`], { clueId, recipientAgencyId: AT, reason: 'Identified through China.' });
    expect(withdrawn.recipients.find((r: any) => r.agency.id === AT).status).toBe('WITHDRAWN');
    const { clue: austrian } = await api.ok(world.tokens[`${AT}-inv`], `query($id: ID!) { clue(id: $id) { recipients { status steps { status reason } } } }`, { id: clueId });
    expect(austrian.recipients[0].steps.at(-1)).toEqual({ status: 'WITHDRAWN', reason: 'Identified through China.' });
  });

  it('counts cooperation per partner from each side', async () => {
    const stats = `{ cooperationStats { partner { id } sent { clues acknowledged accepted declined medianDaysToAcknowledge p90DaysToOutcome } received { clues acknowledged accepted } } }`;
    const france = (await api.ok(world.tokens[`${FR}-admin`], stats)).cooperationStats;
    const withChina = france.find((row: any) => row.partner.id === CN);
    expect(withChina.sent).toMatchObject({ clues: 1, acknowledged: 1, accepted: 1, declined: 0 });
    expect(typeof withChina.sent.medianDaysToAcknowledge).toBe('number');
    expect(withChina.received).toEqual({ clues: 0, acknowledged: 0, accepted: 0 });
    const china = (await api.ok(world.tokens[`${CN}-lo`], `{ cooperationStats(partner: "${FR}") { partner { id } received { clues accepted } } }`)).cooperationStats;
    expect(china).toEqual([{ partner: { id: FR }, received: { clues: 1, accepted: 1 } }]);
  });
});
