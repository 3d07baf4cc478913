/**
 * The public error codes of the API (`extensions.code` in GraphQL responses). Clients branch on
 * these; everything else a library raises is mapped onto one of them (see error-registry.ts).
 */
export const PUBLIC_ERROR_CODES = [
  /** Input failed validation or a domain rule about the input; `extensions.field` and `extensions.rule` say which and why. */
  'BAD_USER_INPUT',
  /** No valid identity: token missing, malformed, expired, or not matching an active officer of the claimed agency. */
  'UNAUTHENTICATED',
  /** Authenticated, but the viewer's roles, scope or agency's shares do not allow this. */
  'FORBIDDEN',
  /** Optimistic concurrency lost after retries, or a lifecycle transition not allowed from the current state. */
  'CONFLICT',
  /** The thing does not exist or is not visible to the viewer's agency (the two are indistinguishable on purpose). */
  'NOT_FOUND',
  /** A store or service the server depends on is unreachable; retry later (HTTP 503). */
  'STORE_UNAVAILABLE',
  /** Anything unexpected; details are logged under the request id, never sent. */
  'INTERNAL_SERVER_ERROR',
] as const;
export type PublicErrorCode = (typeof PUBLIC_ERROR_CODES)[number];

export function isPublicErrorCode(code: unknown): code is PublicErrorCode {
  return typeof code === 'string' && (PUBLIC_ERROR_CODES as readonly string[]).includes(code);
}

/** HTTP status a response takes when an error with this code ends the whole request. */
export const HTTP_STATUS_BY_CODE: Readonly<Record<PublicErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  NOT_FOUND: 404,
  STORE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};
