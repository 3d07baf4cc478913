import { type ApiHarness, type GraphqlResult, startApi } from '../support/api-harness';
import { auditorOf, buildAuditWorld, CASE_DETAIL, CN, FR, OVERSIGHT_AUDITOR, type AuditWorld } from './support/audit-world';

const PAST_VIEW = `query Past($agency: ID!, $position: Long, $time: DateTime, $caseId: ID!) {
  agencyViewAsOf(agency: $agency, position: $position, time: $time) {
    position asOf today eventsApplied
    agency { id name }
    agencies { id }
    agreements { id status inForce parties { agency { id } signed } }
    cases { edges { node { id } } }
    case(id: $caseId) { ${CASE_DETAIL} }
    clues { edges { node { id } } }
  }
}`;

function codeOf(result: GraphqlResult): [string | undefined, string | undefined, string | undefined] {
  const extensions = result.errors?.[0]?.extensions;
  return [extensions?.code, extensions?.field, extensions?.rule];
}

/** agencyViewAsOf: an agency's view rebuilt as of a past position or time, with the live views' own projection. */
describe('agency views as of a past moment', () => {
  let api: ApiHarness;
  let world: AuditWorld;
  const chinaAsOf = (limit: { position?: number; time?: string }, officer = auditorOf(CN)) =>
    api.ok(world.tokens[officer], PAST_VIEW, { agency: CN, caseId: world.caseId, ...limit });

  beforeAll(async () => {
    api = await startApi({ settings: { accessLogFlushMs: 60_000 } });
    world = await buildAuditWorld(api);
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('shows the case in China\'s view just before its share was revoked, not just after (by position)', async () => {
    const before = await chinaAsOf({ position: world.revoked.position - 1 });
    expect(before.agencyViewAsOf.position).toBe(world.revoked.position - 1);
    expect(before.agencyViewAsOf.cases.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(world.caseId);
    // The same case, in the same types, as China's liaison officer was shown it live at the time.
    expect(before.agencyViewAsOf.case).toEqual(world.caseSeenByChina);

    const after = await chinaAsOf({ position: world.revoked.position });
    expect(after.agencyViewAsOf.position).toBe(world.revoked.position);
    expect(after.agencyViewAsOf.cases.edges.map((edge: { node: { id: string } }) => edge.node.id)).not.toContain(world.caseId);
    expect(after.agencyViewAsOf.case).toBeNull();
    // China's own case stays in both.
    expect(after.agencyViewAsOf.cases.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(world.cnCaseId);
  });

  it('shows the same by time: the prefix recorded at or before it', async () => {
    const justBefore = new Date(Date.parse(world.revoked.recordedAt) - 1).toISOString();
    const before = await chinaAsOf({ time: justBefore });
    expect(before.agencyViewAsOf.asOf).toBe(justBefore);
    expect(before.agencyViewAsOf.today).toBe(justBefore.slice(0, 10));
    expect(before.agencyViewAsOf.position).toBeLessThan(world.revoked.position);
    expect(before.agencyViewAsOf.case).toEqual(world.caseSeenByChina);

    const after = await chinaAsOf({ time: world.revoked.recordedAt });
    expect(after.agencyViewAsOf.position).toBeGreaterThanOrEqual(world.revoked.position);
    expect(after.agencyViewAsOf.case).toBeNull();
  });

  it('answers like the live view at the head, and the live view no longer has the case', async () => {
    const head = await api.store.headPosition();
    const past = await chinaAsOf({ position: head });
    const live = await api.ok(world.tokens[`${CN}-lo`], '{ agencies { id } agreements { id status inForce parties { agency { id } signed } } cases { edges { node { id } } } }');
    expect(past.agencyViewAsOf.agencies).toEqual(live.agencies);
    expect(past.agencyViewAsOf.agreements).toEqual(live.agreements);
    expect(past.agencyViewAsOf.cases).toEqual(live.cases);
    expect(live.cases.edges.map((edge: { node: { id: string } }) => edge.node.id)).not.toContain(world.caseId);
  });

  it('rebuilds the owner\'s view too, for an ALL auditor, with its shares as they stood', async () => {
    const query = `query Owner($position: Long) { agencyViewAsOf(agency: "${FR}", position: $position) { case(id: "${world.caseId}") { shares { recipient { id } revoked } } } }`;
    const before = await api.ok(world.tokens[OVERSIGHT_AUDITOR], query, { position: world.revoked.position - 1 });
    expect(before.agencyViewAsOf.case.shares).toEqual([{ recipient: { id: CN }, revoked: false }]);
    const after = await api.ok(world.tokens[OVERSIGHT_AUDITOR], query, { position: world.revoked.position });
    expect(after.agencyViewAsOf.case.shares).toEqual([{ recipient: { id: CN }, revoked: true }]);
  });

  it('records what the auditor was shown as the auditor\'s own read', async () => {
    await api.flushAccessLog();
    const before = await api.store.headPosition();
    await chinaAsOf({ position: world.revoked.position - 1 });
    await api.flushAccessLog();
    const recorded = (await api.store.readStream(`access-${CN}`)).filter((event) => event.globalPosition > before);
    expect(recorded).toHaveLength(1);
    const [last] = recorded;
    expect(last.actor).toEqual({ officerId: auditorOf(CN), agencyId: CN });
    const data = last.data as { entities: unknown[] };
    expect(data).toMatchObject({ officerId: auditorOf(CN), operationName: 'Past', rootFields: ['agencyViewAsOf'] });
    // Both cases China could see then (its own and the French one), each once.
    expect(data.entities).toHaveLength(2);
    expect(data.entities).toEqual(expect.arrayContaining([{ type: 'CASE', id: world.caseId }, { type: 'CASE', id: world.cnCaseId }]));
  });

  it('is NOT_FOUND before the agency existed', async () => {
    const result = await api.gql(world.tokens[OVERSIGHT_AUDITOR], PAST_VIEW, { agency: CN, caseId: world.caseId, position: 1 });
    expect(codeOf(result)[0]).toBe('NOT_FOUND');
    const unknown = await api.gql(world.tokens[OVERSIGHT_AUDITOR], PAST_VIEW, { agency: 'no-such-agency', caseId: world.caseId, position: await api.store.headPosition() });
    expect(codeOf(unknown)[0]).toBe('NOT_FOUND');
  });

  it('must be the only field of its operation, and takes exactly one of a past position or time', async () => {
    const token = world.tokens[auditorOf(CN)];
    const head = await api.store.headPosition();
    const withOther = await api.gql(token, `{ me { id } agencyViewAsOf(agency: "${CN}", position: ${head}) { position } }`);
    expect(codeOf(withOther)).toEqual(['BAD_USER_INPUT', 'agencyViewAsOf', 'agencyViewAsOf.only-field-of-operation']);
    const twice = await api.gql(token, `{ a: agencyViewAsOf(agency: "${CN}", position: 1) { position } b: agencyViewAsOf(agency: "${CN}", position: ${head}) { position } }`);
    expect(codeOf(twice)).toEqual(['BAD_USER_INPUT', 'agencyViewAsOf', 'agencyViewAsOf.only-field-of-operation']);
    const throughFragment = await api.gql(token, `query { __typename ...F } fragment F on Query { agencyViewAsOf(agency: "${CN}", position: ${head}) { position } }`);
    expect(throughFragment.errors).toBeUndefined();

    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{}, 'position', 'agencyViewAsOf.position-or-time'],
      [{ position: 3, time: new Date().toISOString() }, 'time', 'agencyViewAsOf.position-or-time'],
      [{ position: head + 1000 }, 'position', 'agencyViewAsOf.position-within-log'],
      [{ time: new Date(Date.now() + 3_600_000).toISOString() }, 'time', 'agencyViewAsOf.time-not-in-future'],
      [{ time: 'last tuesday' }, 'time', 'audit.instant-is-iso-8601'],
    ];
    for (const [limit, field, rule] of cases) {
      const result = await api.gql(token, PAST_VIEW, { agency: CN, caseId: world.caseId, ...limit });
      expect({ limit, error: codeOf(result) }).toEqual({ limit, error: ['BAD_USER_INPUT', field, rule] });
    }
    const negative = await api.gql(token, PAST_VIEW, { agency: CN, caseId: world.caseId, position: -1 });
    expect(codeOf(negative)[0]).toBe('BAD_USER_INPUT');
  });
});
