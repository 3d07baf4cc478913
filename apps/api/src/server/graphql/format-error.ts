import { unwrapResolverError } from '@apollo/server/errors';
import { INTERNAL_ERROR_MESSAGE, PUBLIC_ERROR_CODES, currentRequestContext, type ErrorCodeRegistry, type Logger } from '@ledger/platform';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Codes of errors raised while reading, parsing and validating a request; their messages are safe. */
const REQUEST_ERROR_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
] as const;

const PASS_THROUGH = new Set<string>([...PUBLIC_ERROR_CODES.filter((code) => code !== 'INTERNAL_SERVER_ERROR'), ...REQUEST_ERROR_CODES]);

export type ErrorFormatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * The one place where an error becomes what the client sees:
 * - a GraphQLError carrying a known code (request errors, limits, errors resolvers raise on purpose) passes as is;
 * - any other error is classified by its `code` through the ErrorCodeRegistry: registered codes keep
 *   their message plus `field`/`rule`/`reason`, everything else becomes INTERNAL_SERVER_ERROR with a
 *   generic message, logged with its stack under the request id, which the client gets to quote.
 * No stack trace ever leaves the server.
 */
export function createErrorFormatter(registry: ErrorCodeRegistry, logger: Logger): ErrorFormatter {
  return (formatted, error) => {
    const original = unwrapResolverError(error);
    const base = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };

    if (original instanceof GraphQLError && PASS_THROUGH.has(String(original.extensions.code))) {
      // `http` is transport advice Apollo consumes before formatting; over WebSocket it is still here.
      const { stacktrace: _stacktrace, http: _http, ...extensions } = formatted.extensions ?? {};
      return { ...base, message: formatted.message, extensions: { ...extensions, code: original.extensions.code } };
    }

    const classified = registry.classify(original);
    if (classified.code === 'INTERNAL_SERVER_ERROR') {
      const requestId = currentRequestContext()?.requestId;
      logger.error({ err: original, path: formatted.path }, 'unexpected error while serving a GraphQL request');
      return { ...base, message: INTERNAL_ERROR_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR', ...(requestId ? { requestId } : {}) } };
    }
    return { ...base, message: classified.message, extensions: { code: classified.code, ...classified.details } };
  };
}
