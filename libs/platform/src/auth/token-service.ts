import { KeyObject, createSecretKey, randomUUID } from 'node:crypto';
import { SignJWT, createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '../config/ledger-config';
import { UnavailableError } from '../errors/ledger-errors';
import { AuthError, type AuthFailureReason } from './auth-error';
import { loadOrCreateJwtSecret } from './jwt-secret-file';

/** What a verified token claims. A claim only: the ledger decides who the officer is (see ViewerResolver). */
export interface TokenClaims {
  officerId: string;
  agencyId: string;
  /** Informational; authorisation uses the roles recorded in the ledger. */
  roles: string[];
  issuedAt: Date;
  notBefore?: Date;
  expiresAt: Date;
  tokenId?: string;
}

export interface MintTokenInput {
  officerId: string;
  agencyId: string;
  roles?: readonly string[];
  /** Lifetime in seconds from `notBefore` (or now); default 8 hours. */
  ttlSeconds?: number;
  /** When the token starts being valid; default now. */
  notBefore?: Date;
  /** The minting time; default the current clock. */
  now?: Date;
}

export interface TokenServiceOptions {
  /** Seconds of clock skew tolerated on exp/nbf/iat; default 5. */
  clockToleranceSeconds?: number;
  /** Told when the secret file was just created (info) or is readable by group or others (warn). */
  onNotice?: (level: 'info' | 'warn', message: string) => void;
}

const DEFAULT_TTL_SECONDS = 8 * 60 * 60;
const MAX_TOKEN_LENGTH = 8192;
const MAX_CLAIM_LENGTH = 200;

/**
 * Mints (HS256 only) and verifies bearer JWTs. Verification accepts exactly one algorithm:
 * HS256 with the local secret, or RS256 with keys fetched from the configured JWKS URL.
 */
export class TokenService {
  private constructor(
    readonly algorithm: 'HS256' | 'RS256',
    /** HS256: the secret as a KeyObject, imported once (jose re-imports raw bytes on every call). RS256: the key set. */
    private readonly key: KeyObject | JWTVerifyGetKey,
    readonly issuer: string,
    readonly audience: string,
    private readonly clockTolerance: number,
  ) {}

  /** Builds the service from configuration, creating the HS256 secret file on first use. */
  static async fromConfig(auth: AuthConfig, options: TokenServiceOptions = {}): Promise<TokenService> {
    const tolerance = options.clockToleranceSeconds ?? 5;
    if (auth.mode === 'RS256') {
      return new TokenService('RS256', remoteKeySet(new URL(auth.jwksUrl)), auth.issuer, auth.audience, tolerance);
    }
    const secret = await loadOrCreateJwtSecret(auth.secretFile);
    if (secret.created) options.onNotice?.('info', `created JWT secret file ${auth.secretFile}`);
    if (secret.warning !== undefined) options.onNotice?.('warn', secret.warning);
    return new TokenService('HS256', createSecretKey(secret.key), auth.issuer, auth.audience, tolerance);
  }

  /** An HS256 service over a given secret (tools and tests that manage the secret themselves). */
  static withSecret(secret: Uint8Array, issuer: string, audience: string, options: TokenServiceOptions = {}): TokenService {
    if (secret.length < 32) throw new Error('an HS256 secret must be at least 32 bytes');
    return new TokenService('HS256', createSecretKey(secret), issuer, audience, options.clockToleranceSeconds ?? 5);
  }

  get canMint(): boolean {
    return this.algorithm === 'HS256';
  }

  async mint(input: MintTokenInput): Promise<string> {
    if (!(this.key instanceof KeyObject)) {
      throw new Error('tokens cannot be minted in RS256 mode: the identity provider holds the signing key');
    }
    const now = input.now ?? new Date();
    const notBefore = input.notBefore ?? now;
    const ttl = input.ttlSeconds ?? DEFAULT_TTL_SECONDS;
    if (!Number.isInteger(ttl) || ttl <= 0) throw new Error(`ttlSeconds must be a positive whole number (got ${ttl})`);
    for (const [name, value] of [['officerId', input.officerId], ['agencyId', input.agencyId]] as const) {
      if (!isClaimString(value)) throw new Error(`${name} must be a non-empty string of at most ${MAX_CLAIM_LENGTH} characters`);
    }
    return new SignJWT({ agency: input.agencyId, roles: [...(input.roles ?? [])] })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(input.officerId)
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setIssuedAt(seconds(now))
      .setNotBefore(seconds(notBefore))
      .setExpirationTime(seconds(notBefore) + ttl)
      .setJti(randomUUID())
      .sign(this.key);
  }

  /** Verifies signature, algorithm, time window, issuer, audience and claim shapes; throws AuthError. */
  async verify(token: string): Promise<TokenClaims> {
    if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) throw new AuthError('MALFORMED_TOKEN', `token length ${token.length}`);
    let alg: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch (error) {
      throw new AuthError('MALFORMED_TOKEN', 'unreadable protected header', { cause: error });
    }
    // Checked before any key is involved, so `none` and algorithm-confusion tokens never reach a verifier.
    if (alg !== this.algorithm) throw new AuthError('UNSUPPORTED_ALGORITHM', `alg ${String(alg)}`);

    let payload: JWTPayload;
    try {
      const verifyOptions = {
        algorithms: [this.algorithm],
        issuer: this.issuer,
        audience: this.audience,
        clockTolerance: this.clockTolerance,
        requiredClaims: ['sub', 'exp', 'iat'],
      };
      payload =
        this.key instanceof KeyObject
          ? (await jwtVerify(token, this.key, verifyOptions)).payload
          : (await jwtVerify(token, this.key, verifyOptions)).payload;
    } catch (error) {
      throw translateJoseError(error);
    }
    return claimsOf(payload);
  }
}

