import type { AccessedEntityType } from '@ledger/domain/access/access.events';
import type { EventStore } from '@ledger/event-store';
import type { Logger, Viewer } from '@ledger/platform';
import { projectUntil, ViewReader, type PointInTimeViews, type ProjectionLimit } from '@ledger/projections';
import type { GraphQLResolveInfo } from 'graphql';
import type { AccessLogBuffer } from '../../access-log/access-log.buffer';
import { RequestViews, rootFieldOf } from '../request-views';

export interface PointInTimeCacheOptions {
  /** Past moments kept projected at once; each holds every agency's views in memory. */
  maxEntries?: number;
  /** A moment not asked for this long is dropped. */
  idleMs?: number;
  /** How long a dropped moment stays open for operations still reading it. */
  graceMs?: number;
  logger?: Pick<Logger, 'info' | 'error'>;
}

interface Entry {
  views: Promise<PointInTimeViews>;
  lastUsed: number;
}

/**
 * The views as of past moments, each projected once by `projectUntil` (the live projector's own
 * code) into an in-memory read model and kept for the next questions about the same moment
 * (an auditor pages through cases, looks at another agency). Projections run one at a time; a
 * moment is dropped when it is the least recently used beyond `maxEntries` or idle for `idleMs`,
 * and closed `graceMs` later, so an operation still reading it finishes first.
 */
export class PointInTimeViewCache {
  private readonly entries = new Map<string, Entry>();
  private readonly retiring = new Set<{ timer: NodeJS.Timeout; views: Promise<PointInTimeViews> }>();
  private building: Promise<unknown> = Promise.resolve();
  private readonly sweeper: NodeJS.Timeout;
  private readonly maxEntries: number;
  private readonly idleMs: number;
  private readonly graceMs: number;

  constructor(
    private readonly store: EventStore,
    private readonly options: PointInTimeCacheOptions = {},
  ) {
    this.maxEntries = options.maxEntries ?? 2;
    this.idleMs = options.idleMs ?? 10 * 60_000;
    this.graceMs = options.graceMs ?? 60_000;
    this.sweeper = setInterval(() => this.dropIdle(), Math.min(this.idleMs, 60_000));
    this.sweeper.unref();
  }

  /** The views as of a global position, or as of a time (the longest prefix recorded at or before it). */
  viewsAsOf(limit: ProjectionLimit): Promise<PointInTimeViews> {
    const key = 'position' in limit ? `position ${limit.position}` : `time ${new Date(limit.time).toISOString()}`;
    let entry = this.entries.get(key);
    if (entry === undefined) {
      const started = Date.now();
      const views = this.building.then(() => projectUntil(this.store, limit));
      this.building = views.catch(() => undefined);
      const created: Entry = { views, lastUsed: started };
      entry = created;
      views.then(
        (projected) => this.options.logger?.info({ asOf: key, position: projected.position, events: projected.events, ms: Date.now() - started }, 'past views projected'),
        () => {
          if (this.entries.get(key) === created) this.entries.delete(key);
        },
      );
    }
    // Re-inserted: the Map's order is the least recently used first.
    this.entries.delete(key);
    entry.lastUsed = Date.now();
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) this.retire(this.entries.keys().next().value as string);
    return entry.views;
  }

  /** Closes every projected moment now (at shutdown). */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    const open = [...this.entries.values()].map((entry) => entry.views);
    for (const retired of this.retiring) {
      clearTimeout(retired.timer);
      open.push(retired.views);
    }
    this.entries.clear();
    this.retiring.clear();
    await Promise.all(open.map((views) => closeViews(views)));
  }

  private dropIdle(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) if (now - entry.lastUsed > this.idleMs) this.retire(key);
  }

  private retire(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    const retired = {
      views: entry.views,
      timer: setTimeout(() => {
        this.retiring.delete(retired);
        void closeViews(entry.views);
      }, this.graceMs),
    };
    retired.timer.unref();
    this.retiring.add(retired);
  }
}

async function closeViews(views: Promise<PointInTimeViews>): Promise<void> {
  try {
    await (await views).readModel.close();
  } catch {
    // A projection that failed has nothing open; a failed close leaves nothing to retry.
  }
}

/**
 * An agency's views as of a past moment, put in place of the request's views for an
 * `agencyViewAsOf` operation, so that the live resolvers of Case, Clue, Agreement and Agency read
 * from that moment. Reads are recorded in the access log as the auditor's, not the agency's.
 */
export class PastAgencyViews extends RequestViews {
  constructor(
    past: PointInTimeViews,
    readonly agencyId: string,
    private readonly auditor: Viewer,
    private readonly auditorAccessLog: AccessLogBuffer,
  ) {
    // The view data of a past moment never changes, so caching is right on every transport.
    super(new ViewReader(past.readModel, { today: past.today }), { ...auditor, agencyId }, auditorAccessLog, { cache: true });
  }

  override recordAccess(info: GraphQLResolveInfo, type: AccessedEntityType, id: string): void {
    this.auditorAccessLog.record(
      this,
      { agencyId: this.auditor.agencyId, officerId: this.auditor.officerId, operationType: info.operation.operation, operationName: info.operation.name?.value ?? null },
      rootFieldOf(info),
      { type, id },
    );
  }
}
