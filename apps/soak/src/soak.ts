import * as path from 'node:path';
import { type EventStore, openEventStore } from '@ledger/event-store';
import { progress } from '@ledger/platform';
import { openReadModel } from '@ledger/projections';
import { percentile } from '@ledger/projections/reader/percentiles';
import { type CommandCheckReport, CommandLedger } from './checks/command-ledger';
import { compareWithRebuild, type ViewComparison } from './checks/views-vs-rebuild';
import { GraphqlClient } from './client/graphql-client';
import { LedgerDeployment, type StoreKind } from './processes/ledger-deployment';
import { type OperationSummary, OperationStats } from './report/operation-stats';
import { WORKLOAD_MIX } from './workload/actions';
import { Random } from './workload/random';
import { runWorkload } from './workload/run-workload';
import { SoakClient } from './workload/soak-client';
import { WorkloadState } from './workload/workload-state';
import { seedCommandCount, seedSoakWorld } from './world/soak-world';

export interface SoakOptions {
  store: StoreKind;
  minutes: number;
  /** Virtual users acting at once. */
  concurrency: number;
  agencies: number;
  investigatorsPerAgency: number;
  /** Share of acknowledged commands sent again with the same command id. */
  repeatRate: number;
  seed: number;
  postgresAdminUrl?: string;
}

export interface SoakResult {
  options: SoakOptions;
  /** Seconds the workload ran. */
  workloadSeconds: number;
  startSeconds: number;
  seedSeconds: number;
  checkSeconds: number;
  operations: OperationSummary[];
  totalOperations: number;
  operationsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers other than `ok`. */
  errors: number;
  /** HTTP 5xx or INTERNAL_SERVER_ERROR answers. */
  serverFailures: number;
  /** Time for the views to include every event once the load stopped. */
  catchUpMs: number;
  commands: CommandCheckReport;
  views: ViewComparison;
  /** Why the run failed its checks (empty: passed). */
  failures: string[];
}

/** Where the soak writes what it wants a person to see while it runs. */
export type Note = (message: string) => void;

const CATCH_UP_TIMEOUT_MS = 120_000;

/**
 * The soak: a real API deployment (child processes on a fresh ledger), seeded over HTTP, driven
 * by a mixed workload of investigators, liaison officers and auditors for the given minutes, then
 * checked: every acknowledged command's events are in the store exactly once, the views equal a
 * rebuild from the log, and no request failed on the server side. An aborted `signal` ends the
 * workload early; the run then throws, after removing the deployment.
 */
export async function runSoak(options: SoakOptions, note: Note, signal?: AbortSignal): Promise<SoakResult> {
  const random = new Random(options.seed);
  const commands = new CommandLedger();
  const stats = new OperationStats();

  let clock = performance.now();
  const lap = (): number => {
    const now = performance.now();
    const seconds = (now - clock) / 1000;
    clock = now;
    return seconds;
  };

  note(`starting a ${options.store} deployment (API${options.store === 'postgres' ? ' and standalone projector' : ' with the projector inside'}) on a fresh ledger`);
  const deployment = await LedgerDeployment.create({ store: options.store, postgresAdminUrl: options.postgresAdminUrl });
  let store: EventStore | undefined;
  try {
    await deployment.start();
    const startSeconds = lap();
    note(`API listening on ${deployment.apiUrl} after ${startSeconds.toFixed(1)} s (demo world seeded)`);

    const graphql = new GraphqlClient(deployment.apiUrl);
    const tokenTtlSeconds = Math.ceil(options.minutes * 60) + 3600;
    const seeding = new SoakClient(graphql, new OperationStats(), commands);
    const seedBar = progress('soak: onboarding agencies, officers and agreements over HTTP', seedCommandCount(options));
    const world = await seedSoakWorld(seeding, await deployment.tokens(), { ...options, tokenTtlSeconds, onStep: () => seedBar.increment() }).finally(() => seedBar.stop());
    const seedSeconds = lap();

    const client = new SoakClient(graphql, stats, commands, { repeatRate: options.repeatRate, random: random.next });
    const state = new WorkloadState();
    const context = { client, world, state, random, stats };
    const durationMs = options.minutes * 60_000;
    note(`running the workload for ${options.minutes} min with ${options.concurrency} concurrent clients`);
    const bar = progress(`soak (${options.store}): workload seconds`, Math.round(durationMs / 1000));
    let lastStatus = 0;
    const workloadMs = await runWorkload(context, {
      durationMs,
      concurrency: options.concurrency,
      mix: WORKLOAD_MIX,
      stop: () => signal?.aborted ?? false,
      onTick: (elapsedMs) => {
        bar.update(Math.min(Math.round(elapsedMs / 1000), Math.round(durationMs / 1000)));
        if (elapsedMs - lastStatus >= 10_000) {
          lastStatus = elapsedMs;
          note(`${Math.round(elapsedMs / 1000)} s: ${stats.total} operations (${(stats.total / (elapsedMs / 1000)).toFixed(1)}/s), ${stats.errors} errors, ${stats.serverFailures} server failures`);
        }
      },
    }).finally(() => bar.stop());
    lap();
    // Interrupted: nothing to check; the deployment and its database are removed on the way out.
    if (signal?.aborted) throw new Error('interrupted');

    note('load stopped; waiting for the views to include every event');
    const catchUpMs = await deployment.viewsCaughtUp(CATCH_UP_TIMEOUT_MS);
    await deployment.stop();
    lap();
    store = await openEventStore(deployment.storeUrl);

    note('checking every acknowledged command against the store');
    const commandBar = progress('soak: reading the whole log', undefined);
    const commandReport = await commands.verify(store, (position, head) => commandBar.update(position, head)).finally(() => commandBar.stop());
    note('rebuilding the views from the log into a fresh read model and comparing them with the live ones');
    const live = await openReadModel(deployment.readModelUrl);
    let views: ViewComparison;
    try {
      views = await compareWithRebuild(store, live, scratchReadModelUrl(deployment));
    } finally {
      await live.close();
    }
    const checkSeconds = lap();

    const latencies = stats.allLatencies();
    const failures = [
      ...(stats.serverFailures > 0 ? [`${stats.serverFailures} server failures (5xx)`] : []),
      ...state.chainProblems.map((problem) => `auditor shown a broken hash chain: ${problem}`),
      ...commandReport.problems,
      ...(views.equal ? [] : [`the live views differ from a rebuild: ${JSON.stringify(views.tables.filter((table) => table.differingRows > 0))}`]),
      ...(commandReport.acknowledged === 0 ? ['no command was acknowledged'] : []),
    ];
    return {
      options,
      workloadSeconds: workloadMs / 1000,
      startSeconds,
      seedSeconds,
      checkSeconds,
      operations: stats.summaries(workloadMs / 1000),
      totalOperations: stats.total,
      operationsPerSecond: stats.total / (workloadMs / 1000),
      p50Ms: percentile(latencies, 0.5) ?? 0,
      p99Ms: percentile(latencies, 0.99) ?? 0,
      errors: stats.errors,
      serverFailures: stats.serverFailures,
      catchUpMs,
      commands: commandReport,
      views,
      failures,
    };
  } finally {
    await store?.close();
    await deployment.destroy();
  }
}

/** An empty read model beside the live one, for the rebuild. */
function scratchReadModelUrl(deployment: LedgerDeployment): string {
  if (deployment.store === 'sqlite') return `sqlite:${path.join(deployment.dataDir, 'rebuilt-views.db')}`;
  const url = new URL(deployment.storeUrl);
  url.searchParams.set('schema', 'rebuilt_views');
  return url.toString();
}
