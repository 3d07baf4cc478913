import type { PubSub } from '@ledger/platform';
import type { CaseView, ClueView } from '@ledger/projections';
import type { GraphQLResolveInfo } from 'graphql';
import { type CaseShareChangeNotice, type ClueReceivedNotice, caseShareChangedTopic, clueReceivedTopic } from '../../notifications/topics';
import { type ApiContext, viewerOf } from '../api-context';
import { requireCaseworkRole } from '../role-policy';

/**
 * Each subscriber listens to its own agency's topic only (the publisher has already decided, from
 * the views, which agency a notification is for) and reads what it announces through its own
 * viewer-bound views, so a payload always shows what the subscriber may see now.
 */
export const subscriptionResolvers = {
  Subscription: {
    clueReceived: {
      subscribe: (_parent: unknown, _args: unknown, context: ApiContext) => {
        const { viewer, views } = viewerOf(context);
        requireCaseworkRole(viewer);
        return resolveEach(subscribeTo<ClueReceivedNotice>(context.pubsub, clueReceivedTopic(viewer.agencyId)), async (notice) => {
          const clue = await views.clue(notice.clueId);
          return clue === null ? undefined : { clueReceived: clue };
        });
      },
      resolve: (payload: { clueReceived: ClueView }, _args: unknown, context: ApiContext, info: GraphQLResolveInfo): ClueView => {
        viewerOf(context).views.recordAccess(info, 'CLUE', payload.clueReceived.clueId);
        return payload.clueReceived;
      },
    },
    caseShareChanged: {
      subscribe: (_parent: unknown, _args: unknown, context: ApiContext) => {
        const { viewer, views } = viewerOf(context);
        requireCaseworkRole(viewer);
        return resolveEach(subscribeTo<CaseShareChangeNotice>(context.pubsub, caseShareChangedTopic(viewer.agencyId)), async (notice) => {
          const seen = await views.caseById(notice.caseId);
          const visible = seen !== null && seen.viewerRole === 'RECIPIENT';
          // The view may have moved on since the notice: announce only what is still true.
          if (visible !== (notice.change === 'SHARED')) return undefined;
          return { caseShareChanged: { caseId: notice.caseId, change: notice.change, at: notice.at, case: visible ? seen : null, categories: visible ? (seen.visibleCategories ?? []) : [] } };
        });
      },
      resolve: (payload: { caseShareChanged: { case: CaseView | null } }, _args: unknown, context: ApiContext, info: GraphQLResolveInfo) => {
        const shown = payload.caseShareChanged.case;
        if (shown !== null) viewerOf(context).views.recordAccess(info, 'CASE', shown.caseId);
        return payload.caseShareChanged;
      },
    },
  },
};

function subscribeTo<T>(pubsub: PubSub, topic: string): AsyncIterableIterator<T> {
  return pubsub.subscribe<T>(topic);
}

/** Maps each notice to a payload, skipping those `resolve` answers undefined for; stops the source with the consumer. */
export function resolveEach<T, U>(source: AsyncIterableIterator<T>, resolve: (value: T) => Promise<U | undefined>): AsyncIterableIterator<U> {
  const mapped: AsyncIterableIterator<U> = {
    async next() {
      for (;;) {
        const result = await source.next();
        if (result.done === true) return { value: undefined, done: true };
        const value = await resolve(result.value);
        if (value !== undefined) return { value, done: false };
      }
    },
    return: async () => {
      await source.return?.();
      return { value: undefined, done: true };
    },
    throw: async (error?: unknown) => {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]: () => mapped,
  };
  return mapped;
}
