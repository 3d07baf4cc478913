/**
 * The API's HTTP server: GraphQL over HTTP and WebSocket at /graphql, /health, /metrics and the
 * offline explorer at /explorer, on Nest + Express 5 + Apollo Server 5 + graphql-ws.
 *
 * ## Wiring it up
 *
 *   @Module({ imports: [
 *     PlatformModule.forRoot({ config, service: 'api' }),            // @ledger/platform, global
 *     GraphqlServerModule.forRootAsync({
 *       imports: [...],                                               // modules providing what useFactory injects
 *       inject: [CommandBus, VIEWS],
 *       useFactory: (commands, views) => ({
 *         resolvers,                                                  // graphql-tools resolver map(s) for schema/*.graphql
 *         officerLookup: views.officers,                              // OfficerLookup (see below)
 *         extendContext: (base) => ({ commands, views }),             // optional extra context fields
 *       }),
 *     }),
 *   ] }) class AppModule {}
 *
 *   const app = await createApiApplication(AppModule);                // bodyParser off, pino logs, SIGTERM/SIGINT hooks
 *   await app.listen(config.http.port, config.http.host);            // or: await startApiServer(AppModule)
 *
 * The schema is every `schema/*.graphql` file (or `typeDefs`), built with makeExecutableSchema; a
 * resolver for a field the SDL lacks is a start-up error. Cost a list field for the complexity
 * limit with `@complexity(value: 1, multipliers: ["first"])` (declared automatically).
 *
 * ## The resolver context (`LedgerContext<TExtra>`, third resolver argument)
 *
 *   viewer         Viewer { officerId, agencyId, roles, auditScope } from the ledger, never from the
 *                  token; null only in operations made of `publicRootFields` (none by default).
 *                  `requireViewer(ctx)` returns it or throws UNAUTHENTICATED.
 *   requestId      this request's id (X-Request-Id), in every log line written while serving it
 *   correlationId  X-Correlation-Id or the request id: pass it to commands as their correlation id
 *   operationName  set before the first resolver runs
 *   loaders        per-request DataLoaders: ctx.loaders.get('caseById', () => new DataLoader(batchFn))
 *   logger         pino child logger carrying the ids and the officer
 *   pubsub         the process's PubSub (also injectable: `PubSub` from @ledger/platform)
 *   transport      'http' | 'ws'
 *   …plus whatever `extendContext(base)` returns.
 *
 * Authentication happens before any resolver: a request whose Bearer token is missing, invalid,
 * expired, or does not match an active officer of the agency it claims is refused with 401 and
 * `extensions: { code: 'UNAUTHENTICATED', reason }` (reasons: AUTH_FAILURE_REASONS in
 * @ledger/platform). Every identity failure is UNAUTHENTICATED — including an unknown officer, an
 * officer claiming another agency and a suspended officer; FORBIDDEN is for resolvers refusing an
 * authenticated viewer (`requireRole(viewer, 'AUDITOR')` or `throw new ForbiddenError(…)`). The
 * officer is looked up on every HTTP request, so a suspension takes effect at once.
 *
 * `OfficerLookup.findOfficer(officerId) → { officerId, agencyId, roles, auditScope, suspended } | null`
 * must throw (not return null) when its store is down: that becomes 503 STORE_UNAVAILABLE.
 *
 * ## Errors
 *
 * Throw errors carrying a `code`. Public codes (BAD_USER_INPUT, FORBIDDEN, CONFLICT, NOT_FOUND,
 * STORE_UNAVAILABLE, UNAUTHENTICATED) pass as they are; other libraries' codes are mapped once at
 * start-up with `errorCodes.register({ MY_CODE: 'CONFLICT' })` (@ledger/platform). The message and
 * string `field` / `rule` / `reason` properties reach the client; anything unregistered becomes
 * INTERNAL_SERVER_ERROR with a generic message and the request id, the real error being logged.
 * STORE_UNAVAILABLE turns the HTTP answer into 503 with Retry-After. No stack trace is ever sent.
 * Limits answer GRAPHQL_VALIDATION_FAILED with `extensions.limit` (MAX_QUERY_DEPTH,
 * MAX_QUERY_COMPLEXITY); an oversized body gets 413 PAYLOAD_TOO_LARGE; a batch beyond
 * LEDGER_GRAPHQL_MAX_BATCH_SIZE (1 = batching off) gets 400 BAD_REQUEST.
 *
 * ## Subscriptions
 *
 * Clients connect with graphql-ws to ws(s)://host/graphql and send
 * `connectionParams: { Authorization: 'Bearer <token>' }`. The connection is refused or later
 * closed with 4401 `Unauthorized: <reason>` (token expiry, officer suspended or moved; re-checked
 * every `subscriptionRecheckMs`), 1013 when the officer store is down. Publish from anywhere in
 * the process with the shared PubSub and return its iterator from the subscription resolver:
 *
 *   pubsub.publish(`clueReceived:${recipientAgencyId}`, { clueReceived: clueView });
 *   Subscription: { clueReceived: { subscribe: (_, __, ctx) => ctx.pubsub.subscribe(`clueReceived:${requireViewer(ctx).agencyId}`) } }
 *
 * Scope topics by agency so nothing crosses agencies; use `filterAsync(iterator, predicate)` for
 * finer filters. The PubSub is in-process: events published in another process are not seen.
 *
 * ## Health checks and shutdown hooks
 *
 *   app.get(HealthRegistry).register('eventStore', eventStoreCheck(store));
 *   app.get(HealthRegistry).register('projector', projectorLagCheck({ projection, lag, maxLag, metrics }));
 *   app.get(ShutdownRegistry).register('access-log', () => accessLog.flush());
 *
 * (or inject HealthRegistry / ShutdownRegistry in a provider). GET /health and /health/ready answer
 * 200 when every check passes, 503 otherwise or while shutting down; /health/live answers 200.
 * On SIGTERM/SIGINT (or app.close()) the server marks itself not ready, stops accepting
 * connections, waits up to `shutdownGraceMs` for in-flight requests, closes WebSockets (1001),
 * stops Apollo and then runs the ShutdownRegistry callbacks, last registered first. Close what
 * requests use (event store, read store) in a ShutdownRegistry callback, not in onModuleDestroy,
 * which Nest may run before the requests have drained.
 *
 * ## Metrics
 *
 * GET /metrics (Prometheus text): process metrics, ledger_http_requests_total{method,route,status},
 * ledger_http_request_duration_seconds, ledger_graphql_operation_duration_seconds{operation,type,outcome},
 * ledger_auth_failures_total{reason}, ledger_graphql_active_subscriptions, the event store append
 * series (instrumentEventStore) and ledger_projector_lag_events. Add more with
 * `app.get(LedgerMetrics).counter(...) / .histogram(...) / .gauge(...)`.
 */
export { GraphqlServerModule, type GraphqlServerAsyncOptions } from './graphql-server.module';
export { GRAPHQL_PATH, GRAPHQL_SERVER_OPTIONS, type GraphqlServerOptions } from './graphql-server.options';
export { LedgerApiServer } from './ledger-api-server';
export { createApiApplication, startApiServer, type CreateApiApplicationOptions, type RootModule } from './bootstrap';
export { requireViewer, type LedgerContext, type LedgerContextBase } from './graphql/context';
export { LoaderRegistry } from './graphql/loader-registry';
export { COMPLEXITY_DIRECTIVE_SDL, buildLedgerSchema, defaultSchemaDirectory, loadSdlFiles, type ResolverMap } from './graphql/schema';
export { EXPLORER_PATH } from './explorer/explorer-routes';
