/**
 * The API server process is killed with SIGKILL in the middle of a write burst from several
 * concurrent clients, then started again on the same ledger. Every mutation the server had
 * acknowledged must be in the ledger exactly once (by command id); the clients then send the
 * unanswered ones again with their original command ids, and those too end up there exactly
 * once; the views catch up and equal a rebuild from the log.
 */
import { openEventStore, type EventStore } from '@ledger/event-store';
import { openReadModel } from '@ledger/projections';
import { join } from 'node:path';
import { CommandLedger } from '../../apps/soak/src/checks/command-ledger';
import { compareWithRebuild } from '../../apps/soak/src/checks/views-vs-rebuild';
import { GraphqlClient } from '../../apps/soak/src/client/graphql-client';
import { LedgerDeployment } from '../../apps/soak/src/processes/ledger-deployment';
import { OperationStats } from '../../apps/soak/src/report/operation-stats';
import { advanceClue, openCase, recordFact, shareCase, submitClue } from '../../apps/soak/src/workload/actions';
import { Random } from '../../apps/soak/src/workload/random';
import { runWorkload } from '../../apps/soak/src/workload/run-workload';
import { SoakClient } from '../../apps/soak/src/workload/soak-client';
import { WorkloadState } from '../../apps/soak/src/workload/workload-state';
import { seedSoakWorld } from '../../apps/soak/src/world/soak-world';

const WRITERS = 6;
/** Acknowledged commands of the burst before the kill. */
const KILL_AFTER = 40;

describe('API server killed with SIGKILL during a write burst (SQLite)', () => {
  let deployment: LedgerDeployment;
  let store: EventStore | undefined;

  beforeAll(async () => {
    deployment = await LedgerDeployment.create({ store: 'sqlite' });
    await deployment.start();
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await deployment?.destroy();
  });

  it('keeps every acknowledged mutation exactly once, settles the unanswered ones on retry, and the views equal a rebuild', async () => {
    const commands = new CommandLedger();
    const stats = new OperationStats();
    const random = new Random(7);
    const graphql = new GraphqlClient(deployment.apiUrl, { timeoutMs: 30_000 });
    const world = await seedSoakWorld(new SoakClient(graphql, new OperationStats(), commands), await deployment.tokens(), {
      agencies: 3,
      investigatorsPerAgency: 2,
      tokenTtlSeconds: 3600,
    });
    const seeded = commands.count('acknowledged');
    const client = new SoakClient(graphql, stats, commands, { random: random.next });
    store = await openEventStore(deployment.storeUrl);
    const context = { client, world, state: new WorkloadState(), random, stats };

    // Writers loop until the first of them loses its connection; the kill lands while they write.
    let killed = false;
    const burst = runWorkload(context, {
      durationMs: 90_000,
      concurrency: WRITERS,
      mix: [
        [openCase, 3],
        [recordFact, 6],
        [shareCase, 2],
        [submitClue, 3],
        [advanceClue, 5],
      ],
      stop: () => killed,
    });
    while (commands.count('acknowledged') < seeded + KILL_AFTER) await new Promise((resolve) => setTimeout(resolve, 20));
    killed = true; // no writer starts a new request after this: each finishes the one in flight
    const exit = await deployment.api!.kill();
    await burst;
    expect(exit.signal).toBe('SIGKILL');

    const acknowledged = commands.count('acknowledged');
    const inDoubt = commands.inDoubt().length;
    expect(acknowledged).toBeGreaterThanOrEqual(seeded + KILL_AFTER);
    // Writers were mid-request when the process died.
    expect(inDoubt).toBeGreaterThan(0);
    expect(inDoubt).toBeLessThanOrEqual(WRITERS);

    // After the restart, before any retry: what was acknowledged is there, once.
    const newUrl = await deployment.startApi();
    const afterRestart = await commands.verify(store);
    expect(afterRestart.problems).toEqual([]);
    expect(afterRestart.acknowledged).toBe(acknowledged);

    // The clients reconnect and send their unanswered commands again, same command ids.
    client.reconnect(new GraphqlClient(newUrl, { timeoutMs: 30_000 }));
    expect(await client.resendInDoubt()).toEqual(Array.from({ length: inDoubt }, () => 'ok'));
    const settled = await commands.verify(store);
    expect(settled.problems).toEqual([]);
    expect(settled.inDoubt).toBe(0);
    expect(settled.acknowledged).toBe(acknowledged + inDoubt);
    expect(stats.serverFailures).toBe(0);

    // The views catch up with everything, and equal the views rebuilt from the log.
    await deployment.viewsCaughtUp(60_000);
    await deployment.stop();
    const live = await openReadModel(deployment.readModelUrl);
    try {
      const comparison = await compareWithRebuild(store, live, `sqlite:${join(deployment.dataDir, 'rebuilt-views.db')}`);
      expect(comparison.tables.filter((table) => table.differingRows > 0)).toEqual([]);
      expect(comparison.equal).toBe(true);
      expect(comparison.position).toBeGreaterThan(0);
      expect(comparison.tables.find((table) => table.table === 'view_cases')?.liveRows).toBeGreaterThan(0);
    } finally {
      await live.close();
    }
  }, 180_000);
});
