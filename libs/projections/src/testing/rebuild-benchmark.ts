/**
 * Benchmark of `rebuild`: events per second projecting a generated ledger into fresh views,
 * beside reading the same events without projecting them (the ceiling), in the same run.
 */
import { join } from 'node:path';
import { openEventStore } from '@ledger/event-store';
import type { EventStore } from '@ledger/event-store/event-store.port';
import { rebuild, type RebuildProgress } from '../projector/rebuild';
import { openReadModel } from '../storage/read-model';
import { type LedgerSummary, writeLedger } from './ledger-generator';

export interface BenchmarkRow {
  scenario: string;
  variant: string;
  metric: string;
  value: number;
  unit: string;
  /** The same metric for the ceiling (reading without projecting), or null. */
  ceiling: number | null;
  /** value / ceiling, or null. */
  ratio: number | null;
}

export interface RebuildBenchmarkOptions {
  /** Directory for the temporary event store and read model (in memory, e.g. under /dev/shm, keeps fsync out of it). */
  dir: string;
  events?: number;
  seed?: number;
  /** A PostgreSQL database to rebuild into as well (schema `views_bench`), besides SQLite. */
  postgresUrl?: string;
  /** Reports each phase's progress: phase name, done, total. */
  onProgress?: (phase: string, done: number, total: number) => void;
}

export interface RebuildBenchmarkResult {
  rows: BenchmarkRow[];
  summary: LedgerSummary;
  events: number;
}

export async function runRebuildBenchmark(options: RebuildBenchmarkOptions): Promise<RebuildBenchmarkResult> {
  const target = options.events ?? 100_000;
  const store = await openEventStore(`sqlite:${join(options.dir, 'ledger.db')}`);
  try {
    const written = await writeLedger(store, { targetEvents: target, seed: options.seed ?? 42 }, (progress) => options.onProgress?.('generate ledger', progress.events, target));
    options.onProgress?.('generate ledger', written.events, target);
    const head = await store.headPosition();

    const ceiling = await readAllEvents(store, (done) => options.onProgress?.('read all (ceiling)', done, written.events));
    const rows: BenchmarkRow[] = [row('sqlite', 'read all events (ceiling)', ceiling, null)];

    const sqliteViews = await openReadModel(`sqlite:${join(options.dir, 'views.db')}`);
    try {
      const result = await rebuild(store, sqliteViews, progressOf('rebuild into SQLite', head, options.onProgress));
      rows.push(row('sqlite', 'rebuild views', result.eventsPerSecond, ceiling));
    } finally {
      await sqliteViews.close();
    }

    if (options.postgresUrl) {
      const url = new URL(options.postgresUrl);
      url.searchParams.set('schema', 'views_bench');
      const postgresViews = await openReadModel(url.toString());
      try {
        const result = await rebuild(store, postgresViews, progressOf('rebuild into PostgreSQL', head, options.onProgress));
        rows.push(row('postgres', 'rebuild views', result.eventsPerSecond, ceiling));
      } finally {
        await postgresViews.close();
      }
    }
    return { rows, summary: written.summary, events: written.events };
  } finally {
    await store.close();
  }
}

function row(variant: string, what: string, eventsPerSecond: number, ceiling: number | null): BenchmarkRow {
  const value = Math.round(eventsPerSecond);
  return {
    scenario: 'projection-rebuild',
    variant: `${variant}: ${what}`,
    metric: 'throughput',
    value,
    unit: 'events/s',
    ceiling: ceiling === null ? null : Math.round(ceiling),
    ratio: ceiling === null ? null : Math.round((eventsPerSecond / ceiling) * 1000) / 1000,
  };
}

function progressOf(phase: string, head: number, report: RebuildBenchmarkOptions['onProgress']): (progress: RebuildProgress) => void {
  return (progress) => report?.(phase, progress.events, head);
}

/** Reads the whole log page by page as `rebuild` does, without projecting: events per second. */
async function readAllEvents(store: EventStore, onProgress: (done: number) => void): Promise<number> {
  const started = performance.now();
  let position = 0;
  let events = 0;
  for (;;) {
    const page = await store.readAll({ fromPosition: position + 1, limit: 1000 });
    if (page.length === 0) break;
    events += page.length;
    position = page[page.length - 1].globalPosition;
    onProgress(events);
  }
  return (events * 1000) / (performance.now() - started);
}
