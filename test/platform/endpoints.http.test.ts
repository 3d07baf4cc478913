import { HealthRegistry, LedgerMetrics, eventStoreCheck, projectorLagCheck, type HealthReport } from '@ledger/platform';
import { startTestServer, type TestServer } from './server-harness';

/** The value of the sample `name{labels…}` in a Prometheus exposition, whatever the label order; undefined if absent. */
function sample(exposition: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match === null || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-zA-Z_]+)="([^"]*)"/g)].map((pair) => [pair[1], pair[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
}

describe('/health and /metrics', () => {
  let server: TestServer;
  let head = 42;
  let lag = 0;
  let storeUp = true;

  beforeAll(async () => {
    server = await startTestServer({
      beforeListen: (app) => {
        const health = app.get(HealthRegistry);
        health.register('eventStore', eventStoreCheck({ headPosition: async () => (storeUp ? head : Promise.reject(new Error('SQLITE_CANTOPEN: unable to open database file'))) }));
        health.register('projector', projectorLagCheck({ projection: 'agency-views', lag: async () => lag, maxLag: 100, metrics: app.get(LedgerMetrics) }));
      },
    });
  });
  afterAll(() => server.close());

  it('reports ready with every registered check', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report).toMatchObject({
      status: 'ok',
      live: true,
      ready: true,
      checks: { eventStore: { ok: true, details: { headPosition: 42 } }, projector: { ok: true, details: { lag: 0, maxLag: 100 } } },
    });
  });

  it('reports not ready (503) when the event store is unreachable, with the reason', async () => {
    storeUp = false;
    try {
      const response = await fetch(`${server.url}/health/ready`);
      expect(response.status).toBe(503);
      const report = (await response.json()) as HealthReport;
      expect(report.status).toBe('unavailable');
      expect(report.checks.eventStore).toMatchObject({ ok: false, details: { error: 'SQLITE_CANTOPEN: unable to open database file' } });
      // Liveness does not depend on dependencies: restarting would not help.
      expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
    } finally {
      storeUp = true;
    }
  });

  it('reports not ready when the projector lags too far behind, and exports the lag', async () => {
    lag = 250;
    try {
      const response = await fetch(`${server.url}/health`);
      expect(response.status).toBe(503);
      expect(((await response.json()) as HealthReport).checks.projector).toMatchObject({ ok: false, details: { lag: 250, maxLag: 100 } });
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(sample(metrics, 'ledger_projector_lag_events', { projection: 'agency-views', service: 'api-test' })).toBe(250);
    } finally {
      lag = 0;
    }
  });

  it('exposes Prometheus text with process metrics, HTTP counters and GraphQL durations by operation', async () => {
    const token = await server.tokenFor('off-fr-1');
    await server.graphql({ query: 'query EchoTwice { echo(text: "x") }', operationName: 'EchoTwice' }, { authorization: `Bearer ${token}` });
    await server.graphql({ query: 'query Broken { crash }', operationName: 'Broken' }, { authorization: `Bearer ${token}` });
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
    expect(sample(text, 'ledger_graphql_operation_duration_seconds_count', { operation: 'EchoTwice', type: 'query', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'ledger_graphql_operation_duration_seconds_count', { operation: 'Broken', type: 'query', outcome: 'INTERNAL_SERVER_ERROR' })).toBe(1);
    expect(sample(text, 'ledger_http_requests_total', { method: 'POST', route: '/graphql', status: '200', service: 'api-test' })).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'ledger_http_requests_total', { method: 'GET', route: '/health', status: '200' })).toBeGreaterThanOrEqual(1);
  });
});

describe('request ids and the access log', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('accepts a plain caller-supplied request and correlation id and echoes them', async () => {
    const token = await server.tokenFor('off-fr-1');
    const { headers } = await server.graphql(
      { query: 'query Hello { echo(text: "hi") }', operationName: 'Hello' },
      { authorization: `Bearer ${token}`, 'x-request-id': 'req-123', 'x-correlation-id': 'corr-abc' },
    );
    expect(headers.get('x-request-id')).toBe('req-123');
    expect(headers.get('x-correlation-id')).toBe('corr-abc');
    const line = server.logLines().find((entry) => entry.msg === 'http request' && entry.requestId === 'req-123');
    expect(line).toMatchObject({
      level: 'info',
      service: 'api-test',
      method: 'POST',
      path: '/graphql',
      status: 200,
      correlationId: 'corr-abc',
      officerId: 'off-fr-1',
      agencyId: 'fr-ocreth',
      operationName: 'Hello',
      graphql: { operationName: 'Hello', type: 'query', outcome: 'ok' },
    });
    expect(typeof line?.durationMs).toBe('number');
    expect(typeof line?.time).toBe('string');
  });

  it('replaces an unsafe incoming request id with its own', async () => {
    const response = await fetch(`${server.url}/health/live`, { headers: { 'x-request-id': 'bad id <script>' } });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('tracks Nest controller routes too', async () => {
    const response = await fetch(`${server.url}/test/ping`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ pong: true });
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.logLines().some((line) => line.msg === 'http request' && line.requestId === requestId && line.path === '/test/ping')).toBe(true);
  });

  it('writes Nest start-up messages as structured lines', () => {
    expect(server.logLines().some((line) => line.context === 'RoutesResolver' && typeof line.msg === 'string' && line.level === 'info')).toBe(true);
  });
});

describe('the offline explorer', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { LEDGER_GRAPHQL_EXPLORER: 'true' } });
  });
  afterAll(() => server.close());

  it('serves a page that loads only local assets', async () => {
    const response = await fetch(`${server.url}/explorer`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    expect(html).not.toMatch(/https?:\/\/|\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] as string);
    expect(references).toEqual([
      '/explorer/assets/graphiql.min.css',
      '/explorer/assets/explorer.css',
      '/explorer/assets/react.production.min.js',
      '/explorer/assets/react-dom.production.min.js',
      '/explorer/assets/graphiql.min.js',
      '/explorer/assets/explorer.js',
    ]);
    for (const reference of references) {
      const asset = await fetch(`${server.url}${reference}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toBe(reference.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(50);
    }
  });

  it('starts GraphiQL with an Authorization header to fill in and subscriptions over WebSocket', async () => {
    const script = await (await fetch(`${server.url}/explorer/assets/explorer.js`)).text();
    expect(script).toContain("Authorization: 'Bearer <paste an officer token here>'");
    expect(script).toContain('GraphiQL.createFetcher({ url: endpoint.href, subscriptionUrl: subscriptions.href })');
    // The standalone build reads React and ReactDOM from the globals the two scripts before it define.
    const graphiql = await (await fetch(`${server.url}/explorer/assets/graphiql.min.js`)).text();
    expect(graphiql.slice(0, 400)).toContain('.GraphiQL=t(e.React,e.ReactDOM)');
  });

  it('sends a browser opening /graphql to the explorer', async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/explorer');
  });

  it('answers 404 for an unknown asset', async () => {
    expect((await fetch(`${server.url}/explorer/assets/evil.js`)).status).toBe(404);
  });
});

describe('explorer switched off', () => {
  it('serves no explorer page', async () => {
    const server = await startTestServer({ env: { LEDGER_GRAPHQL_EXPLORER: 'false' } });
    try {
      expect((await fetch(`${server.url}/explorer`)).status).toBe(404);
      expect((await fetch(`${server.url}/explorer/assets/graphiql.min.js`)).status).toBe(404);
      const page = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' }, redirect: 'manual' });
      expect(page.status).not.toBe(302);
    } finally {
      await server.close();
    }
  });
});
