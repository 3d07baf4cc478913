import { errorCodes } from '@ledger/platform';
import { startTestServer, type TestServer } from './server-harness';

/** `{ nested { child { child … { value } } } }` with `levels` object levels below the root field. */
function nestedQuery(levels: number): string {
  let selection = 'value';
  for (let level = 1; level < levels; level += 1) selection = `child { ${selection} }`;
  return `{ nested { ${selection} } }`;
}

describe('operation limits and request limits over HTTP', () => {
  let server: TestServer;
  let auth: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({ env: { LEDGER_MAX_QUERY_DEPTH: '5', LEDGER_MAX_QUERY_COMPLEXITY: '50', LEDGER_MAX_BODY_BYTES: '2048' } });
    auth = { authorization: `Bearer ${await server.tokenFor('off-fr-1')}` };
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.resolverCalls.length = 0;
  });

  it('serves an operation at the depth limit', async () => {
    const { status, json } = await server.graphql({ query: nestedQuery(4) }, auth);
    expect(status).toBe(200);
    expect(json.data.nested.child.child.child.value).toBe(4);
  });

  it('refuses an operation deeper than LEDGER_MAX_QUERY_DEPTH before any resolver runs', async () => {
    const { status, json } = await server.graphql({ query: nestedQuery(8) }, auth);
    expect(status).toBe(400);
    expect(json.errors).toHaveLength(1);
    expect(json.errors[0].message).toBe('Query is too deep: fields may be nested at most 5 levels (LEDGER_MAX_QUERY_DEPTH)');
    expect(json.errors[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'MAX_QUERY_DEPTH', max: 5 });
    expect(server.resolverCalls).toEqual([]);
  });

  it('measures depth through fragments', async () => {
    const query = `{ ...A } fragment A on Query { nested { child { ...B } } } fragment B on Nested { child { child { child { child { value } } } } }`;
    const { status, json } = await server.graphql({ query }, auth);
    expect(status).toBe(400);
    expect(json.errors[0].extensions.limit).toBe('MAX_QUERY_DEPTH');
  });

  it('leaves cyclic fragments to the standard rule instead of recursing forever', async () => {
    const query = `{ nested { ...A } } fragment A on Nested { child { ...B } } fragment B on Nested { child { ...A } }`;
    const { status, json } = await server.graphql({ query }, auth);
    expect(status).toBe(400);
    expect(json.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(json.errors[0].message).toMatch(/Cannot spread fragment "A" within itself/);
  });

  it('serves an operation within the complexity limit', async () => {
    const { status, json } = await server.graphql({ query: '{ items(first: 20) { id } }' }, auth);
    expect(status).toBe(200);
    expect(json.data.items).toHaveLength(20);
  });

  it('refuses an operation above LEDGER_MAX_QUERY_COMPLEXITY, counting page sizes from variables', async () => {
    const { status, json } = await server.graphql({ query: 'query Big($n: Int) { items(first: $n) { id } }', variables: { n: 40 } }, auth);
    // items costs (1 + 1 for `id`) per item, times first = 40.
    expect(status).toBe(400);
    expect(json.errors[0].message).toBe('Query is too complex: its estimated cost is 80, the maximum is 50 (LEDGER_MAX_QUERY_COMPLEXITY)');
    expect(json.errors[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'MAX_QUERY_COMPLEXITY', cost: 80, max: 50 });
    expect(server.resolverCalls).toEqual([]);
  });

  it('answers 413 with a JSON error for a body above LEDGER_MAX_BODY_BYTES', async () => {
    const { status, json } = await server.graphql({ query: '{ echo(text: $t) }', variables: { t: 'x'.repeat(4096) } }, auth);
    expect(status).toBe(413);
    expect(json).toEqual({
      errors: [{ message: 'Request body exceeds the limit of 2048 bytes (LEDGER_MAX_BODY_BYTES)', extensions: { code: 'PAYLOAD_TOO_LARGE', limitBytes: 2048 } }],
    });
    expect(server.resolverCalls).toEqual([]);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: '{"query": ' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('refuses batched requests when batching is off (the default)', async () => {
    const { status, json } = await server.graphql([{ query: '{ echo(text: "a") }' }, { query: '{ echo(text: "b") }' }], auth);
    expect(status).toBe(400);
    expect(json.errors[0].extensions).toEqual({ code: 'BAD_REQUEST', maxBatchSize: 1 });
    expect(server.resolverCalls).toEqual([]);
  });

  it('refuses a GET query without a CSRF-safe header', async () => {
    const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ echo(text: "a") }')}`, { headers: auth });
    expect(response.status).toBe(400);
    expect(server.resolverCalls).toEqual([]);
  });

  it('serves a GET query with the preflight header', async () => {
    const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ echo(text: "a") }')}`, { headers: { ...auth, 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { echo: 'a' } });
  });
});

