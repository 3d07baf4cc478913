import { LedgerMetrics } from '@ledger/platform';
import { startTestServer, subscribe, type TestServer } from './server-harness';

const MESSAGES = 'subscription { messages { text agencyId } }';

/** Resolves with the close event of a graphql-ws client's connection. */
function closeEvent(): { onClosed: (event: { code: number; reason: string }) => void; closed: Promise<{ code: number; reason: string }> } {
  let resolve: (event: { code: number; reason: string }) => void = () => undefined;
  const closed = new Promise<{ code: number; reason: string }>((done) => (resolve = done));
  return { onClosed: (event) => resolve({ code: event.code, reason: event.reason }), closed };
}

describe('GraphQL subscriptions over graphql-ws', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { LEDGER_MAX_QUERY_DEPTH: '4' }, server: { subscriptionRecheckMs: 100 } });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.resolverCalls.length = 0;
  });

  it('delivers a published event to a subscriber authenticated with connectionParams, and only within its agency', async () => {
    const french = server.wsClient({ Authorization: `Bearer ${await server.tokenFor('off-fr-1')}` });
    const austrian = server.wsClient({ Authorization: `Bearer ${await server.tokenFor('off-at-1')}` });
    try {
      const frenchInbox = subscribe(french, MESSAGES);
      const austrianInbox = subscribe(austrian, MESSAGES);
      // Publish only once both subscriptions are registered with the pub/sub.
      while (server.resolverCalls.filter((name) => name === 'messages').length < 2) await new Promise((resolve) => setTimeout(resolve, 10));

      const published = await server.graphql({ query: 'mutation { publish(text: "new clue for you") }' }, { authorization: `Bearer ${await server.tokenFor('off-fr-1')}` });
      expect(published.json).toEqual({ data: { publish: 1 } });
      expect(await frenchInbox.next()).toEqual({ data: { messages: { text: 'new clue for you', agencyId: 'fr-ocreth' } } });

      await server.graphql({ query: 'mutation { publish(text: "for the Austrians") }' }, { authorization: `Bearer ${await server.tokenFor('off-at-1')}` });
      // The Austrian subscriber's first event is the Austrian one: the French event never reached it.
      expect(await austrianInbox.next()).toEqual({ data: { messages: { text: 'for the Austrians', agencyId: 'at-bk' } } });

      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metrics).toMatch(/^ledger_graphql_active_subscriptions\{[^}]*\} 2$/m);
      frenchInbox.stop();
      austrianInbox.stop();
    } finally {
      await french.dispose();
      await austrian.dispose();
    }
  });

  it('answers queries over the same connection', async () => {
    const client = server.wsClient({ authorization: `Bearer ${await server.tokenFor('off-fr-1')}` });
    try {
      const result = subscribe(client, '{ me { officerId agencyId } }');
      expect(await result.next()).toEqual({ data: { me: { officerId: 'off-fr-1', agencyId: 'fr-ocreth' } } });
    } finally {
      await client.dispose();
    }
  });

  it.each([
    ['without a token', async () => undefined, 'Unauthorized: MISSING_TOKEN'],
    ['with an officer claiming another agency', async () => ({ Authorization: `Bearer ${await server.tokenFor('off-fr-1', 'at-bk')}` }), 'Unauthorized: AGENCY_MISMATCH'],
    ['with a suspended officer', async () => ({ Authorization: `Bearer ${await server.tokenFor('off-cn-9')}` }), 'Unauthorized: OFFICER_SUSPENDED'],
    ['with a garbage token', async () => ({ Authorization: 'Bearer garbage' }), 'Unauthorized: MALFORMED_TOKEN'],
  ])('closes a connection %s with 4401 before any resolver runs', async (_case, params, reason) => {
    const { onClosed, closed } = closeEvent();
    const client = server.wsClient(await params(), onClosed);
    try {
      const result = subscribe(client, MESSAGES);
      expect(await closed).toEqual({ code: 4401, reason });
      await result.error;
      expect(server.resolverCalls).toEqual([]);
    } finally {
      await client.dispose();
    }
  });

  it('applies the depth limit to subscription operations', async () => {
    const client = server.wsClient({ Authorization: `Bearer ${await server.tokenFor('off-fr-1')}` });
    try {
      const result = subscribe(client, '{ nested { child { child { child { child { value } } } } } }');
      const errors = (await result.error) as Array<{ message: string; extensions: Record<string, unknown> }>;
      expect(errors).toEqual([
        { message: 'Query is too deep: fields may be nested at most 4 levels (LEDGER_MAX_QUERY_DEPTH)', locations: expect.any(Array), extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'MAX_QUERY_DEPTH', max: 4 } },
      ]);
      expect(server.resolverCalls).toEqual([]);
    } finally {
      await client.dispose();
    }
  });

  it('hides unexpected resolver errors over WebSocket too', async () => {
    const client = server.wsClient({ Authorization: `Bearer ${await server.tokenFor('off-fr-1')}` });
    try {
      const result = subscribe(client, '{ crash }');
      const response = await result.next();
      expect(JSON.stringify(response)).not.toContain('hunter2');
      expect(response.errors[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    } finally {
      await client.dispose();
    }
  });

  it('disconnects an open connection once its officer is suspended', async () => {
    const officer = server.officers.officers.get('off-at-1');
    if (officer === undefined) throw new Error('fixture missing');
    const { onClosed, closed } = closeEvent();
    const client = server.wsClient({ Authorization: `Bearer ${await server.tokenFor('off-at-1')}` }, onClosed);
    try {
      subscribe(client, MESSAGES);
      while (!server.resolverCalls.includes('messages')) await new Promise((resolve) => setTimeout(resolve, 10));
      officer.suspended = true;
      expect(await closed).toEqual({ code: 4401, reason: 'Unauthorized: OFFICER_SUSPENDED' });
    } finally {
      officer.suspended = false;
      await client.dispose();
    }
  });

  it('disconnects an open connection when its token expires', async () => {
    const { onClosed, closed } = closeEvent();
    // Valid for one more second at most (the server tolerates 5 s of clock skew when accepting it).
    const token = await server.tokenFor('off-fr-1', undefined, { ttlSeconds: 60, notBefore: new Date(Date.now() - 59_000) });
    const client = server.wsClient({ Authorization: `Bearer ${token}` }, onClosed);
    try {
      subscribe(client, MESSAGES);
      expect(await closed).toEqual({ code: 4401, reason: 'Unauthorized: EXPIRED' });
    } finally {
      await client.dispose();
    }
  });

  it('keeps the active subscription gauge in step when clients leave', async () => {
    const gauge = server.app.get(LedgerMetrics).activeSubscriptions;
    const active = async () => (await gauge.get()).values[0]?.value ?? 0;
    const until = async (value: number) => {
      while ((await active()) !== value) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    // Connections closed by earlier tests finish on the server shortly after their clients see the close.
    await until(0);
    const client = server.wsClient({ Authorization: `Bearer ${await server.tokenFor('off-fr-1')}` });
    subscribe(client, MESSAGES);
    await until(1);
    await client.dispose();
    await until(0);
  });
});
