import type { Server as HttpServer } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import {
  AuthError,
  ErrorCodeRegistry,
  HealthRegistry,
  LEDGER_CONFIG,
  LEDGER_LOGGER,
  LedgerMetrics,
  PubSub,
  ShutdownRegistry,
  TokenService,
  UnavailableError,
  ViewerResolver,
  type Authentication,
  type LedgerConfig,
  type Logger,
} from '@ledger/platform';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Router, type Express, type Request, type RequestHandler, type Response } from 'express';
import { NoSchemaIntrospectionCustomRule, type GraphQLSchema } from 'graphql';
import { EXPLORER_PATH, explorerRoutes } from './explorer/explorer-routes';
import { HTTP_EXCHANGE, operationGuardPlugin, operationOutcomePlugin, type ServerContext } from './graphql/apollo-plugins';
import type { LedgerContextBase } from './graphql/context';
import { createErrorFormatter, type ErrorFormatter } from './graphql/format-error';
import { LoaderRegistry } from './graphql/loader-registry';
import { maxDepthRule } from './graphql/operation-limits';
import { RequestAuthenticator, requestErrorFor } from './graphql/request-authenticator';
import { buildLedgerSchema, defaultSchemaDirectory, loadSdlFiles } from './graphql/schema';
import { GRAPHQL_PATH, GRAPHQL_SERVER_OPTIONS, type GraphqlServerOptions } from './graphql-server.options';
import { batchLimit, explorerRedirect, jsonBody, reenterRequestContext } from './http/graphql-http';
import { healthAndMetricsRoutes } from './http/health-routes';
import { InFlightRequests, exchangeOf, requestTracking } from './http/request-tracking';
import { SubscriptionServer } from './subscriptions/subscription-server';

/** Tokens in one GraphQL document: far above any query of this schema, far below what costs seconds to refuse. */
const MAX_DOCUMENT_TOKENS = 20_000;

/**
 * Mounts GraphQL (HTTP and WebSocket), health, metrics and the explorer on the Nest HTTP server,
 * and takes them down in order at shutdown:
 * readiness off → stop accepting connections → wait for in-flight HTTP requests → close
 * WebSockets → stop Apollo → run the ShutdownRegistry callbacks.
 */
@Injectable()
export class LedgerApiServer implements OnModuleInit, OnModuleDestroy {
  readonly inFlight = new InFlightRequests();
  /** Applied to every route by GraphqlServerModule. */
  readonly requestTracking: RequestHandler;
  private apollo: ApolloServer<ServerContext> | undefined;
  private subscriptions: SubscriptionServer | undefined;
  private schema: GraphQLSchema | undefined;
  private stopping: Promise<void> | undefined;

  constructor(
    @Inject(GRAPHQL_SERVER_OPTIONS) private readonly options: GraphqlServerOptions<object>,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    @Inject(LEDGER_LOGGER) private readonly logger: Logger,
    @Inject(LedgerMetrics) private readonly metrics: LedgerMetrics,
    @Inject(HealthRegistry) private readonly health: HealthRegistry,
    @Inject(ShutdownRegistry) private readonly shutdown: ShutdownRegistry,
    @Inject(PubSub) private readonly pubsub: PubSub,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(ErrorCodeRegistry) private readonly errorCodes: ErrorCodeRegistry,
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
  ) {
    this.requestTracking = requestTracking(logger.child({ component: 'http' }), metrics, this.inFlight);
  }

  /** The executable schema being served (after module init). */
  get graphqlSchema(): GraphQLSchema {
    if (this.schema === undefined) throw new Error('the GraphQL server has not started yet');
    return this.schema;
  }

  async onModuleInit(): Promise<void> {
    const { config, options } = this;
    const app = this.adapterHost.httpAdapter.getInstance<Express>();
    app.disable('x-powered-by');

    const typeDefs = options.typeDefs === undefined ? loadSdlFiles(options.schemaDirectory ?? defaultSchemaDirectory()) : [options.typeDefs].flat();
    const schema = buildLedgerSchema(typeDefs, options.resolvers);
    this.schema = schema;
    const authenticator = new RequestAuthenticator(new ViewerResolver(this.tokens, options.officerLookup), this.metrics, this.logger.child({ component: 'auth' }));
    const formatError = createErrorFormatter(this.errorCodes, this.logger.child({ component: 'graphql' }));
    const publicRootFields = new Set(options.publicRootFields ?? []);

    this.apollo = await this.startApollo(schema, formatError, publicRootFields);
    const graphqlMiddleware = expressMiddleware(this.apollo, { context: this.httpContext(authenticator, publicRootFields.size > 0) });
    app.use(this.routes(graphqlMiddleware));

    this.subscriptions = new SubscriptionServer({
      httpServer: this.adapterHost.httpAdapter.getHttpServer() as HttpServer,
      path: GRAPHQL_PATH,
      schema,
      authenticator,
      buildContext: ({ authentication, requestId, operationName }) => this.buildContext(authentication, requestId, requestId, operationName, 'ws'),
      formatError,
      validationRules: [maxDepthRule(config.graphql.maxQueryDepth), ...(config.graphql.introspection ? [] : [NoSchemaIntrospectionCustomRule])],
      maxComplexity: config.graphql.maxQueryComplexity,
      maxPayloadBytes: config.http.maxBodyBytes,
      metrics: this.metrics,
      logger: this.logger.child({ component: 'subscriptions' }),
      recheckIntervalMs: options.subscriptionRecheckMs ?? 60_000,
      keepAliveMs: options.webSocketKeepAliveMs ?? 12_000,
    });
    this.subscriptions.start();
    this.shutdown.register('pubsub', () => this.pubsub.close());

    const { graphql } = config;
    this.logger.info({ path: GRAPHQL_PATH, explorer: graphql.explorer ? EXPLORER_PATH : false, introspection: graphql.introspection, auth: this.tokens.algorithm }, 'GraphQL server mounted');
  }