describe('batching within a limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { LEDGER_GRAPHQL_MAX_BATCH_SIZE: '2' } });
  });
  afterAll(() => server.close());

  it('serves a batch up to LEDGER_GRAPHQL_MAX_BATCH_SIZE and refuses a longer one', async () => {
    const auth = { authorization: `Bearer ${await server.tokenFor('off-fr-1')}` };
    const two = await server.graphql([{ query: '{ echo(text: "a") }' }, { query: '{ echo(text: "b") }' }], auth);
    expect(two.status).toBe(200);
    expect(two.json).toEqual([{ data: { echo: 'a' } }, { data: { echo: 'b' } }]);
    const three = await server.graphql([{ query: '{ echo(text: "a") }' }, { query: '{ echo(text: "b") }' }, { query: '{ echo(text: "c") }' }], auth);
    expect(three.status).toBe(400);
    expect(three.json.errors[0].message).toBe('Batched request holds 3 operations; the maximum is 2 (LEDGER_GRAPHQL_MAX_BATCH_SIZE)');
  });
});

describe('introspection switch', () => {
  const INTROSPECT = '{ __schema { queryType { name } } }';

  it('answers introspection when LEDGER_GRAPHQL_INTROSPECTION is on', async () => {
    const server = await startTestServer({ env: { LEDGER_GRAPHQL_INTROSPECTION: 'true' } });
    try {
      const { status, json } = await server.graphql({ query: INTROSPECT }, { authorization: `Bearer ${await server.tokenFor('off-fr-1')}` });
      expect(status).toBe(200);
      expect(json.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    } finally {
      await server.close();
    }
  });

  it('refuses introspection when LEDGER_GRAPHQL_INTROSPECTION is off', async () => {
    const server = await startTestServer({ env: { LEDGER_GRAPHQL_INTROSPECTION: 'false' } });
    try {
      const { status, json } = await server.graphql({ query: INTROSPECT }, { authorization: `Bearer ${await server.tokenFor('off-fr-1')}` });
      expect(status).toBe(400);
      expect(json.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(json.errors[0].message).toMatch(/introspection/i);
    } finally {
      await server.close();
    }
  });
});

describe('error mapping', () => {
  let server: TestServer;
  let auth: Record<string, string>;
  beforeAll(async () => {
    errorCodes.register({ CASE_NOT_VISIBLE: 'NOT_FOUND' });
    server = await startTestServer();
    auth = { authorization: `Bearer ${await server.tokenFor('off-fr-1')}` };
  });
  afterAll(() => server.close());

  const failWith = (code: string) => server.graphql({ query: `{ fail(code: ${JSON.stringify(code)}) }` }, auth);

  it.each([
    ['BAD_USER_INPUT', 'BAD_USER_INPUT'],
    ['FORBIDDEN', 'FORBIDDEN'],
    ['WRONG_EXPECTED_REVISION', 'CONFLICT'],
    ['INVALID_STREAM_NAME', 'BAD_USER_INPUT'],
    ['CASE_NOT_VISIBLE', 'NOT_FOUND'],
  ])('maps an error with code %s to %s, keeping its message, field and rule', async (code, publicCode) => {
    const { status, json } = await failWith(code);
    expect(status).toBe(200);
    expect(json.data).toEqual({ fail: null });
    expect(json.errors).toEqual([
      { message: `failure with code ${code}`, locations: [{ line: 1, column: 3 }], path: ['fail'], extensions: { code: publicCode, field: 'input.code', rule: 'must be accepted' } },
    ]);
  });

  it('hides an error with an unregistered code behind INTERNAL_SERVER_ERROR', async () => {
    const { json } = await failWith('SQLITE_CORRUPT');
    expect(json.errors[0].message).toBe('Internal server error');
    expect(json.errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) });
  });

  it('never sends the message or stack of an unexpected error, and logs it under the request id', async () => {
    const { status, json, headers } = await server.graphql({ query: '{ crash }' }, auth);
    expect(status).toBe(200);
    const text = JSON.stringify(json);
    expect(text).not.toContain('hunter2');
    expect(text).not.toMatch(/stack|\.ts:/);
    const requestId = headers.get('x-request-id');
    expect(json.errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId });
    const logged = server.logLines().find((line) => line.msg === 'unexpected error while serving a GraphQL request' && line.requestId === requestId);
    expect((logged?.err as { message?: string })?.message).toBe('database password is hunter2');
  });

  it('turns STORE_UNAVAILABLE into HTTP 503 with Retry-After', async () => {
    const { status, json, headers } = await failWith('STORE_UNAVAILABLE');
    expect(status).toBe(503);
    expect(headers.get('retry-after')).toBe('5');
    expect(json.errors[0].extensions.code).toBe('STORE_UNAVAILABLE');
  });

  it('reports syntax errors with their code', async () => {
    const { status, json } = await server.graphql({ query: '{ echo(' }, auth);
    expect(status).toBe(400);
    expect(json.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('reports bad variables as BAD_USER_INPUT', async () => {
    const { status, json } = await server.graphql({ query: 'query Q($t: String!) { echo(text: $t) }', variables: { t: 42 } }, auth);
    expect(status).toBe(400);
    expect(json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
