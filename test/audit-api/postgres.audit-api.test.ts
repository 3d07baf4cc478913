import { type ApiHarness, startApi } from '../support/api-harness';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '../support/postgres';
import { AUDIT_EVENT_FIELDS, auditorOf, buildAuditWorld, CASE_DETAIL, CN, FR, type AuditWorld } from './support/audit-world';

/** The audit queries work through the event store port alone: the same answers on PostgreSQL. */
describeWithPostgres('audit queries on PostgreSQL', () => {
  let database: TestDatabase;
  let api: ApiHarness;
  let world: AuditWorld;

  beforeAll(async () => {
    database = await createTestDatabase('ledger_audit_api');
    api = await startApi({ env: { LEDGER_EVENT_STORE: database.url }, settings: { embeddedProjector: true, accessLogFlushMs: 60_000 } });
    world = await buildAuditWorld(api);
  });
  afterAll(async () => {
    await api?.stop();
    await database?.drop();
  });

  it('returns a stream\'s events as stored, in scope only', async () => {
    const stream = `case-${world.caseId}`;
    const query = `query($stream: String!) { streamHistory(stream: $stream, limit: 100) { events { ${AUDIT_EVENT_FIELDS} } } }`;
    // France owns the case: its auditor reads the events exactly as stored.
    const answer = await api.ok(world.tokens[auditorOf(FR)], query, { stream });
    expect(answer.streamHistory.events).toEqual((await api.store.readStream(stream)).map((event) => ({ ...event, chainProblem: null })));
    const refused = await api.gql(world.tokens[auditorOf(FR)], query, { stream: `case-${world.cnCaseId}` });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('finds the read done through case(id) in the access log', async () => {
    const answer = await api.ok(world.tokens[auditorOf(CN)], `{ accessLog(filter: { officer: "${CN}-lo" }) { edges { node { entityId operationName rootFields } } } }`);
    expect(answer.accessLog.edges.map((edge: { node: unknown }) => edge.node)).toContainEqual({ entityId: world.caseId, operationName: 'LookAtCase', rootFields: ['case'] });
  });

  it('rebuilds China\'s view just before and just after the revocation, by position and by time', async () => {
    const query = `query($position: Long, $time: DateTime) { agencyViewAsOf(agency: "${CN}", position: $position, time: $time) { case(id: "${world.caseId}") { ${CASE_DETAIL} } } }`;
    const token = world.tokens[auditorOf(CN)];
    expect((await api.ok(token, query, { position: world.revoked.position - 1 })).agencyViewAsOf.case).toEqual(world.caseSeenByChina);
    expect((await api.ok(token, query, { position: world.revoked.position })).agencyViewAsOf.case).toBeNull();
    const justBefore = new Date(Date.parse(world.revoked.recordedAt) - 1).toISOString();
    expect((await api.ok(token, query, { time: justBefore })).agencyViewAsOf.case).toEqual(world.caseSeenByChina);
    expect((await api.ok(token, query, { time: world.revoked.recordedAt })).agencyViewAsOf.case).toBeNull();
  });
});
