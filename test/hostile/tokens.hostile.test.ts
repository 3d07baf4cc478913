/**
 * The bearer token matrix against the real API: missing, malformed, expired, not yet valid, wrong
 * signature, `alg: none` and algorithm confusion, wrong issuer or audience, a missing claim, an
 * unknown officer, an officer of agency A claiming agency B, a suspended officer, a tampered
 * payload — plus fuzzed garbage. Over HTTP every one is UNAUTHENTICATED (401) with the reason and
 * a challenge, whatever the operation; over WebSocket the connection closes with 4401. Roles a
 * token claims give nothing: the ledger's roles decide. No event is written for any of them.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { SignJWT, UnsecuredJWT, base64url, decodeJwt } from 'jose';
import WebSocket from 'ws';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '@ledger/platform';
import { postRaw, uncleanBecause } from './support/clean-answers';
import { batch, type HostileLedger, InputTally, MARKINGS, startHostileLedger } from './support/hostile-ledger';

interface TokenCase {
  name: string;
  /** The Authorization header value; null sends none. */
  authorization: () => Promise<string | null>;
  reason: string;
}

const OPERATIONS: Array<[string, string, Record<string, unknown>?]> = [
  ['query me', '{ me { id } }'],
  ['query a case', 'query($id: ID!) { case(id: $id) { id title } }'],
  ['mutation openCase', 'mutation($input: OpenCaseInput!) { openCase(input: $input) { id } }'],
  ['audit streamHistory', 'query($stream: String!) { streamHistory(stream: $stream) { events { type } } }'],
];

