import { type ApiHarness, startApi } from '../support/api-harness';
import { AT, buildSmallWorld, CASE_DETAIL, CN, EU, FR, SHARE_CASE, type SmallWorld } from './small-world';

/**
 * What each agency sees of a case, over real HTTP: the owner everything, recipients only while
 * their share and its agreement hold, with fields outside their categories marked redacted.
 */
describe('case visibility through the API', () => {
  let api: ApiHarness;
  let world: SmallWorld;
  const caseQuery = `query Case($id: ID!) { case(id: $id) { ${CASE_DETAIL} } }`;
  const readCase = (token: string) => api.gql<{ case: any }>(token, caseQuery, { id: world.caseId });

  beforeAll(async () => {
    api = await startApi();
    world = await buildSmallWorld(api);
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('shows the owner every fact and field, RED notes included', async () => {
    const { case: seen } = await api.ok(world.tokens[`${FR}-inv`], caseQuery, { id: world.caseId });
    expect(seen.ownedByViewer).toBe(true);
    expect(seen.persons.map((p: any) => p.fullName)).toEqual([
      { category: 'SUSPECT_IDENTITY', value: 'Zhang Wei', redacted: false },
      { category: 'VICTIM_IDENTITY', value: 'Liu Yan', redacted: false },
    ]);
    expect(seen.notes.map((n: any) => n.markings.tlp).sort()).toEqual(['AMBER', 'RED']);
  });

  it('answers NOT_FOUND to an agency the case is not shared with, exactly as for a case that does not exist', async () => {
    const unshared = await readCase(world.tokens[`${CN}-inv`]);
    const missing = await api.gql(world.tokens[`${CN}-inv`], caseQuery, { id: '00000000-0000-4000-8000-000000000000' });
    expect(unshared.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(unshared.errors?.[0]?.message.replace(world.caseId, '<id>')).toBe(missing.errors?.[0]?.message.replace('00000000-0000-4000-8000-000000000000', '<id>'));
    const list = await api.ok(world.tokens[`${CN}-inv`], '{ cases { edges { node { id } } } }');
    expect(list.cases.edges).toEqual([]);
  });

  it('refuses a mutation on an invisible case with NOT_FOUND, not FORBIDDEN', async () => {
    const result = await api.gql(world.tokens[`${CN}-inv`], 'mutation($input: AddNoteInput!) { addNote(input: $input) { id } }', {
      input: { caseId: world.caseId, text: 'probe', markings: { tlp: 'AMBER', handling: [] } },
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('shows a recipient the shared categories and marks the others redacted; RED facts stay with the owner', async () => {
    await api.ok(world.tokens[`${FR}-inv`], SHARE_CASE, { input: { caseId: world.caseId, recipientAgencyIds: [CN], agreementId: world.agreements.frCn, categories: ['SUSPECT_IDENTITY', 'TRAVEL_ROUTE'] } });
    const { case: seen } = await api.ok(world.tokens[`${CN}-inv`], caseQuery, { id: world.caseId });
    expect(seen.ownedByViewer).toBe(false);
    expect(seen.owner.id).toBe(FR);
    const [suspect, victim] = seen.persons;
    expect(suspect.fullName).toEqual({ category: 'SUSPECT_IDENTITY', value: 'Zhang Wei', redacted: false });
    expect(suspect.phoneNumber).toEqual({ category: 'COMMUNICATIONS', value: null, redacted: true });
    expect(suspect.address).toEqual({ category: 'LOCATION', value: null, redacted: true });
    expect(victim.fullName).toEqual({ category: 'VICTIM_IDENTITY', value: null, redacted: true });
    expect(victim.phoneNumber).toBeNull();
    expect(seen.routes[0].origin).toEqual({ category: 'TRAVEL_ROUTE', value: { country: 'CN', city: 'Harbin' }, redacted: false });
    expect(seen.moneyFlows[0]).toEqual({ amount: 4800, currency: 'EUR', fromAccount: { category: 'FINANCIAL', value: null, redacted: true } });
    expect(seen.notes.map((n: any) => n.text)).toEqual(['Victims fear retaliation.']);
    expect(seen.shares).toEqual([{ recipient: { id: CN }, agreement: { id: world.agreements.frCn }, categories: ['SUSPECT_IDENTITY', 'TRAVEL_ROUTE'], revoked: false }]);
  });

  it('applies the recipient mandate and agreement too: Austria sees only its categories', async () => {
    await api.ok(world.tokens[`${FR}-inv`], SHARE_CASE, { input: { caseId: world.caseId, recipientAgencyIds: [AT], agreementId: world.agreements.frAt, categories: ['SUSPECT_IDENTITY', 'TRAVEL_ROUTE'] } });
    const { case: seen } = await api.ok(world.tokens[`${AT}-inv`], caseQuery, { id: world.caseId });
    expect(seen.persons[0].fullName.redacted).toBe(false);
    expect(seen.persons[1].fullName.redacted).toBe(true);
    expect(seen.moneyFlows[0].fromAccount.redacted).toBe(true);
    // A recipient sees its own share only, not the other recipients'.
    expect(seen.shares.map((s: any) => s.recipient.id)).toEqual([AT]);
  });

  it('narrowing a share withdraws the dropped categories from the recipient at once', async () => {
    await api.ok(world.tokens[`${FR}-inv`], SHARE_CASE, { input: { caseId: world.caseId, recipientAgencyIds: [CN], agreementId: world.agreements.frCn, categories: ['TRAVEL_ROUTE'] } });
    const { case: seen } = await api.ok(world.tokens[`${CN}-inv`], caseQuery, { id: world.caseId });
    expect(seen.persons[0].fullName).toEqual({ category: 'SUSPECT_IDENTITY', value: null, redacted: true });
    expect(seen.routes[0].origin.redacted).toBe(false);
    expect(seen.shares[0].categories).toEqual(['TRAVEL_ROUTE']);
  });

  it('revoking a share removes the case from the recipient, and sharing again brings it back', async () => {
    const revoke = 'mutation($input: RevokeShareInput!) { revokeShare(input: $input) { shares { recipient { id } revoked } } }';
    const after = await api.ok(world.tokens[`${FR}-inv`], revoke, { input: { caseId: world.caseId, recipientAgencyId: CN, reason: 'shared too early' } });
    expect(after.revokeShare.shares).toEqual(expect.arrayContaining([{ recipient: { id: CN }, revoked: true }]));
    expect((await readCase(world.tokens[`${CN}-inv`])).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await api.ok(world.tokens[`${CN}-lo`], '{ cases { edges { node { id } } } }')).cases.edges).toEqual([]);

    await api.ok(world.tokens[`${FR}-inv`], SHARE_CASE, { input: { caseId: world.caseId, recipientAgencyIds: [CN], agreementId: world.agreements.frCn, categories: ['SUSPECT_IDENTITY'] } });
    const { case: back } = await api.ok(world.tokens[`${CN}-inv`], caseQuery, { id: world.caseId });
    expect(back.persons[0].fullName.value).toBe('Zhang Wei');
  });

  it('suspending the agreement removes the case from the recipient; resuming restores it', async () => {
    const suspend = 'mutation($input: SuspendAgreementInput!) { suspendAgreement(input: $input) { status inForce } }';
    const resume = 'mutation($input: ResumeAgreementInput!) { resumeAgreement(input: $input) { status inForce } }';
    expect((await api.ok(world.tokens[`${CN}-admin`], suspend, { input: { agreementId: world.agreements.frCn, reason: 'review' } })).suspendAgreement).toEqual({ status: 'SUSPENDED', inForce: false });
    expect((await readCase(world.tokens[`${CN}-inv`])).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // The owner keeps its case; the suspended party still sees the agreement itself.
    expect((await readCase(world.tokens[`${FR}-inv`])).data?.case.id).toBe(world.caseId);
    expect((await api.ok(world.tokens[`${CN}-inv`], '{ agreements(status: SUSPENDED) { id } }')).agreements).toEqual([{ id: world.agreements.frCn }]);

    expect((await api.ok(world.tokens[`${FR}-admin`], resume, { input: { agreementId: world.agreements.frCn } })).resumeAgreement).toEqual({ status: 'ACTIVE', inForce: true });
    expect((await readCase(world.tokens[`${CN}-inv`])).data?.case.id).toBe(world.caseId);
  });

  it('lists only the agencies a viewer is connected to by an agreement, and officers only to its own admin', async () => {
    const seen = await api.ok(world.tokens[`${AT}-inv`], '{ agencies { id } }');
    expect(seen.agencies.map((a: any) => a.id).sort()).toEqual([AT, FR].sort());
    const europol = await api.ok(world.tokens[`${EU}-inv`], '{ agencies { id } }');
    expect(europol.agencies).toEqual([{ id: EU }]);
    const forbidden = await api.gql(world.tokens[`${AT}-inv`], `{ agency(id: "${AT}") { officers { id } } }`);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const admin = await api.ok(world.tokens[`${AT}-admin`], `{ agency(id: "${AT}") { officers { id } } agencies { id officers { id } } }`);
    expect(admin.agency.officers.map((o: any) => o.id).sort()).toEqual([`${AT}-admin`, `${AT}-inv`, `${AT}-lo`]);
    expect(admin.agencies.find((a: any) => a.id === FR).officers).toBeNull();
    expect((await api.gql(world.tokens[`${EU}-inv`], `{ agency(id: "${FR}") { id } }`)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('pages cases with cursors and caps the page size', async () => {
    for (const title of ['Second case', 'Third case']) {
      await api.ok(world.tokens[`${FR}-inv`], 'mutation($input: OpenCaseInput!) { openCase(input: $input) { id } }', {
        input: { kind: 'SMUGGLING', title, markings: { tlp: 'GREEN', handling: ['H0'] } },
      });
    }
    const page = `query Page($after: String) { cases(first: 2, after: $after) { edges { cursor node { title } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
    const first = await api.ok(world.tokens[`${FR}-lo`], page);
    expect(first.cases.edges.map((e: any) => e.node.title)).toEqual(['Third case', 'Second case']);
    expect(first.cases.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await api.ok(world.tokens[`${FR}-lo`], page, { after: first.cases.pageInfo.endCursor });
    expect(second.cases.edges.map((e: any) => e.node.title)).toEqual(['Parlour network in Paris']);
    expect(second.cases.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    const filtered = await api.ok(world.tokens[`${FR}-lo`], '{ cases(filter: { kind: SMUGGLING, text: "third" }) { edges { node { title } } } }');
    expect(filtered.cases.edges).toEqual([{ node: { title: 'Third case' } }]);

    const tooMany = await api.gql(world.tokens[`${FR}-lo`], `{ cases(first: ${api.config.graphql.maxPageSize + 1}) { edges { cursor } } }`);
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first', rule: 'page.first-within-limit' });
    const badCursor = await api.gql(world.tokens[`${FR}-lo`], '{ cases(after: "not-a-cursor") { edges { cursor } } }');
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
