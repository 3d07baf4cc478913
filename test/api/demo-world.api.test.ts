import { AGREEMENTS, CASES, CLUES, CN, IOM, OVERSIGHT } from '../../apps/api/src/seed/demo-world';
import { demoOfficers } from '../../apps/api/src/seed/demo-script';
import { seedDemoWorld } from '../../apps/api/src/seed/seed-demo-world';
import { type ApiHarness, startApi } from '../support/api-harness';

const quiet = { increment: () => undefined, update: () => undefined, stop: () => undefined };

/** The demo world is seeded through the real command handlers and reads as the background material tells it. */
describe('demo world', () => {
  let api: ApiHarness;
  const as = async (officerId: string, query: string, variables?: Record<string, unknown>) => api.ok(await api.token(officerId), query, variables);

  beforeAll(async () => {
    api = await startApi();
    await seedDemoWorld(api.commandBus, { progress: quiet });
    await api.viewsCaughtUp();
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('has officers with every role, and an oversight auditor with scope ALL', async () => {
    const roles = new Set(demoOfficers().flatMap((officer) => officer.roles));
    expect([...roles].sort()).toEqual(['AGENCY_ADMIN', 'AUDITOR', 'INVESTIGATOR', 'LIAISON_OFFICER']);
    const auditor = await as('oversight-auditor', '{ me { roles auditScope agency { id kind } } }');
    expect(auditor.me).toEqual({ roles: ['AUDITOR'], auditScope: 'ALL', agency: { id: OVERSIGHT, kind: 'OVERSIGHT' } });
  });

  it('holds agreements in different states', async () => {
    const french = await as('fr-ocreth-admin', '{ agreements { id status inForce } }');
    const byId = Object.fromEntries(french.agreements.map((a: { id: string; status: string }) => [a.id, a.status]));
    expect(byId).toEqual({ [AGREEMENTS.cnFr]: 'ACTIVE', [AGREEMENTS.bgFr]: 'PROPOSED', [AGREEMENTS.europolFr]: 'SUSPENDED' });
  });

  it('answered the identification request with a travel document', async () => {
    const { clue } = await as('cn-mps-ocht-li', `{ clue(id: "${CLUES.identification}") { kind box claimedIdentity { fullName { value } } recipients { status outcome linkedCase { id } steps { status } } } }`);
    expect(clue).toMatchObject({ kind: 'IDENTIFICATION_REQUEST', box: 'INBOX', claimedIdentity: { fullName: { value: 'Lin Wei' } } });
    expect(clue.recipients[0]).toMatchObject({ status: 'CLOSED', outcome: 'TRAVEL_DOCUMENT_ISSUED', linkedCase: { id: CASES.fuqing } });
    expect(clue.recipients[0].steps.map((s: { status: string }) => s.status)).toEqual(['SUBMITTED', 'ACKNOWLEDGED', 'INFO_REQUESTED', 'INFO_PROVIDED', 'ACCEPTED', 'FEEDBACK_GIVEN', 'CLOSED']);
  });

  it('has clues in many lifecycle states', async () => {
    const outbox = await as('at-bk-gruber', '{ clues(box: OUTBOX) { edges { node { recipients { agency { id } status } } } } }');
    expect(outbox.clues.edges[0].node.recipients).toEqual([
      { agency: { id: CN }, status: 'SUBMITTED' },
      { agency: { id: IOM }, status: 'ACKNOWLEDGED' },
    ]);
    const statuses = new Set<string>();
    for (const officer of ['fr-ocreth-dupont', 'cn-mps-ocht-li', 'at-bk-gruber', 'nordic-plo-lindqvist']) {
      const data = await as(officer, '{ clues(box: OUTBOX) { edges { node { recipients { status } } } } }');
      for (const edge of data.clues.edges) for (const recipient of edge.node.recipients) statuses.add(recipient.status);
    }
    expect([...statuses].sort()).toEqual(['ACKNOWLEDGED', 'CLOSED', 'DECLINED', 'FEEDBACK_GIVEN', 'SUBMITTED', 'WITHDRAWN']);
  });

  it('shows China the narrowed share of the French case, victims redacted, the RED note withheld', async () => {
    const { case: seen } = await as('cn-mps-ocht-wang', `{ case(id: "${CASES.parlours}") { status shares { categories } persons { role fullName { value redacted } } notes { markings { tlp } } } }`);
    expect(seen.status).toBe('JOINT');
    expect(seen.shares).toEqual([{ categories: ['SUSPECT_IDENTITY', 'FINANCIAL', 'TRAVEL_ROUTE'] }]);
    expect(seen.persons).toEqual([
      { role: 'SUSPECT', fullName: { value: 'Zhang Wei', redacted: false } },
      { role: 'VICTIM', fullName: { value: null, redacted: true } },
    ]);
    expect(seen.notes).toEqual([{ markings: { tlp: 'AMBER' } }]);
  });

  it('took the revoked and the suspended shares away', async () => {
    expect((await api.gql(await api.token('fr-ocreth-dupont'), `{ case(id: "${CASES.passports}") { id } }`)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await as('europol-devries', '{ cases { edges { node { id } } } }')).cases.edges).toEqual([]);
    expect((await as('europol-admin', '{ agreements { status } }')).agreements).toEqual([{ status: 'SUSPENDED' }]);
  });

  it('seeding again changes nothing', async () => {
    const head = await api.store.headPosition();
    const again = await seedDemoWorld(api.commandBus, { progress: quiet });
    expect(again.alreadyRecorded).toBe(again.commands);
    expect(await api.store.headPosition()).toBe(head);
  });
});