  private async startApollo(schema: GraphQLSchema, formatError: ErrorFormatter, publicRootFields: ReadonlySet<string>): Promise<ApolloServer<ServerContext>> {
    const { graphql } = this.config;
    const apollo = new ApolloServer<ServerContext>({
      schema,
      introspection: graphql.introspection,
      allowBatchedHttpRequests: graphql.maxBatchSize > 1,
      csrfPrevention: true,
      persistedQueries: false,
      includeStacktraceInErrorResponses: false,
      stopOnTerminationSignals: false,
      formatError,
      validationRules: [maxDepthRule(graphql.maxQueryDepth)],
      // Refuse huge documents while parsing, before validation spends CPU (or stack) on them.
      parseOptions: { maxTokens: MAX_DOCUMENT_TOKENS },
      logger: this.logger.child({ component: 'apollo' }),
      plugins: [
        // Apollo's default landing page loads from a CDN; the explorer is served locally instead.
        ApolloServerPluginLandingPageDisabled(),
        operationGuardPlugin({ publicRootFields, maxComplexity: graphql.maxQueryComplexity, errorCodes: this.errorCodes }),
        operationOutcomePlugin(this.metrics),
      ],
    });
    await apollo.start();
    return apollo;
  }

  /** Authenticates the request (unless it is anonymous and anonymous access is possible) and builds its context. */
  private httpContext(authenticator: RequestAuthenticator, anonymousAllowed: boolean) {
    return async ({ req, res }: { req: Request; res: Response }): Promise<ServerContext> => {
      const exchange = exchangeOf(res);
      const requestId = exchange?.context.requestId ?? 'unknown';
      const correlationId = exchange?.context.correlationId ?? requestId;
      const authorization = req.headers.authorization;
      try {
        const authentication = authorization === undefined && anonymousAllowed ? null : await authenticator.authenticate(authorization, 'http');
        if (exchange !== undefined && authentication !== null) {
          exchange.context.officerId = authentication.viewer.officerId;
          exchange.context.agencyId = authentication.viewer.agencyId;
        }
        const body = req.body as { operationName?: unknown } | undefined;
        const operationName = typeof body?.operationName === 'string' ? body.operationName : null;
        const context: ServerContext = await this.buildContext(authentication, requestId, correlationId, operationName, 'http');
        // Enumerable so it survives Apollo's shallow copy of the context; a symbol, so resolvers do not see it.
        Object.defineProperty(context, HTTP_EXCHANGE, { value: exchange, enumerable: true });
        return context;
      } catch (error) {
        // The authenticator has logged identity failures already; anything else is logged here.
        if (!(error instanceof AuthError || error instanceof UnavailableError)) this.logger.error({ err: error }, 'cannot build the request context');
        throw requestErrorFor(error, this.errorCodes);
      }
    };
  }

  /** Health, metrics, the explorer (when enabled) and the GraphQL HTTP endpoint. */
  private routes(graphqlMiddleware: RequestHandler): Router {
    const { config } = this;
    const routes = Router();
    routes.use(healthAndMetricsRoutes(this.health, this.metrics));
    if (config.graphql.explorer) routes.use(explorerRoutes(GRAPHQL_PATH));
    routes.all(
      GRAPHQL_PATH,
      ...(config.graphql.explorer ? [explorerRedirect(EXPLORER_PATH)] : []),
      ...jsonBody(config.http.maxBodyBytes),
      batchLimit(config.graphql.maxBatchSize),
      reenterRequestContext(),
      graphqlMiddleware,
    );
    return routes;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping ??= this.stop();
    await this.stopping;
  }

  private async buildContext(authentication: Authentication | null, requestId: string, correlationId: string, operationName: string | null, transport: 'http' | 'ws'): Promise<LedgerContextBase> {
    const viewer = authentication?.viewer ?? null;
    const base: LedgerContextBase = {
      viewer,
      requestId,
      correlationId,
      operationName,
      loaders: new LoaderRegistry(),
      logger: this.logger.child({ requestId, correlationId, ...(viewer === null ? {} : { officerId: viewer.officerId, agencyId: viewer.agencyId }) }),
      pubsub: this.pubsub,
      transport,
    };
    const extra = await this.options.extendContext?.(base);
    return extra === undefined ? base : Object.assign(base, extra);
  }

  private async stop(): Promise<void> {
    const grace = this.options.shutdownGraceMs ?? 10_000;
    const httpServer = this.adapterHost.httpAdapter.getHttpServer() as HttpServer;
    this.health.markShuttingDown();
    this.logger.info({ inFlight: this.inFlight.size }, 'shutting down: refusing new connections, draining requests');

    // Stop accepting; idle keep-alive connections are closed now, busy ones after their response.
    const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    httpServer.closeIdleConnections();
    const drained = await this.inFlight.waitForIdle(grace);
    if (!drained) this.logger.warn({ inFlight: this.inFlight.size }, 'requests still running after the grace period; closing their connections');
    httpServer.closeIdleConnections();

    await this.subscriptions?.stop(Math.min(grace, 2000));
    await this.apollo?.stop();
    httpServer.closeAllConnections();
    await closed;

    await this.shutdown.run();
    this.logger.info('shutdown complete');
  }
}
