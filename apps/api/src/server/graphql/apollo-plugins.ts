import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { AuthError, BoundedLabel, HTTP_STATUS_BY_CODE, currentRequestContext, type ErrorCodeRegistry, type LedgerMetrics } from '@ledger/platform';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { HttpExchange } from '../http/request-tracking';
import type { LedgerContextBase } from './context';
import { assertComplexityWithin, rootFieldsOf } from './operation-limits';
import { requestErrorFor } from './request-authenticator';

/** Where the HTTP exchange of a request hides in its GraphQL context (a symbol key: not for resolvers). */
export const HTTP_EXCHANGE = Symbol('ledger.httpExchange');
/** The context Apollo holds: the resolvers' context plus the hidden HTTP exchange. */
export type ServerContext = LedgerContextBase & { [HTTP_EXCHANGE]?: HttpExchange };

/**
 * Runs once the operation is known and before any resolver: records the operation name,
 * refuses anonymous access to non-public root fields, and enforces the complexity limit.
 * One plugin so the checks run in this order (Apollo runs plugins' hooks concurrently).
 */
export function operationGuardPlugin(options: { publicRootFields: ReadonlySet<string>; maxComplexity: number; errorCodes: ErrorCodeRegistry }): ApolloServerPlugin<ServerContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(request) {
          const operationName = request.operationName ?? null;
          request.contextValue.operationName = operationName;
          const logContext = currentRequestContext();
          if (logContext !== undefined && operationName !== null) logContext.operationName = operationName;

          // Apollo serves HTTP only; subscriptions live on the graphql-ws endpoint.
          if (request.operation?.operation === 'subscription') {
            throw new GraphQLError('Subscriptions are served over WebSocket (graphql-ws) at /graphql, not over HTTP', {
              extensions: { code: 'BAD_USER_INPUT', rule: 'subscription.over-websocket', http: { status: 400 } },
            });
          }
          if (request.contextValue.viewer === null) {
            const fields = request.operation === undefined ? new Set(['?']) : rootFieldsOf(request.operation, request.document);
            if (![...fields].every((field) => options.publicRootFields.has(field))) throw requestErrorFor(new AuthError('MISSING_TOKEN'), options.errorCodes);
          }
          assertComplexityWithin(options.maxComplexity, request.schema, request.document, request.operationName ?? undefined, request.request.variables);
        },
      };
    },
  };
}

/**
 * Per operation: the duration histogram by operation name, type and outcome (`ok` or the first
 * error's code), and the operation's summary for the access log line. A response whose errors
 * include STORE_UNAVAILABLE gets HTTP 503 and `Retry-After`.
 */
export function operationOutcomePlugin(metrics: LedgerMetrics): ApolloServerPlugin<ServerContext> {
  const operationLabel = new BoundedLabel(200);
  return {
    async contextCreationDidFail({ error }) {
      const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
      metrics.graphqlOperationDuration.observe({ operation: 'unknown', type: 'unknown', outcome: String(code ?? 'INTERNAL_SERVER_ERROR') }, 0);
    },
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse(request: GraphQLRequestContext<ServerContext>) {
          const errors = responseErrors(request);
          const outcome = errors.length === 0 ? 'ok' : String(errors[0]?.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
          const type = request.operation?.operation ?? 'unknown';
          const operationName = request.operationName ?? null;
          metrics.graphqlOperationDuration.observe({ operation: operationLabel.value(operationName ?? 'anonymous'), type, outcome }, Number(process.hrtime.bigint() - started) / 1e9);

          const exchange = request.contextValue[HTTP_EXCHANGE];
          if (exchange !== undefined) exchange.graphql = { operationName, type, outcome };

          if (errors.some((error) => error.extensions?.code === 'STORE_UNAVAILABLE')) {
            request.response.http.status = HTTP_STATUS_BY_CODE.STORE_UNAVAILABLE;
            request.response.http.headers.set('retry-after', '5');
          }
        },
      };
    },
  };
}

function responseErrors(request: GraphQLRequestContext<ServerContext>): readonly GraphQLFormattedError[] {
  const body = request.response.body;
  if (body?.kind === 'single') return body.singleResult.errors ?? [];
  if (body?.kind === 'incremental') return body.initialResult.errors ?? [];
  return [];
}
