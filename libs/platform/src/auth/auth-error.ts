/**
 * Why a request could not be given an identity. Every reason maps to UNAUTHENTICATED: the token
 * does not establish an active officer acting for the agency it names. FORBIDDEN is kept for an
 * established viewer who lacks a role, scope or share for what it asks.
 */
export const AUTH_FAILURE_REASONS = [
  'MISSING_TOKEN',
  /** Not `Bearer <JWT>`, not a JWT, or claims of the wrong type. */
  'MALFORMED_TOKEN',
  /** `alg` other than the one configured (HS256 or RS256), including `none`. */
  'UNSUPPORTED_ALGORITHM',
  'BAD_SIGNATURE',
  /** RS256: no key in the key set matches the token's `kid`. */
  'UNKNOWN_KEY',
  'EXPIRED',
  /** `nbf` (or `iat`) lies in the future. */
  'NOT_YET_VALID',
  'WRONG_ISSUER',
  'WRONG_AUDIENCE',
  'MISSING_CLAIM',
  /** The ledger has no officer with the token's `sub`. */
  'UNKNOWN_OFFICER',
  /** The officer exists but belongs to another agency than the token's `agency` claim. */
  'AGENCY_MISMATCH',
  'OFFICER_SUSPENDED',
] as const;
export type AuthFailureReason = (typeof AUTH_FAILURE_REASONS)[number];

const MESSAGES: Readonly<Record<AuthFailureReason, string>> = {
  MISSING_TOKEN: 'Authentication required: send "Authorization: Bearer <token>"',
  MALFORMED_TOKEN: 'The bearer token is malformed',
  UNSUPPORTED_ALGORITHM: 'The bearer token is signed with an algorithm this server does not accept',
  BAD_SIGNATURE: 'The bearer token signature is invalid',
  UNKNOWN_KEY: 'The bearer token is signed with an unknown key',
  EXPIRED: 'The bearer token has expired',
  NOT_YET_VALID: 'The bearer token is not valid yet',
  WRONG_ISSUER: 'The bearer token was issued by an issuer this server does not trust',
  WRONG_AUDIENCE: 'The bearer token was issued for another audience',
  MISSING_CLAIM: 'The bearer token lacks a required claim',
  UNKNOWN_OFFICER: 'The bearer token names no officer known to the ledger',
  AGENCY_MISMATCH: 'The bearer token claims an agency the officer does not belong to',
  OFFICER_SUSPENDED: 'The officer named by the bearer token is suspended',
};

export class AuthError extends Error {
  readonly code = 'UNAUTHENTICATED';

  constructor(
    readonly reason: AuthFailureReason,
    /** Detail for the server log only (e.g. which claim); never sent to the client. */
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(MESSAGES[reason], options);
    this.name = 'AuthError';
  }
}
