import { AuthError, HTTP_STATUS_BY_CODE, UnavailableError, type Authentication, type ErrorCodeRegistry, type LedgerMetrics, type Logger, type Viewer, type ViewerResolver } from '@ledger/platform';
import { GraphQLError } from 'graphql';

/**
 * Authenticates HTTP requests and WebSocket connections the same way, logging every refusal
 * (a security event) and counting it by reason.
 */
export class RequestAuthenticator {
  constructor(
    private readonly viewers: ViewerResolver,
    private readonly metrics: LedgerMetrics,
    private readonly logger: Logger,
  ) {}

  async authenticate(authorization: string | null | undefined, transport: 'http' | 'ws'): Promise<Authentication> {
    try {
      return await this.viewers.authenticate(authorization);
    } catch (error) {
      this.report(error, transport);
      throw error;
    }
  }

  /** Re-checks a long-lived connection's viewer and returns it as the ledger has it now; failures are reported like initial ones. */
  async recheck(authentication: Authentication): Promise<Viewer> {
    try {
      return await this.viewers.recheck(authentication.viewer);
    } catch (error) {
      this.report(error, 'ws');
      throw error;
    }
  }

  private report(error: unknown, transport: 'http' | 'ws'): void {
    if (error instanceof AuthError) {
      this.metrics.authFailures.inc({ reason: error.reason });
      this.logger.warn({ transport, reason: error.reason, detail: error.detail }, 'authentication refused');
    } else if (error instanceof UnavailableError) {
      this.logger.error({ transport, reason: error.reason, err: error.cause }, 'authentication impossible: dependency unavailable');
    } else {
      this.logger.error({ transport, err: error }, 'authentication failed unexpectedly');
    }
  }
}

/**
 * The GraphQLError that ends a request before any resolver runs (identity or context could not be
 * established): 401 with the reason and a `WWW-Authenticate` challenge for an AuthError; otherwise
 * the registry's classification with the matching HTTP status (503 and `Retry-After` for an
 * unavailable dependency, 500 with a generic message for anything unexpected).
 */
export function requestErrorFor(error: unknown, registry: ErrorCodeRegistry): GraphQLError {
  if (error instanceof AuthError) {
    // RFC 6750: no error attribute when no credentials were sent.
    const challenge = error.reason === 'MISSING_TOKEN' ? 'Bearer realm="liaison-ledger"' : 'Bearer realm="liaison-ledger", error="invalid_token"';
    return new GraphQLError(error.message, {
      extensions: { code: error.code, reason: error.reason, http: { status: HTTP_STATUS_BY_CODE.UNAUTHENTICATED, headers: new Map([['www-authenticate', challenge]]) } },
    });
  }
  const { code, message, details } = registry.classify(error);
  const headers = new Map(code === 'STORE_UNAVAILABLE' ? [['retry-after', '5']] : []);
  return new GraphQLError(message, { extensions: { code, ...details, http: { status: HTTP_STATUS_BY_CODE[code], headers } } });
}
