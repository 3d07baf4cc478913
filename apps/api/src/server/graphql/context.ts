import { AuthError, type Logger, type PubSub, type Viewer } from '@ledger/platform';
import type { LoaderRegistry } from './loader-registry';

/** What every resolver receives as its third argument (plus whatever `extendContext` adds). */
export interface LedgerContextBase {
  /** The authenticated officer; null only inside operations made entirely of public root fields. */
  viewer: Viewer | null;
  requestId: string;
  /** Pass this to commands as the correlation id of the events they append. */
  correlationId: string;
  /** Set once the operation is resolved (before any resolver runs). */
  operationName: string | null;
  /** Per-request DataLoaders. */
  loaders: LoaderRegistry;
  /** A child logger carrying the request's ids and the officer. */
  logger: Logger;
  /** In-process pub/sub for subscriptions. */
  pubsub: PubSub;
  transport: 'http' | 'ws';
}

export type LedgerContext<TExtra extends object = Record<never, never>> = LedgerContextBase & TExtra;

/** The viewer, or UNAUTHENTICATED if the resolver was reached anonymously (public operations only). */
export function requireViewer(context: LedgerContextBase): Viewer {
  if (context.viewer === null) throw new AuthError('MISSING_TOKEN');
  return context.viewer;
}
