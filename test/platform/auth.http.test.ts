import { readFileSync } from 'node:fs';
import { CompactSign, SignJWT, UnsecuredJWT, base64url } from 'jose';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '@ledger/platform';
import { startTestServer, type TestServer } from './server-harness';

const ME = '{ me { officerId agencyId roles auditScope } }';

describe('bearer authentication over HTTP (HS256)', () => {
  let server: TestServer;
  let secret: Uint8Array;

  beforeAll(async () => {
    server = await startTestServer();
    if (server.config.auth.mode !== 'HS256') throw new Error('expected HS256 mode');
    secret = new Uint8Array(Buffer.from(readFileSync(server.config.auth.secretFile, 'utf8').trim(), 'base64url'));
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.resolverCalls.length = 0;
  });

  /** A token signed with the server's own secret, with the claims given. */
  const signed = (claims: Record<string, unknown>, set: (jwt: SignJWT) => SignJWT = (jwt) => jwt) =>
    set(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' })).sign(secret);
  const standard = (jwt: SignJWT) => jwt.setSubject('off-fr-1').setIssuer(DEFAULT_ISSUER).setAudience(DEFAULT_AUDIENCE).setIssuedAt().setExpirationTime('1h');

  it('serves a valid token with the roles recorded in the ledger, not those in the token', async () => {
    const token = await server.tokenFor('off-fr-1');
    const { status, json, headers } = await server.graphql({ query: ME }, { authorization: `Bearer ${token}` });
    expect(status).toBe(200);
    expect(json).toEqual({ data: { me: { officerId: 'off-fr-1', agencyId: 'fr-ocreth', roles: ['LIAISON_OFFICER'], auditScope: 'OWN' } } });
    expect(server.resolverCalls).toEqual(['me']);
    expect(headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('accepts the scheme in any case', async () => {
    const token = await server.tokenFor('off-fr-1');
    const { status } = await server.graphql({ query: ME }, { authorization: `bearer ${token}` });
    expect(status).toBe(200);
  });

  const refusals: Array<[string, () => Promise<Record<string, string>>, string]> = [
    ['no Authorization header', async () => ({}), 'MISSING_TOKEN'],
    ['an empty Authorization header', async () => ({ authorization: '' }), 'MISSING_TOKEN'],
    ['a Basic scheme', async () => ({ authorization: 'Basic b2ZmOnB3' }), 'MALFORMED_TOKEN'],
    ['a token that is not a JWT', async () => ({ authorization: 'Bearer not-a-jwt' }), 'MALFORMED_TOKEN'],
    [
      'a correctly signed token whose payload is not JSON',
      async () => ({ authorization: `Bearer ${await new CompactSign(new TextEncoder().encode('officer off-fr-1')).setProtectedHeader({ alg: 'HS256' }).sign(secret)}` }),
      'MALFORMED_TOKEN',
    ],
    ['a token whose agency claim is not a string', async () => ({ authorization: `Bearer ${await signed({ agency: ['fr-ocreth', 'at-bk'] }, standard)}` }), 'MALFORMED_TOKEN'],
    ['an expired token', async () => ({ authorization: `Bearer ${await server.tokenFor('off-fr-1', undefined, { ttlSeconds: 60, notBefore: new Date(Date.now() - 3_600_000) })}` }), 'EXPIRED'],
    ['a token not valid yet', async () => ({ authorization: `Bearer ${await server.tokenFor('off-fr-1', undefined, { notBefore: new Date(Date.now() + 3_600_000) })}` }), 'NOT_YET_VALID'],
    [
      'a token signed with another secret',
      async () => ({ authorization: `Bearer ${await standard(new SignJWT({ agency: 'fr-ocreth' }).setProtectedHeader({ alg: 'HS256' })).sign(new Uint8Array(32).fill(7))}` }),
      'BAD_SIGNATURE',
    ],
    [
      'a token whose signature was tampered with',
      async () => {
        const [header, payload] = (await server.tokenFor('off-fr-1')).split('.');
        const forged = base64url.encode(JSON.stringify({ ...JSON.parse(Buffer.from(payload as string, 'base64url').toString()), agency: 'at-bk' }));
        const signature = (await server.tokenFor('off-fr-1')).split('.')[2];
        return { authorization: `Bearer ${header}.${forged}.${signature}` };
      },
      'BAD_SIGNATURE',
    ],
    [
      'an unsigned token (alg none)',
      async () => ({ authorization: `Bearer ${new UnsecuredJWT({ agency: 'fr-ocreth' }).setSubject('off-fr-1').setIssuer(DEFAULT_ISSUER).setAudience(DEFAULT_AUDIENCE).setIssuedAt().setExpirationTime('1h').encode()}` }),
      'UNSUPPORTED_ALGORITHM',
    ],
    ['a token from another issuer', async () => ({ authorization: `Bearer ${await signed({ agency: 'fr-ocreth' }, (jwt) => standard(jwt).setIssuer('someone-else'))}` }), 'WRONG_ISSUER'],
    ['a token for another audience', async () => ({ authorization: `Bearer ${await signed({ agency: 'fr-ocreth' }, (jwt) => standard(jwt).setAudience('another-api'))}` }), 'WRONG_AUDIENCE'],
    ['a token without an agency claim', async () => ({ authorization: `Bearer ${await signed({}, standard)}` }), 'MISSING_CLAIM'],
    [
      'a token without an expiry',
      async () => ({ authorization: `Bearer ${await signed({ agency: 'fr-ocreth' }, (jwt) => jwt.setSubject('off-fr-1').setIssuer(DEFAULT_ISSUER).setAudience(DEFAULT_AUDIENCE).setIssuedAt())}` }),
      'MISSING_CLAIM',
    ],
    ['a token for an officer the ledger does not know', async () => ({ authorization: `Bearer ${await server.tokenFor('off-nobody', 'fr-ocreth')}` }), 'UNKNOWN_OFFICER'],
    ['an officer claiming another agency', async () => ({ authorization: `Bearer ${await server.tokenFor('off-fr-1', 'at-bk')}` }), 'AGENCY_MISMATCH'],
    ['a suspended officer', async () => ({ authorization: `Bearer ${await server.tokenFor('off-cn-9')}` }), 'OFFICER_SUSPENDED'],
  ];

  it.each(refusals)('refuses %s with 401 UNAUTHENTICATED and runs no resolver', async (_case, headers, reason) => {
    const { status, json, headers: responseHeaders } = await server.graphql({ query: ME }, await headers());
    expect(status).toBe(401);
    expect(json.data).toBeUndefined();
    expect(json.errors).toHaveLength(1);
    expect(json.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason });
    expect(json.errors[0].message).not.toMatch(/Context creation failed/);
    expect(responseHeaders.get('www-authenticate')).toMatch(/^Bearer realm="liaison-ledger"/);
    expect(server.resolverCalls).toEqual([]);
  });

  it('counts and logs each refusal by reason, without the token', async () => {
    const token = await server.tokenFor('off-fr-1', 'at-bk');
    await server.graphql({ query: ME }, { authorization: `Bearer ${token}` });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^ledger_auth_failures_total\{(?=[^}]*reason="AGENCY_MISMATCH")[^}]*\} [1-9]/m);
    const refusal = server.logLines().find((line) => line.msg === 'authentication refused' && line.reason === 'AGENCY_MISMATCH');
    expect(refusal).toMatchObject({ level: 'warn', transport: 'http', detail: 'officer off-fr-1 of fr-ocreth claimed at-bk' });
    expect(JSON.stringify(server.logLines())).not.toContain(token);
  });

  it('answers 503 STORE_UNAVAILABLE, not UNAUTHENTICATED, when the officer directory is down', async () => {
    const token = await server.tokenFor('off-fr-1');
    server.officers.available = false;
    try {
      const { status, json, headers } = await server.graphql({ query: ME }, { authorization: `Bearer ${token}` });
      expect(status).toBe(503);
      expect(headers.get('retry-after')).toBe('5');
      expect(json.errors[0].extensions).toEqual({ code: 'STORE_UNAVAILABLE', reason: 'READ_STORE_UNAVAILABLE' });
      expect(server.resolverCalls).toEqual([]);
    } finally {
      server.officers.available = true;
    }
  });

  it('looks the officer up on every request, so a suspension takes effect at once', async () => {
    const token = await server.tokenFor('off-at-1');
    expect((await server.graphql({ query: ME }, { authorization: `Bearer ${token}` })).status).toBe(200);
    const officer = server.officers.officers.get('off-at-1');
    if (officer === undefined) throw new Error('fixture missing');
    officer.suspended = true;
    try {
      const { status, json } = await server.graphql({ query: ME }, { authorization: `Bearer ${token}` });
      expect(status).toBe(401);
      expect(json.errors[0].extensions.reason).toBe('OFFICER_SUSPENDED');
    } finally {
      officer.suspended = false;
    }
  });
});

describe('public root fields', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ server: { publicRootFields: ['serverInfo'] } });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.resolverCalls.length = 0;
  });

  it('serves an anonymous operation that selects only public fields', async () => {
    const { status, json } = await server.graphql({ query: '{ serverInfo }' });
    expect(status).toBe(200);
    expect(json.data).toEqual({ serverInfo: 'liaison-ledger test server' });
  });

  it('refuses an anonymous operation that also selects a private field, even through a fragment', async () => {
    const { status, json } = await server.graphql({ query: '{ serverInfo ...F } fragment F on Query { me { officerId } }' });
    expect(status).toBe(401);
    expect(json.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'MISSING_TOKEN' });
    expect(server.resolverCalls).toEqual([]);
  });

  it('refuses a public operation sent with an invalid token', async () => {
    const { status, json } = await server.graphql({ query: '{ serverInfo }' }, { authorization: 'Bearer nope' });
    expect(status).toBe(401);
    expect(json.errors[0].extensions.reason).toBe('MALFORMED_TOKEN');
    expect(server.resolverCalls).toEqual([]);
  });
});
