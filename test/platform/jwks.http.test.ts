import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type KeyLike } from 'jose';
import { startTestServer, type TestServer } from './server-harness';

const ISSUER = 'https://idp.example.org/realms/ledger';
const AUDIENCE = 'liaison-ledger-api';
const ME = '{ me { officerId agencyId roles } }';

/** A local identity provider key endpoint serving one RSA public key. */
async function startJwksServer(keys: object[]): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests += 1;
    if (req.url !== '/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/jwks.json`,
    requests: () => requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('bearer authentication with RS256 keys from a JWKS URL', () => {
  let jwks: Awaited<ReturnType<typeof startJwksServer>>;
  let server: TestServer;
  let signingKey: KeyLike;
  let strangerKey: KeyLike;
  let publicJwk: Record<string, unknown>;

  const token = (claims: { sub?: string; agency?: string; iss?: string; kid?: string; key?: KeyLike } = {}) =>
    new SignJWT({ agency: claims.agency ?? 'fr-ocreth', roles: ['AGENCY_ADMIN'] })
      .setProtectedHeader({ alg: 'RS256', kid: claims.kid ?? 'idp-key-1' })
      .setSubject(claims.sub ?? 'off-fr-1')
      .setIssuer(claims.iss ?? ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(claims.key ?? signingKey);

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    signingKey = pair.privateKey;
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' };
    jwks = await startJwksServer([publicJwk]);
    server = await startTestServer({ env: { LEDGER_JWT_JWKS_URL: jwks.url, LEDGER_JWT_ISSUER: ISSUER, LEDGER_JWT_AUDIENCE: AUDIENCE } });
  });
  afterAll(async () => {
    await server.close();
    await jwks.close();
  });
  beforeEach(() => {
    server.resolverCalls.length = 0;
  });

  it('accepts a token signed by the identity provider, with roles from the ledger', async () => {
    const { status, json } = await server.graphql({ query: ME }, { authorization: `Bearer ${await token()}` });
    expect(status).toBe(200);
    expect(json.data.me).toEqual({ officerId: 'off-fr-1', agencyId: 'fr-ocreth', roles: ['LIAISON_OFFICER'] });
    expect(jwks.requests()).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['a token signed by another key under the same kid', () => token({ key: strangerKey }), 'BAD_SIGNATURE'],
    ['a token naming a key the provider does not publish', () => token({ kid: 'idp-key-9', key: strangerKey }), 'UNKNOWN_KEY'],
    ['a token from another issuer', () => token({ iss: 'https://evil.example.org' }), 'WRONG_ISSUER'],
    ['an officer claiming another agency', () => token({ agency: 'at-bk' }), 'AGENCY_MISMATCH'],
    [
      'an HS256 token keyed with the public key (algorithm confusion)',
      () =>
        new SignJWT({ agency: 'fr-ocreth' })
          .setProtectedHeader({ alg: 'HS256', kid: 'idp-key-1' })
          .setSubject('off-fr-1')
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .setIssuedAt()
          .setExpirationTime('10m')
          .sign(new TextEncoder().encode(JSON.stringify(publicJwk))),
      'UNSUPPORTED_ALGORITHM',
    ],
  ])('refuses %s', async (_case, makeToken, reason) => {
    const { status, json } = await server.graphql({ query: ME }, { authorization: `Bearer ${await makeToken()}` });
    expect(status).toBe(401);
    expect(json.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason });
    expect(server.resolverCalls).toEqual([]);
  });

  it('cannot mint tokens itself: the identity provider holds the key', async () => {
    expect(server.tokens.canMint).toBe(false);
    await expect(server.tokens.mint({ officerId: 'off-fr-1', agencyId: 'fr-ocreth' })).rejects.toThrow(/RS256 mode/);
  });
});

describe('an unreachable identity provider', () => {
  it('answers 503 STORE_UNAVAILABLE rather than blaming the token', async () => {
    const pair = await generateKeyPair('RS256');
    const jwks = await startJwksServer([]);
    const deadUrl = jwks.url;
    await jwks.close();
    const server = await startTestServer({ env: { LEDGER_JWT_JWKS_URL: deadUrl, LEDGER_JWT_ISSUER: ISSUER, LEDGER_JWT_AUDIENCE: AUDIENCE } });
    try {
      const signed = await new SignJWT({ agency: 'fr-ocreth' })
        .setProtectedHeader({ alg: 'RS256', kid: 'idp-key-1' })
        .setSubject('off-fr-1')
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(pair.privateKey);
      const { status, json } = await server.graphql({ query: ME }, { authorization: `Bearer ${signed}` });
      expect(status).toBe(503);
      expect(json.errors[0].extensions).toEqual({ code: 'STORE_UNAVAILABLE', reason: 'JWKS_UNAVAILABLE' });
      expect(server.resolverCalls).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