describe('bearer token matrix', () => {
  let ledger: HostileLedger;
  let secret: Uint8Array;
  let suspendedOfficer: string;
  const tally = new InputTally('tokens');

  beforeAll(async () => {
    ledger = await startHostileLedger();
    const auth = ledger.api.config.auth;
    if (auth.mode !== 'HS256') throw new Error('the embedded ledger signs with HS256');
    secret = new Uint8Array(Buffer.from(readFileSync(auth.secretFile, 'utf8').trim(), 'base64url'));
    suspendedOfficer = `${ledger.owner.agencyId}-suspended`;
    const admin = ledger.owner.admin;
    for (const [document, input] of [
      ['mutation($input: RegisterOfficerInput!) { registerOfficer(input: $input) { id } }', { officerId: suspendedOfficer, name: 'Suspended investigator', roles: ['INVESTIGATOR'] }],
      ['mutation($input: SuspendOfficerInput!) { suspendOfficer(input: $input) { id suspended } }', { officerId: suspendedOfficer, reason: 'Left the unit' }],
    ] as const) {
      const answer = await ledger.graphql.request(admin.token, document, { input });
      if (answer.errors !== undefined) throw new Error(JSON.stringify(answer.errors));
    }
  }, 120_000);

  afterAll(async () => {
    tally.print();
    await ledger?.api.stop();
  });

  const investigator = () => ledger.owner.investigators[0];
  const claims = (officerId: string, agencyId: string) => new SignJWT({ agency: agencyId, roles: ['INVESTIGATOR'] }).setSubject(officerId).setIssuer(DEFAULT_ISSUER).setAudience(DEFAULT_AUDIENCE).setIssuedAt();
  const bearer = (token: string) => `Bearer ${token}`;

  const matrix = (): TokenCase[] => {
    const me = investigator();
    return [
      { name: 'no Authorization header', authorization: async () => null, reason: 'MISSING_TOKEN' },
      { name: 'an empty bearer', authorization: async () => 'Bearer ', reason: 'MALFORMED_TOKEN' },
      { name: 'a Basic scheme', authorization: async () => `Basic ${Buffer.from(`${me.officerId}:secret`).toString('base64')}`, reason: 'MALFORMED_TOKEN' },
      { name: 'two tokens', authorization: async () => `Bearer ${me.token} ${me.token}`, reason: 'MALFORMED_TOKEN' },
      { name: 'a token of 10 000 characters', authorization: async () => bearer(`${me.token}${'A'.repeat(10_000)}`), reason: 'MALFORMED_TOKEN' },
      { name: 'an expired token', authorization: async () => bearer(await ledger.tokens.mint({ officerId: me.officerId, agencyId: me.agencyId, ttlSeconds: 60, notBefore: new Date(Date.now() - 3_600_000) })), reason: 'EXPIRED' },
      { name: 'a token not valid yet', authorization: async () => bearer(await ledger.tokens.mint({ officerId: me.officerId, agencyId: me.agencyId, notBefore: new Date(Date.now() + 3_600_000) })), reason: 'NOT_YET_VALID' },
      { name: 'a token signed with another secret', authorization: async () => bearer(await claims(me.officerId, me.agencyId).setExpirationTime('1h').setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array(32).fill(7))), reason: 'BAD_SIGNATURE' },
      { name: 'alg none', authorization: async () => bearer(new UnsecuredJWT({ agency: me.agencyId }).setSubject(me.officerId).setIssuer(DEFAULT_ISSUER).setAudience(DEFAULT_AUDIENCE).setIssuedAt().setExpirationTime('1h').encode()), reason: 'UNSUPPORTED_ALGORITHM' },
      { name: 'HS512 with the right secret', authorization: async () => bearer(await claims(me.officerId, me.agencyId).setExpirationTime('1h').setProtectedHeader({ alg: 'HS512' }).sign(new Uint8Array([...secret, ...secret]))), reason: 'UNSUPPORTED_ALGORITHM' },
      { name: 'an RS256 header over an HMAC signature (algorithm confusion)', authorization: async () => bearer(await withHeader(me.token, { alg: 'RS256', typ: 'JWT' })), reason: 'UNSUPPORTED_ALGORITHM' },
      { name: 'another issuer', authorization: async () => bearer(await new SignJWT({ agency: me.agencyId }).setSubject(me.officerId).setIssuer('someone-else').setAudience(DEFAULT_AUDIENCE).setIssuedAt().setExpirationTime('1h').setProtectedHeader({ alg: 'HS256' }).sign(secret)), reason: 'WRONG_ISSUER' },
      { name: 'another audience', authorization: async () => bearer(await new SignJWT({ agency: me.agencyId }).setSubject(me.officerId).setIssuer(DEFAULT_ISSUER).setAudience('another-api').setIssuedAt().setExpirationTime('1h').setProtectedHeader({ alg: 'HS256' }).sign(secret)), reason: 'WRONG_AUDIENCE' },
      { name: 'no agency claim', authorization: async () => bearer(await new SignJWT({}).setSubject(me.officerId).setIssuer(DEFAULT_ISSUER).setAudience(DEFAULT_AUDIENCE).setIssuedAt().setExpirationTime('1h').setProtectedHeader({ alg: 'HS256' }).sign(secret)), reason: 'MISSING_CLAIM' },
      { name: 'no expiry', authorization: async () => bearer(await claims(me.officerId, me.agencyId).setProtectedHeader({ alg: 'HS256' }).sign(secret)), reason: 'MISSING_CLAIM' },
      { name: 'an unknown officer', authorization: async () => bearer(await ledger.tokens.mint({ officerId: 'nobody-at-all', agencyId: me.agencyId })), reason: 'UNKNOWN_OFFICER' },
      { name: 'an officer of agency A claiming agency B', authorization: async () => bearer(await ledger.tokens.mint({ officerId: me.officerId, agencyId: ledger.partner.agencyId })), reason: 'UNKNOWN_OFFICER|AGENCY_MISMATCH' },
      { name: 'a suspended officer', authorization: async () => bearer(await ledger.tokens.mint({ officerId: suspendedOfficer, agencyId: ledger.owner.agencyId })), reason: 'OFFICER_SUSPENDED' },
      { name: 'a payload changed after signing', authorization: async () => bearer(withPayload(me.token, { ...decodeJwt(me.token), agency: ledger.partner.agencyId })), reason: 'BAD_SIGNATURE' },
    ];
  };

  it('refuses every broken or borrowed token with UNAUTHENTICATED and its reason, on every kind of operation', async () => {
    await batch(ledger, tally, 'token matrix × operations (HTTP)', async () => {
      const problems: string[] = [];
      let inputs = 0;
      for (const token of matrix()) {
        const authorization = await token.authorization();
        for (const [operation, query] of OPERATIONS) {
          inputs += 1;
          const variables = { id: ledger.caseId, stream: `case-${ledger.caseId}`, input: { kind: 'SMUGGLING', title: 'With a bad token', markings: MARKINGS } };
          const answer = await postRaw(ledger.api.url, JSON.stringify({ query, variables }), authorization === null ? {} : { authorization });
          const error = answer.json?.errors?.[0];
          const got = { status: answer.status, code: error?.extensions?.code, reason: error?.extensions?.reason, challenge: answer.headers.get('www-authenticate')?.startsWith('Bearer realm=') ?? false, data: answer.json?.data ?? null };
          const reasonOk = typeof got.reason === 'string' && token.reason.split('|').includes(got.reason);
          if (uncleanBecause(answer) !== null || got.status !== 401 || got.code !== 'UNAUTHENTICATED' || !reasonOk || !got.challenge || got.data !== null) {
            problems.push(`${token.name} / ${operation}: ${JSON.stringify(got)} (expected 401 UNAUTHENTICATED ${token.reason})`);
          }
        }
      }
      expect(problems).toEqual([]);
      return inputs;
    });
  }, 120_000);

  it('refuses fuzzed garbage as a token', async () => {
    await batch(ledger, tally, 'fuzzed tokens', async () => {
      let runs = 0;
      const validParts = ledger.owner.investigators[0].token.split('.');
      const garbage = fc.oneof(
        fc.string({ minLength: 1, maxLength: 300 }).filter((text) => !/[\r\n\u0000]/.test(text) && /^[\x20-\x7e]+$/.test(text)),
        fc.tuple(fc.base64String({ maxLength: 200 }), fc.base64String({ maxLength: 200 }), fc.base64String({ maxLength: 100 })).map((parts) => parts.join('.')),
        fc.tuple(fc.nat(2), fc.base64String({ minLength: 4, maxLength: 60 })).map(([index, part]) => validParts.map((original, i) => (i === index ? part.replace(/=+$/, '') : original)).join('.')),
      );
      await fc.assert(
        fc.asyncProperty(garbage, async (token) => {
          runs += 1;
          const answer = await postRaw(ledger.api.url, JSON.stringify({ query: '{ me { id } }' }), { authorization: `Bearer ${token}` });
          expect({ unclean: uncleanBecause(answer), status: answer.status, code: answer.json?.errors?.[0]?.extensions?.code }).toEqual({ unclean: null, status: 401, code: 'UNAUTHENTICATED' });
        }),
        { numRuns: 200, seed: 20_250_612 },
      );
      return runs;
    });
  }, 120_000);

  it('gives nothing for roles a token claims: the ledger decides', async () => {
    await batch(ledger, tally, 'claimed roles', async () => {
      const me = investigator();
      const inflated = await ledger.tokens.mint({ officerId: me.officerId, agencyId: me.agencyId, roles: ['AGENCY_ADMIN', 'AUDITOR'] });
      const register = await ledger.graphql.request(inflated, 'mutation($input: RegisterOfficerInput!) { registerOfficer(input: $input) { id } }', { input: { officerId: 'planted-officer', name: 'Planted', roles: ['AGENCY_ADMIN'] } });
      expect(register.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const audit = await ledger.graphql.request(inflated, 'query($stream: String!) { streamHistory(stream: $stream) { events { type } } }', { stream: `agency-${ledger.partner.agencyId}` });
      expect(audit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      return 2;
    });
  }, 60_000);

  it('closes WebSocket connections opened with a bad token (4401) and runs nothing', async () => {
    await batch(ledger, tally, 'token matrix (WebSocket)', async () => {
      const problems: string[] = [];
      const cases = matrix();
      for (const token of cases) {
        const authorization = await token.authorization();
        const closed = await connectAndSubscribe(`${ledger.api.url.replace(/^http/, 'ws')}/graphql`, authorization);
        const reasonOk = token.reason.split('|').some((reason) => closed.reason.includes(reason));
        if (closed.code !== 4401 || !reasonOk || closed.messages.length > 0) problems.push(`${token.name}: ${JSON.stringify(closed)}`);
      }
      expect(problems).toEqual([]);
      return cases.length;
    });
  }, 120_000);
});

/** The token with its protected header replaced (signature kept). */
async function withHeader(token: string, header: Record<string, unknown>): Promise<string> {
  const [, payload, signature] = token.split('.');
  return `${base64url.encode(JSON.stringify(header))}.${payload}.${signature}`;
}

/** The token with its payload replaced (signature kept). */
function withPayload(token: string, payload: Record<string, unknown>): string {
  const [header, , signature] = token.split('.');
  return `${header}.${base64url.encode(JSON.stringify(payload))}.${signature}`;
}

/** Opens a graphql-transport-ws connection, subscribes once acknowledged, and reports how the server closed it. */
function connectAndSubscribe(url: string, authorization: string | null): Promise<{ code: number; reason: string; messages: Array<{ type: string }> }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    const messages: Array<{ type: string }> = [];
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error('the server did not close the connection within 10 s'));
    }, 10_000);
    socket.on('open', () => {
      socket.send(JSON.stringify({ type: 'connection_init', payload: authorization === null ? {} : { Authorization: authorization } }));
    });
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string };
      messages.push(message);
      // Accepted (it must not be): try to receive something, and end the connection.
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { clueReceived { id } }' } }));
        setTimeout(() => socket.close(1000), 500);
      }
    });
    socket.on('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ code, reason: String(reason), messages });
    });
    socket.on('error', () => undefined);
  });
}
