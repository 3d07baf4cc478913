import { Inject, Module, type DynamicModule, type InjectionToken, type MiddlewareConsumer, type ModuleMetadata, type NestModule, type OptionalFactoryDependency } from '@nestjs/common';
import { GRAPHQL_SERVER_OPTIONS, type GraphqlServerOptions } from './graphql-server.options';
import { LedgerApiServer } from './ledger-api-server';

export interface GraphqlServerAsyncOptions<TExtra extends object = Record<never, never>> {
  /** Modules whose providers `useFactory` needs (CQRS, projections…). */
  imports?: ModuleMetadata['imports'];
  inject?: Array<InjectionToken | OptionalFactoryDependency>;
  useFactory: (...dependencies: any[]) => GraphqlServerOptions<TExtra> | Promise<GraphqlServerOptions<TExtra>>;
}

/**
 * The API's HTTP surface: GraphQL over HTTP and WebSocket at /graphql, /health, /metrics and the
 * explorer. Needs PlatformModule.forRoot() in the application, and the Nest application created
 * with `bodyParser: false` (use createApiApplication from ./bootstrap).
 */
@Module({})
export class GraphqlServerModule implements NestModule {
  constructor(@Inject(LedgerApiServer) private readonly server: LedgerApiServer) {}

  static forRoot<TExtra extends object>(options: GraphqlServerOptions<TExtra>): DynamicModule {
    return {
      module: GraphqlServerModule,
      providers: [{ provide: GRAPHQL_SERVER_OPTIONS, useValue: options }, LedgerApiServer],
      exports: [LedgerApiServer],
    };
  }

  static forRootAsync<TExtra extends object>(options: GraphqlServerAsyncOptions<TExtra>): DynamicModule {
    return {
      module: GraphqlServerModule,
      imports: options.imports ?? [],
      providers: [{ provide: GRAPHQL_SERVER_OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory }, LedgerApiServer],
      exports: [LedgerApiServer],
    };
  }

  /** Request ids, access log and HTTP metrics for every route, Nest controllers included. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(this.server.requestTracking).forRoutes('*');
  }
}
