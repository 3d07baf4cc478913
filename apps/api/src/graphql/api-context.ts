import type { Viewer } from '@ledger/platform';
import type { LedgerContext } from '../server/graphql/context';
import { requireViewer } from '../server/graphql/context';
import type { RequestViews } from './request-views';

/** What the API adds to every resolver context. */
export interface ApiContextExtra {
  /** The viewer's views; null only for an anonymous request (which reaches no resolver needing it). */
  views: RequestViews | null;
}

export type ApiContext = LedgerContext<ApiContextExtra>;

/** The viewer and their views, or UNAUTHENTICATED. */
export function viewerOf(context: ApiContext): { viewer: Viewer; views: RequestViews } {
  const viewer = requireViewer(context);
  if (context.views === null) throw new Error('views missing from an authenticated context');
  return { viewer, views: context.views };
}