function claimsOf(payload: JWTPayload): TokenClaims {
  const { sub, agency, roles, iat, nbf, exp, jti } = payload as JWTPayload & { agency?: unknown; roles?: unknown };
  if (agency === undefined) throw new AuthError('MISSING_CLAIM', 'agency');
  if (!isClaimString(sub)) throw new AuthError('MALFORMED_TOKEN', 'sub must be a non-empty string');
  if (!isClaimString(agency)) throw new AuthError('MALFORMED_TOKEN', 'agency must be a non-empty string');
  if (roles !== undefined && !(Array.isArray(roles) && roles.every((role) => typeof role === 'string'))) {
    throw new AuthError('MALFORMED_TOKEN', 'roles must be an array of strings');
  }
  // jose has checked that exp and iat are numbers (requiredClaims plus its own type checks).
  const claims: TokenClaims = {
    officerId: sub,
    agencyId: agency,
    roles: (roles as string[] | undefined) ?? [],
    issuedAt: new Date((iat as number) * 1000),
    expiresAt: new Date((exp as number) * 1000),
  };
  if (typeof nbf === 'number') claims.notBefore = new Date(nbf * 1000);
  if (typeof jti === 'string') claims.tokenId = jti;
  return claims;
}

function translateJoseError(error: unknown): Error {
  if (error instanceof errors.JWTExpired) return new AuthError('EXPIRED', error.message, { cause: error });
  if (error instanceof errors.JWTClaimValidationFailed) {
    const reason: AuthFailureReason =
      error.reason === 'missing'
        ? 'MISSING_CLAIM'
        : error.claim === 'iss'
          ? 'WRONG_ISSUER'
          : error.claim === 'aud'
            ? 'WRONG_AUDIENCE'
            : (error.claim === 'nbf' || error.claim === 'iat') && error.reason === 'check_failed'
              ? 'NOT_YET_VALID'
              : 'MALFORMED_TOKEN';
    return new AuthError(reason, `${error.claim}: ${error.message}`, { cause: error });
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return new AuthError('BAD_SIGNATURE', error.message, { cause: error });
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new AuthError('UNKNOWN_KEY', error.message, { cause: error });
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return new AuthError('UNSUPPORTED_ALGORITHM', error.message, { cause: error });
  if (error instanceof errors.JOSEError) return new AuthError('MALFORMED_TOKEN', error.message, { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * The identity provider's key set, fetched on demand and cached by jose. A failure to obtain the
 * key set is the provider's outage, not the client's fault: it becomes STORE_UNAVAILABLE (503),
 * while "no key matches the token's kid" stays an authentication failure.
 */
function remoteKeySet(url: URL): JWTVerifyGetKey {
  const keySet = createRemoteJWKSet(url, { timeoutDuration: 5000, cooldownDuration: 30_000 });
  return async (header, token) => {
    try {
      return await keySet(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      throw new UnavailableError('The identity provider key set cannot be fetched; retry later', 'JWKS_UNAVAILABLE', error);
    }
  };
}

function isClaimString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_CLAIM_LENGTH;
}

function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
