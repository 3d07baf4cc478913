import { decodeJwt, decodeProtectedHeader } from 'jose';
import { AuthError } from './auth-error';
import { TokenService } from './token-service';

const SECRET = new Uint8Array(32).fill(42);

describe('TokenService (HS256)', () => {
  const tokens = TokenService.withSecret(SECRET, 'liaison-ledger', 'liaison-ledger-api');

  it('mints a token with the officer, agency, roles and a bounded validity', async () => {
    const now = new Date('2026-03-01T10:00:00Z');
    const token = await tokens.mint({ officerId: 'off-1', agencyId: 'fr-ocreth', roles: ['LIAISON_OFFICER'], ttlSeconds: 600, now });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(decodeJwt(token)).toEqual({
      sub: 'off-1',
      agency: 'fr-ocreth',
      roles: ['LIAISON_OFFICER'],
      iss: 'liaison-ledger',
      aud: 'liaison-ledger-api',
      iat: 1772359200,
      nbf: 1772359200,
      exp: 1772359800,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('verifies its own tokens back into claims', async () => {
    const token = await tokens.mint({ officerId: 'off-1', agencyId: 'fr-ocreth', roles: ['AUDITOR'] });
    const claims = await tokens.verify(token);
    expect(claims).toMatchObject({ officerId: 'off-1', agencyId: 'fr-ocreth', roles: ['AUDITOR'] });
    expect(claims.expiresAt.getTime() - claims.issuedAt.getTime()).toBe(8 * 3600 * 1000);
  });

  it('tolerates a few seconds of clock skew, not more', async () => {
    const expiredJustNow = await tokens.mint({ officerId: 'off-1', agencyId: 'fr-ocreth', ttlSeconds: 60, notBefore: new Date(Date.now() - 62_000) });
    await expect(tokens.verify(expiredJustNow)).resolves.toMatchObject({ officerId: 'off-1' });
    const expiredLongAgo = await tokens.mint({ officerId: 'off-1', agencyId: 'fr-ocreth', ttlSeconds: 60, notBefore: new Date(Date.now() - 120_000) });
    await expect(tokens.verify(expiredLongAgo)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', reason: 'EXPIRED' });
  });

  it('rejects tokens of another secret and of another audience', async () => {
    const other = TokenService.withSecret(new Uint8Array(32).fill(1), 'liaison-ledger', 'liaison-ledger-api');
    await expect(tokens.verify(await other.mint({ officerId: 'o', agencyId: 'a' }))).rejects.toMatchObject({ reason: 'BAD_SIGNATURE' });
    const otherAudience = TokenService.withSecret(SECRET, 'liaison-ledger', 'other-api');
    await expect(tokens.verify(await otherAudience.mint({ officerId: 'o', agencyId: 'a' }))).rejects.toMatchObject({ reason: 'WRONG_AUDIENCE' });
  });

  it('raises AuthError instances', async () => {
    await expect(tokens.verify('x.y.z')).rejects.toBeInstanceOf(AuthError);
  });

  it('refuses to mint with bad input or a short secret', async () => {
    await expect(tokens.mint({ officerId: '', agencyId: 'a' })).rejects.toThrow('officerId must be a non-empty string of at most 200 characters');
    await expect(tokens.mint({ officerId: 'o', agencyId: 'a', ttlSeconds: 0 })).rejects.toThrow('ttlSeconds must be a positive whole number (got 0)');
    expect(() => TokenService.withSecret(new Uint8Array(16), 'i', 'a')).toThrow('an HS256 secret must be at least 32 bytes');
  });
});
