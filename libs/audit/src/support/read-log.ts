import type { EventStore, RecordedEvent } from '@ledger/event-store/event-store.port';

export const DEFAULT_PAGE_SIZE = 2000;

/**
 * Every event from `fromPosition` up to and including `toPosition`, in global order, one page
 * at a time so memory stays bounded whatever the size of the log.
 */
export async function* readLogPages(
  store: EventStore,
  range: { fromPosition?: number; toPosition: number },
  pageSize: number = DEFAULT_PAGE_SIZE,
): AsyncGenerator<RecordedEvent[]> {
  let from = range.fromPosition ?? 1;
  while (from <= range.toPosition) {
    let page: RecordedEvent[];
    try {
      page = await store.readAll({ fromPosition: from, limit: pageSize });
    } catch (error) {
      // E.g. a row whose data is no longer JSON: say where reading stopped.
      throw new Error(`reading the log from position ${from} failed: ${(error as Error).message}`, { cause: error });
    }
    const inRange = page.filter((event) => event.globalPosition <= range.toPosition);
    if (inRange.length > 0) yield inRange;
    if (page.length < pageSize || inRange.length < page.length) return;
    from = page[page.length - 1].globalPosition + 1;
  }
}
