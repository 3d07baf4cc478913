import type DataLoader from 'dataloader';

/**
 * The DataLoaders of one request (one HTTP request, or one operation over WebSocket). Loaders are
 * created on first use and dropped with the request, so batching and caching never span two
 * requests — nor two viewers, which keeps one agency's rows out of another's answers.
 *
 *   const caseById = ctx.loaders.get('caseById', () => new DataLoader((ids) => views.casesByIds(ctx.viewer.agencyId, ids)));
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown, unknown>>();

  get<K, V, C = K>(name: string, create: () => DataLoader<K, V, C>): DataLoader<K, V, C> {
    let loader = this.loaders.get(name);
    if (loader === undefined) {
      loader = create() as unknown as DataLoader<unknown, unknown, unknown>;
      this.loaders.set(name, loader);
    }
    return loader as unknown as DataLoader<K, V, C>;
  }
}
