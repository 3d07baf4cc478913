import type { Server as HttpServer } from 'node:http';
import { AuthError, UnavailableError, newRequestId, type Authentication, type LedgerMetrics, type Logger } from '@ledger/platform';
import {
  GraphQLError,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import type { Disposable } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { LedgerContextBase } from '../graphql/context';
import type { ErrorFormatter } from '../graphql/format-error';
import { assertComplexityWithin } from '../graphql/operation-limits';
import type { RequestAuthenticator } from '../graphql/request-authenticator';

export interface SubscriptionServerOptions {
  httpServer: HttpServer;
  path: string;
  schema: GraphQLSchema;
  authenticator: RequestAuthenticator;
  /** Builds the resolver context of one operation. */
  buildContext: (input: { authentication: Authentication; requestId: string; operationName: string | null }) => Promise<LedgerContextBase>;
  formatError: ErrorFormatter;
  /** Validation rules on top of graphql's specified rules (depth limit, introspection switch). */
  validationRules: readonly ValidationRule[];
  maxComplexity: number;
  maxPayloadBytes: number;
  metrics: LedgerMetrics;
  logger: Logger;
  /** How often an open connection's officer is looked up again (suspension, agency change). */
  recheckIntervalMs: number;
  /** WebSocket ping interval; a client missing a pong is dropped. */
  keepAliveMs: number;
}

interface Connection {
  connectionId: string;
  authentication: Authentication;
  timers: NodeJS.Timeout[];
  subscriptions: Set<string>;
}

/** Close codes of the graphql-transport-ws protocol, plus 1013 "try again later" which clients retry. */
const CLOSE_UNAUTHORIZED = 4401;
const CLOSE_INTERNAL = 4500;
const CLOSE_TRY_AGAIN_LATER = 1013;
const CLOSE_GOING_AWAY = 1001;
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * GraphQL subscriptions (graphql-transport-ws protocol, graphql-ws server) on the HTTP server's
 * GraphQL path. A connection authenticates once with `connectionParams.Authorization`
 * (`Bearer <token>`), the same way as an HTTP request; it is closed with 4401 when the token
 * expires or when a periodic re-check finds the officer suspended, removed or moved. Every
 * operation passes the same validation rules, depth and complexity limits as over HTTP.
 */
export class SubscriptionServer {
  private readonly connections = new WeakMap<WebSocket, Connection>();
  private webSockets: WebSocketServer | undefined;
  private graphqlWs: Disposable | undefined;

  constructor(private readonly options: SubscriptionServerOptions) {}

  start(): void {
    const { options } = this;
    this.webSockets = new WebSocketServer({ server: options.httpServer, path: options.path, maxPayload: options.maxPayloadBytes });
    this.graphqlWs = useServer(
      {
        isProd: true,
        onConnect: async (ctx) => this.connect(ctx.extra.socket, ctx.connectionParams),
        onSubscribe: async (ctx, id, payload) => this.prepare(ctx.extra.socket, payload),
        onOperation: (ctx, id, _payload, args) => {
          const connection = this.connections.get(ctx.extra.socket);
          if (connection === undefined || getOperationAST(args.document, args.operationName)?.operation !== 'subscription') return;
          connection.subscriptions.add(id);
          options.metrics.activeSubscriptions.inc();
          options.logger.info({ connectionId: connection.connectionId, officerId: connection.authentication.viewer.officerId, operationName: args.operationName ?? null }, 'subscription started');
        },
        onComplete: (ctx, id) => {
          const connection = this.connections.get(ctx.extra.socket);
          if (connection?.subscriptions.delete(id) === true) {
            options.metrics.activeSubscriptions.dec();
            options.logger.info({ connectionId: connection.connectionId }, 'subscription ended');
          }
        },
        onNext: (_ctx, _id, _payload, _args, result) =>
          result.errors === undefined ? undefined : { ...result, errors: result.errors.map((error) => options.formatError(error.toJSON(), error)) },
        onError: (_ctx, _id, _payload, errors) => errors.map((error) => options.formatError(error.toJSON(), error)),
        onClose: (ctx) => this.forget(ctx.extra.socket),
      },
      this.webSockets,
      options.keepAliveMs,
    );
  }

  /** Closes every connection (1001), waiting up to `graceMs` for clients to acknowledge, then stops listening for upgrades. */
  async stop(graceMs: number): Promise<void> {
    const webSockets = this.webSockets;
    if (webSockets === undefined) return;
    this.webSockets = undefined;
    const clients = [...webSockets.clients];
    const closed = Promise.all(clients.map((client) => new Promise<void>((resolve) => (client.readyState === client.CLOSED ? resolve() : client.once('close', () => resolve())))));
    for (const client of clients) client.close(CLOSE_GOING_AWAY, 'Server shutting down');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closed, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    for (const client of webSockets.clients) client.terminate();
    await this.graphqlWs?.dispose();
  }

  private async connect(socket: WebSocket, connectionParams: Readonly<Record<string, unknown>> | undefined): Promise<boolean> {
    const connectionId = newRequestId();
    try {
      const authentication = await this.options.authenticator.authenticate(authorizationOf(connectionParams), 'ws');
      const connection: Connection = { connectionId, authentication, timers: [], subscriptions: new Set() };
      this.connections.set(socket, connection);
      this.watch(socket, connection);
      this.options.logger.info({ connectionId, officerId: authentication.viewer.officerId, agencyId: authentication.viewer.agencyId }, 'websocket connected');
      return true;
    } catch (error) {
      closeFor(socket, error);
      return false;
    }
  }

  /** Closes the connection when its token expires or the officer stops being active. */
  private watch(socket: WebSocket, connection: Connection): void {
    const untilExpiry = connection.authentication.claims.expiresAt.getTime() - Date.now();
    const expiry = setTimeout(() => socket.close(CLOSE_UNAUTHORIZED, 'Unauthorized: EXPIRED'), Math.min(Math.max(untilExpiry, 0), MAX_TIMER_MS));
    // Operations started later get the roles the ledger holds then.
    const recheck = setInterval(() => {
      this.options.authenticator.recheck(connection.authentication).then(
        (viewer) => (connection.authentication = { ...connection.authentication, viewer }),
        (error: unknown) => closeFor(socket, error),
      );
    }, this.options.recheckIntervalMs);
    expiry.unref();
    recheck.unref();
    connection.timers.push(expiry, recheck);
  }

  private forget(socket: WebSocket): void {
    const connection = this.connections.get(socket);
    if (connection === undefined) return;
    for (const timer of connection.timers) clearTimeout(timer);
    this.connections.delete(socket);
  }

  /** Parses, validates and limits one operation, then builds its context; errors go back to the client. */
  private async prepare(socket: WebSocket, payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null }): Promise<ExecutionArgs | readonly GraphQLError[]> {
    const { options } = this;
    const connection = this.connections.get(socket);
    if (connection === undefined) return [new GraphQLError('Not authenticated', { extensions: { code: 'UNAUTHENTICATED' } })];

    let document: DocumentNode;
    try {
      document = parse(payload.query);
    } catch (error) {
      return [withCode(error, 'GRAPHQL_PARSE_FAILED')];
    }
    const invalid = validate(options.schema, document, [...specifiedRules, ...options.validationRules]);
    if (invalid.length > 0) return invalid.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
    const operationName = payload.operationName ?? undefined;
    if (getOperationAST(document, operationName) === null) {
      return [new GraphQLError('The document names no operation to run, or several without an operationName', { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })];
    }
    try {
      assertComplexityWithin(options.maxComplexity, options.schema, document, operationName, payload.variables ?? undefined);
    } catch (error) {
      return [withCode(error, 'GRAPHQL_VALIDATION_FAILED')];
    }
    const contextValue = await options.buildContext({ authentication: connection.authentication, requestId: newRequestId(), operationName: operationName ?? null });
    return {
      schema: options.schema,
      document,
      ...(operationName === undefined ? {} : { operationName }),
      variableValues: payload.variables ?? null,
      contextValue,
    };
  }
}

function authorizationOf(connectionParams: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (connectionParams === undefined || connectionParams === null) return undefined;
  const key = Object.keys(connectionParams).find((name) => name.toLowerCase() === 'authorization');
  const value = key === undefined ? undefined : connectionParams[key];
  return typeof value === 'string' ? value : undefined;
}

/** Closes a socket the way its failure deserves: 4401 for identity problems, 1013 for outages. */
function closeFor(socket: WebSocket, error: unknown): void {
  if (error instanceof AuthError) socket.close(CLOSE_UNAUTHORIZED, `Unauthorized: ${error.reason}`);
  else if (error instanceof UnavailableError) socket.close(CLOSE_TRY_AGAIN_LATER, `Try again later: ${error.reason}`);
  else socket.close(CLOSE_INTERNAL, 'Internal server error');
}

function withCode(error: unknown, code: string): GraphQLError {
  if (error instanceof GraphQLError) {
    return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code: error.extensions.code ?? code } });
  }
  return new GraphQLError(String(error), { extensions: { code } });
}
