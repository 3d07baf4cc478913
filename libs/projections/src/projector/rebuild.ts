/**
 * Rebuilding and point-in-time projection: both read the log in pages and apply them with the
 * same `applyBatch` the live projector uses, so there is one implementation of the views.
 */
import type { EventStore, RecordedEvent } from '@ledger/event-store/event-store.port';
import { calendarDateOf, type CalendarDate } from '../access-policy/access-policy';
import type { SkippedEvent } from '../state/apply-event';
import { readCheckpoint } from '../storage/checkpoint';
import { openReadModel, type ReadModel } from '../storage/read-model';
import { applyBatch } from './projection-batch';

export interface RebuildProgress {
  /** Events applied so far. */
  events: number;
  /** Global position reached. */
  position: number;
  /** The store's head when the rebuild started. */
  head: number;
  elapsedMs: number;
}

export interface RebuildResult {
  events: number;
  position: number;
  elapsedMs: number;
  eventsPerSecond: number;
  skipped: SkippedEvent[];
}

/** Events read and applied per transaction by `rebuild` and `projectUntil` (larger batches rewrite each view less often). */
export const REBUILD_PAGE_SIZE = 20_000;

/**
 * Drops every read-model table, creates them again and projects the whole log from the beginning.
 * Run it with the projector stopped; readers see empty views until it completes.
 */
export async function rebuild(store: EventStore, readModel: ReadModel, onProgress?: (progress: RebuildProgress) => void, options: { pageSize?: number } = {}): Promise<RebuildResult> {
  await readModel.reset();
  return projectLog(store, readModel, () => true, onProgress, options.pageSize ?? REBUILD_PAGE_SIZE);
}

/** Where a point-in-time projection stops. */
export type ProjectionLimit = { position: number } | { time: Date | string };

export interface PointInTimeViews {
  /** A throw-away read model holding the views as of the limit; close it when done. */
  readModel: ReadModel;
  /** Global position of the last event included (0: none). */
  position: number;
  /** The moment the views stand at: the limit's time, or the last included event's recordedAt. */
  asOf: Date;
  /** The calendar date readers must use for agreement validity (`ViewReader` option `today`). */
  today: CalendarDate;
  events: number;
}

/**
 * Projects into a fresh database (in memory unless `readModelUrl` names one) every event up to a
 * global position, or the longest prefix of the log recorded at or before a time.
 */
export async function projectUntil(store: EventStore, limit: ProjectionLimit, options: { readModelUrl?: string; pageSize?: number } = {}): Promise<PointInTimeViews> {
  const include = inclusionOf(limit);
  const readModel = await openReadModel(options.readModelUrl ?? 'sqlite::memory:');
  try {
    if ((await readCheckpoint(readModel.db, readModel.dialect)) !== 0) await readModel.reset();
    let lastRecordedAt: string | null = null;
    const result = await projectLog(
      store,
      readModel,
      (event) => {
        if (!include(event)) return false;
        lastRecordedAt = event.recordedAt;
        return true;
      },
      undefined,
      options.pageSize ?? REBUILD_PAGE_SIZE,
    );
    const asOf = 'time' in limit ? new Date(limit.time) : lastRecordedAt !== null ? new Date(lastRecordedAt) : new Date(0);
    return { readModel, position: result.position, asOf, today: calendarDateOf(asOf), events: result.events };
  } catch (error) {
    await readModel.close();
    throw error;
  }
}

function inclusionOf(limit: ProjectionLimit): (event: RecordedEvent) => boolean {
  if ('position' in limit) {
    if (!Number.isInteger(limit.position) || limit.position < 0) throw new Error('projectUntil position must be a non-negative integer');
    return (event) => event.globalPosition <= limit.position;
  }
  const until = new Date(limit.time).getTime();
  if (Number.isNaN(until)) throw new Error('projectUntil time must be an ISO-8601 date-time');
  return (event) => Date.parse(event.recordedAt) <= until;
}

/** Applies the log page by page while `include` accepts events; stops at the first event it refuses. */
async function projectLog(
  store: EventStore,
  readModel: ReadModel,
  include: (event: RecordedEvent) => boolean,
  onProgress: ((progress: RebuildProgress) => void) | undefined,
  pageSize: number,
): Promise<RebuildResult> {
  const started = performance.now();
  const head = await store.headPosition();
  let position = await readCheckpoint(readModel.db, readModel.dialect);
  let events = 0;
  const skipped: SkippedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ fromPosition: position + 1, limit: pageSize });
    if (page.length === 0) break;
    const cut = page.findIndex((event) => !include(event));
    const batch = cut < 0 ? page : page.slice(0, cut);
    if (batch.length > 0) {
      const outcome = await readModel.db.transaction().execute((trx) => applyBatch(trx, readModel.dialect, batch));
      position = outcome.position;
      events += outcome.applied;
      skipped.push(...outcome.skipped);
      onProgress?.({ events, position, head, elapsedMs: performance.now() - started });
    }
    if (cut >= 0) break;
  }
  const elapsedMs = performance.now() - started;
  return { events, position, elapsedMs, eventsPerSecond: elapsedMs > 0 ? (events * 1000) / elapsedMs : 0, skipped };
}
