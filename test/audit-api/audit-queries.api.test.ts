import { randomUUID } from 'node:crypto';
import { MARKINGS, OPEN_CASE, SHARE_CASE } from '../api/small-world';
import { type ApiHarness, type GraphqlResult, startApi } from '../support/api-harness';
import { AT, AUDIT_EVENT_FIELDS, auditorOf, buildAuditWorld, CN, FR, OVERSIGHT_AUDITOR, type AuditWorld } from './support/audit-world';

const STREAM_HISTORY = `query History($stream: String!, $from: Int, $limit: Int) {
  streamHistory(stream: $stream, from: $from, limit: $limit) { stream lastRevision nextFrom events { ${AUDIT_EVENT_FIELDS} } }
}`;
const ACCESS_LOG = `query Reads($filter: AccessLogFilter, $first: Int, $after: String) {
  accessLog(filter: $filter, first: $first, after: $after) {
    edges { cursor node { accessedAt agencyId officerId entityType entityId operationType operationName rootFields eventId globalPosition } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;
const VIEW_AS_OF = 'query Past($agency: ID!, $position: Long) { agencyViewAsOf(agency: $agency, position: $position) { position agency { id } } }';
const INTEGRITY = '{ ledgerIntegrity { headPosition } }';

function codeOf(result: GraphqlResult): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}

/** The audit queries over real HTTP: who may ask, about which streams, and what the answers hold. */
describe('audit queries', () => {
  let api: ApiHarness;
  let world: AuditWorld;
  const token = (officer: string): string => world.tokens[officer];

  beforeAll(async () => {
    api = await startApi({ settings: { accessLogFlushMs: 60_000 } });
    world = await buildAuditWorld(api);
  });
  afterAll(async () => {
    await api?.stop();
  });

  describe('role', () => {
    // Variables are made when the test runs, once the ledger holds the world.
    const queries: Array<[string, string, () => Promise<Record<string, unknown>>]> = [
      ['streamHistory', STREAM_HISTORY, async () => ({ stream: `agency-${FR}` })],
      ['accessLog', ACCESS_LOG, async () => ({})],
      ['agencyViewAsOf', VIEW_AS_OF, async () => ({ agency: FR, position: await api.store.headPosition() })],
      ['ledgerIntegrity', INTEGRITY, async () => ({})],
    ];

    it.each(queries)('%s is FORBIDDEN to investigators, liaison officers and agency admins (the oversight body\'s included)', async (_name, query, variables) => {
      for (const officer of [`${FR}-inv`, `${CN}-lo`, `${FR}-admin`, 'registrar']) {
        const result = await api.gql(token(officer), query, await variables());
        expect({ officer, code: codeOf(result), rule: result.errors?.[0]?.extensions?.rule }).toEqual({ officer, code: 'FORBIDDEN', rule: 'audit.auditor-role' });
        expect(result.data ?? null).toBeNull();
      }
    });

    it.each(queries)('%s answers an auditor', async (_name, query, variables) => {
      const result = await api.gql(token(auditorOf(FR)), query, await variables());
      expect(result.errors).toBeUndefined();
    });
  });

  describe('scope', () => {
    const history = (officer: string, stream: string) => api.gql(token(officer), STREAM_HISTORY, { stream, limit: 1 });

    it('gives an OWN auditor its agency\'s streams and the streams it took part in, even after its share was revoked', async () => {
      for (const stream of [`agency-${FR}`, `case-${world.caseId}`, `agreement-${world.agreements.frCn}`, `agreement-${world.agreements.frAt}`, `access-${FR}`]) {
        expect({ stream, errors: (await history(auditorOf(FR), stream)).errors }).toEqual({ stream, errors: undefined });
      }
      // China received the French case (the share is revoked since) and is a party of FR–CN.
      for (const stream of [`case-${world.caseId}`, `agreement-${world.agreements.frCn}`, `case-${world.cnCaseId}`, `access-${CN}`]) {
        expect({ stream, errors: (await history(auditorOf(CN), stream)).errors }).toEqual({ stream, errors: undefined });
      }
    });

    it('shows an OWN auditor the personal fields of its own agency\'s streams only; those of a stream another agency owns are redacted', async () => {
      const personalFieldsOf = async (officer: string): Promise<unknown[]> => {
        const result = await api.gql(token(officer), STREAM_HISTORY, { stream: `case-${world.caseId}`, limit: 50 });
        expect(result.errors).toBeUndefined();
        const events = (result.data as { streamHistory: { events: Array<{ type: string; data: Record<string, unknown> }> } }).streamHistory.events;
        return events.filter((event) => event.type === 'PersonRecorded').map((event) => event.data.fullName);
      };
      // France owns the case: its auditor and the oversight auditor see the recorded names.
      for (const officer of [auditorOf(FR), OVERSIGHT_AUDITOR]) {
        const names = await personalFieldsOf(officer);
        expect(names.length).toBeGreaterThan(0);
        for (const name of names) expect(name).toEqual({ category: expect.any(String), value: expect.any(String) });
      }
      // China only received it: its auditor sees that the fields exist, not what they hold.
      const names = await personalFieldsOf(auditorOf(CN));
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) expect(name).toEqual({ category: expect.any(String), redacted: true });
    });

    it('refuses an OWN auditor everything else with FORBIDDEN, whether or not it exists', async () => {
      const refused: Array<[string, string]> = [
        [auditorOf(FR), `case-${world.cnCaseId}`],
        [auditorOf(FR), `agency-${CN}`],
        [auditorOf(FR), `access-${CN}`],
        [auditorOf(AT), `case-${world.caseId}`],
        [auditorOf(CN), `agreement-${world.agreements.frAt}`],
        [auditorOf(FR), 'case-00000000-0000-4000-8000-000000000000'],
        [auditorOf(FR), 'ledger-checkpoints'],
      ];
      for (const [officer, stream] of refused) {
        const result = await history(officer, stream);
        expect({ officer, stream, code: codeOf(result), rule: result.errors?.[0]?.extensions?.rule, message: result.errors?.[0]?.message }).toEqual({
          officer,
          stream,
          code: 'FORBIDDEN',
          rule: 'audit.scope',
          message: `stream ${stream} is outside your audit scope`,
        });
      }
    });

    it('follows the ledger: a stream the agency takes part in later comes into scope then', async () => {
      const caseId = randomUUID();
      await api.ok(token(`${CN}-inv`), OPEN_CASE, { input: { caseId, kind: 'TRAFFICKING', title: 'Recruiters in Wenzhou', markings: MARKINGS } });
      expect(codeOf(await history(auditorOf(FR), `case-${caseId}`))).toBe('FORBIDDEN');
      await api.ok(token(`${CN}-inv`), SHARE_CASE, { input: { caseId, recipientAgencyIds: [FR], agreementId: world.agreements.frCn, categories: ['TRAVEL_ROUTE'] } });
      expect((await history(auditorOf(FR), `case-${caseId}`)).errors).toBeUndefined();
    });

    it('gives an ALL auditor every stream, and NOT_FOUND for one that does not exist', async () => {
      for (const stream of [`case-${world.cnCaseId}`, `agency-${CN}`, `access-${CN}`, `case-${world.caseId}`, `agency-${AT}`]) {
        expect({ stream, errors: (await history(OVERSIGHT_AUDITOR, stream)).errors }).toEqual({ stream, errors: undefined });
      }
      const missing = await history(OVERSIGHT_AUDITOR, 'case-00000000-0000-4000-8000-000000000000');
      expect(codeOf(missing)).toBe('NOT_FOUND');
    });

    it('lets an OWN auditor read only its own agency\'s access log and view; an ALL auditor any agency\'s', async () => {
      const own = await api.gql(token(auditorOf(FR)), ACCESS_LOG, { filter: { agency: CN } });
      expect([codeOf(own), own.errors?.[0]?.extensions?.rule]).toEqual(['FORBIDDEN', 'audit.scope']);
      const ownView = await api.gql(token(auditorOf(FR)), VIEW_AS_OF, { agency: CN, position: 1 });
      expect([codeOf(ownView), ownView.errors?.[0]?.extensions?.rule]).toEqual(['FORBIDDEN', 'audit.scope']);

      expect((await api.gql(token(OVERSIGHT_AUDITOR), ACCESS_LOG, { filter: { agency: CN } })).errors).toBeUndefined();
      const head = await api.store.headPosition();
      const anyView = await api.ok(token(OVERSIGHT_AUDITOR), VIEW_AS_OF, { agency: CN, position: head });
      expect(anyView.agencyViewAsOf).toEqual({ position: head, agency: { id: CN } });
    });
  });

  describe('streamHistory', () => {
    it('returns every event with the envelope and data exactly as the store holds them, each chain link intact', async () => {
      const stream = `case-${world.caseId}`;
      const stored = await api.store.readStream(stream);
      const answer = await api.ok(token(auditorOf(FR)), STREAM_HISTORY, { stream, limit: 100 });
      expect(answer.streamHistory.stream).toBe(stream);
      expect(answer.streamHistory.lastRevision).toBe(stored.length - 1);
      expect(answer.streamHistory.nextFrom).toBeNull();
      expect(answer.streamHistory.events).toEqual(stored.map((event) => ({ ...event, chainProblem: null })));
      expect(stored.map((event) => event.type)).toEqual(expect.arrayContaining(['CaseOpened', 'PersonRecorded', 'CaseShared', 'ShareRevoked']));
    });

    it('pages by revision, checking the link of each page\'s first event too', async () => {
      const stream = `case-${world.caseId}`;
      const stored = await api.store.readStream(stream);
      const seen: unknown[] = [];
      let from: number | null = 0;
      let pages = 0;
      while (from !== null) {
        const page: { streamHistory: { nextFrom: number | null; events: Array<{ revision: number; chainProblem: string | null }> } } = await api.ok(token(OVERSIGHT_AUDITOR), STREAM_HISTORY, {
          stream,
          from,
          limit: 3,
        });
        expect(page.streamHistory.events[0].revision).toBe(from);
        expect(page.streamHistory.events.every((event) => event.chainProblem === null)).toBe(true);
        seen.push(...page.streamHistory.events);
        from = page.streamHistory.nextFrom;
        pages += 1;
      }
      expect(pages).toBe(Math.ceil(stored.length / 3));
      expect(seen).toEqual(stored.map((event) => ({ ...event, chainProblem: null })));
    });

    it('names the argument and the rule of bad input', async () => {
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ stream: 'Case 42' }, 'stream', 'stream.name-format'],
        [{ stream: `agency-${FR}`, limit: 0 }, 'limit', 'page.limit-within-limit'],
        [{ stream: `agency-${FR}`, limit: 100_000 }, 'limit', 'page.limit-within-limit'],
        [{ stream: `agency-${FR}`, from: -1 }, 'from', 'streamHistory.from-is-a-revision'],
      ];
      for (const [variables, field, rule] of cases) {
        const result = await api.gql(token(auditorOf(FR)), STREAM_HISTORY, variables);
        expect({ variables, code: codeOf(result), field: result.errors?.[0]?.extensions?.field, rule: result.errors?.[0]?.extensions?.rule }).toEqual({ variables, code: 'BAD_USER_INPUT', field, rule });
      }
    });

    it('is itself recorded: an auditor who reads a case stream shows in the access log', async () => {
      await api.ok(token(auditorOf(FR)), STREAM_HISTORY, { stream: `case-${world.caseId}`, limit: 1 });
      await api.flushAccessLog();
      const reads = await api.ok(token(auditorOf(FR)), ACCESS_LOG, { filter: { officer: auditorOf(FR), entityId: world.caseId } });
      expect(reads.accessLog.edges.map((edge: { node: unknown }) => edge.node)).toContainEqual(
        expect.objectContaining({ agencyId: FR, officerId: auditorOf(FR), entityType: 'CASE', entityId: world.caseId, operationName: 'History', rootFields: ['streamHistory'] }),
      );
    });
  });

  describe('accessLog', () => {
    it('shows who read a case through case(id), when and through which operation', async () => {
      const accessEvents = await api.store.readStream(`access-${CN}`);
      const recorded = accessEvents.find((event) => (event.data as { operationName: string | null }).operationName === 'LookAtCase');
      expect(recorded).toBeDefined();

      const answer = await api.ok(token(auditorOf(CN)), ACCESS_LOG, { filter: { officer: `${CN}-lo`, entityType: 'CASE', entityId: world.caseId } });
      expect(answer.accessLog.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
        {
          accessedAt: recorded!.occurredAt,
          agencyId: CN,
          officerId: `${CN}-lo`,
          entityType: 'CASE',
          entityId: world.caseId,
          operationType: 'query',
          operationName: 'LookAtCase',
          rootFields: ['case'],
          eventId: recorded!.eventId,
          globalPosition: recorded!.globalPosition,
        },
      ]);

      // The oversight body sees it among every agency's reads; a time window that ends before it does not.
      const everyone = await api.ok(token(OVERSIGHT_AUDITOR), ACCESS_LOG, { filter: { officer: `${CN}-lo` }, first: 100 });
      expect(everyone.accessLog.edges.map((edge: { node: { eventId: string } }) => edge.node.eventId)).toContain(recorded!.eventId);
      const before = await api.ok(token(OVERSIGHT_AUDITOR), ACCESS_LOG, { filter: { entityId: world.caseId, to: new Date(Date.parse(recorded!.occurredAt) - 1).toISOString() } });
      expect(before.accessLog.edges.filter((edge: { node: { officerId: string } }) => edge.node.officerId === `${CN}-lo`)).toEqual([]);
      const within = await api.ok(token(OVERSIGHT_AUDITOR), ACCESS_LOG, { filter: { agency: CN, from: recorded!.occurredAt, to: recorded!.occurredAt } });
      expect(within.accessLog.edges.map((edge: { node: { eventId: string } }) => edge.node.eventId)).toEqual([recorded!.eventId]);
    });

    it('pages oldest first with opaque cursors, and keeps each agency to its own log', async () => {
      const all = await api.ok(token(OVERSIGHT_AUDITOR), ACCESS_LOG, { first: 100 });
      const nodes = all.accessLog.edges.map((edge: { node: { globalPosition: number; agencyId: string } }) => edge.node);
      expect(nodes.length).toBeGreaterThanOrEqual(3);
      expect(new Set(nodes.map((node: { agencyId: string }) => node.agencyId)).size).toBeGreaterThan(1);
      expect(nodes.map((node: { globalPosition: number }) => node.globalPosition)).toEqual([...nodes.map((node: { globalPosition: number }) => node.globalPosition)].sort((a, b) => a - b));

      const paged: unknown[] = [];
      let after: string | null = null;
      for (;;) {
        const page: { accessLog: { edges: Array<{ node: unknown }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await api.ok(token(OVERSIGHT_AUDITOR), ACCESS_LOG, { first: 2, after });
        paged.push(...page.accessLog.edges.map((edge) => edge.node));
        if (!page.accessLog.pageInfo.hasNextPage) break;
        after = page.accessLog.pageInfo.endCursor;
      }
      expect(paged).toEqual(nodes);

      const french = await api.ok(token(auditorOf(FR)), ACCESS_LOG, { first: 100 });
      const agencies = new Set(french.accessLog.edges.map((edge: { node: { agencyId: string } }) => edge.node.agencyId));
      expect([...agencies]).toEqual([FR]);
    });

    it('names the argument and the rule of bad input', async () => {
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ filter: { from: 'yesterday' } }, 'filter.from', 'audit.instant-is-iso-8601'],
        [{ filter: { from: '2024-05-02T00:00:00Z', to: '2024-05-01T00:00:00Z' } }, 'filter.to', 'access-log.to-not-before-from'],
        [{ after: 'not-a-cursor' }, 'after', 'page.after-is-a-cursor'],
        [{ first: 0 }, 'first', 'page.first-within-limit'],
      ];
      for (const [variables, field, rule] of cases) {
        const result = await api.gql(token(auditorOf(FR)), ACCESS_LOG, variables);
        expect({ variables, code: codeOf(result), field: result.errors?.[0]?.extensions?.field, rule: result.errors?.[0]?.extensions?.rule }).toEqual({ variables, code: 'BAD_USER_INPUT', field, rule });
      }
    });
  });
});
