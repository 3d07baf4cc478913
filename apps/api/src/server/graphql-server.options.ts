import type { OfficerLookup } from '@ledger/platform';
import type { LedgerContextBase } from './graphql/context';
import type { ResolverMap } from './graphql/schema';

export interface GraphqlServerOptions<TExtra extends object = Record<never, never>> {
  /** Resolver map (or maps, merged) for the SDL; a resolver for a field the SDL lacks is an error. */
  resolvers: ResolverMap;
  /** How the server finds officers in the ledger (implemented by the projections). */
  officerLookup: OfficerLookup;
  /** SDL to serve instead of the files of `schemaDirectory` (tests). */
  typeDefs?: string | readonly string[];
  /** Directory of *.graphql files; default `<project root>/schema`. */
  schemaDirectory?: string;
  /** Adds fields to every resolver context (command bus, read models…); runs after authentication. */
  extendContext?: (base: LedgerContextBase) => TExtra | Promise<TExtra>;
  /**
   * Root fields an HTTP request may select without a token (default none). A request with an
   * invalid token is refused whatever it selects; WebSocket connections always need a token.
   */
  publicRootFields?: readonly string[];
  /** How long shutdown waits for in-flight requests and for WebSocket clients; default 10 000 ms. */
  shutdownGraceMs?: number;
  /** How often an open WebSocket connection's officer is looked up again; default 60 000 ms. */
  subscriptionRecheckMs?: number;
  /** WebSocket ping interval; default 12 000 ms. */
  webSocketKeepAliveMs?: number;
}

export const GRAPHQL_SERVER_OPTIONS = Symbol.for('ledger.api.graphqlServerOptions');
export const GRAPHQL_PATH = '/graphql';
