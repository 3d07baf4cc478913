/**
 * PostgreSQL becomes unreachable for a few seconds while clients keep working: a TCP proxy between
 * the API server process (projector inside) and the shared PostgreSQL server is cut (connections refused and reset: the server is
 * down) or turned into a black hole (connections accepted, never answered: a network partition),
 * then restored. The shared server itself is never touched.
 *
 * Every request answers — ok, or a clear STORE_UNAVAILABLE (HTTP 503) while the database is gone,
 * never a hang or an internal error — and the server recovers by itself once the database is back.
 * Afterwards every acknowledged command is in the ledger exactly once, the unanswered ones settle
 * when sent again, and the views equal a rebuild.
 */
import { openEventStore, type EventStore } from '@ledger/event-store';
import { openReadModel } from '@ledger/projections';
import { CommandLedger } from '../../apps/soak/src/checks/command-ledger';
import { compareWithRebuild } from '../../apps/soak/src/checks/views-vs-rebuild';
import { type GraphqlAnswer, GraphqlClient, outcomeOf } from '../../apps/soak/src/client/graphql-client';
import { LedgerDeployment } from '../../apps/soak/src/processes/ledger-deployment';
import { OperationStats } from '../../apps/soak/src/report/operation-stats';
import { advanceClue, listCases, openCase, readCase, readInbox, recordFact, submitClue } from '../../apps/soak/src/workload/actions';
import { Random } from '../../apps/soak/src/workload/random';
import { runWorkload } from '../../apps/soak/src/workload/run-workload';
import { type ActingOfficer, SoakClient } from '../../apps/soak/src/workload/soak-client';
import { WorkloadState } from '../../apps/soak/src/workload/workload-state';
import { seedSoakWorld, type SoakWorld } from '../../apps/soak/src/world/soak-world';
import { describeWithPostgres, POSTGRES_ADMIN_URL } from '../support/postgres';
import { TcpProxy } from '../support/tcp-proxy';

/** An answer slower than this is a hang: the server must give up on the database long before. */
const HANG_MS = 20_000;
const OUTAGE_MS = 4000;
const RECOVERY_MS = 30_000;

describeWithPostgres('PostgreSQL unreachable for a few seconds (TCP proxy between the API process and the server)', () => {
  let deployment: LedgerDeployment;
  let proxy: TcpProxy;
  let direct: EventStore;
  let world: SoakWorld;
  let graphql: GraphqlClient;
  /** The API's settings that route it through the proxy. */
  let proxiedEnv: Record<string, string>;

  beforeAll(async () => {
    const server = new URL(POSTGRES_ADMIN_URL);
    proxy = await TcpProxy.start({ host: server.hostname, port: Number(server.port || 5432) });
    deployment = await LedgerDeployment.create({ store: 'postgres' });
    const proxied = new URL(deployment.storeUrl);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    // The API reaches the store and its views only through the proxy; this test reads them directly.
    proxiedEnv = { LEDGER_EVENT_STORE: proxied.toString(), LEDGER_EMBEDDED_PROJECTOR: 'true' };
    await deployment.startApi(proxiedEnv);
    graphql = new GraphqlClient(deployment.apiUrl, { timeoutMs: HANG_MS });
    world = await seedSoakWorld(new SoakClient(graphql, new OperationStats(), new CommandLedger()), await deployment.tokens(), { agencies: 2, investigatorsPerAgency: 2, tokenTtlSeconds: 3600 });
    direct = await openEventStore(deployment.storeUrl);
  }, 180_000);

  afterAll(async () => {
    await direct?.close();
    await deployment?.destroy();
    await proxy?.close();
  });

  /** Fails with the server's last words when its process has died. */
  function expectServerAlive(): void {
    if (!deployment.api?.running) throw new Error(`the API process died; its last output:\n${deployment.api?.tail(12)}`);
  }

  // A server that died in one outage is started again, so the next one is judged on its own.
  beforeEach(async () => {
    if (deployment.api?.running === false) await deployment.startApi(proxiedEnv);
    graphql = new GraphqlClient(deployment.apiUrl, { timeoutMs: HANG_MS });
  }, 120_000);

  /** One probe of each kind: a mutation, a list, an inbox, the viewer; answered in parallel. */
  async function probe(investigator: ActingOfficer, liaison: ActingOfficer): Promise<Array<GraphqlAnswer<unknown>>> {
    return Promise.all([
      graphql.request(investigator.token, 'mutation($input: OpenCaseInput!) { openCase(input: $input) { id } }', {
        input: { commandId: crypto.randomUUID(), kind: 'SMUGGLING', title: 'Opened while the database is away', markings: { tlp: 'GREEN', handling: ['H0'] } },
      }),
      graphql.request(investigator.token, '{ cases(first: 5) { edges { node { id } } } }'),
      graphql.request(liaison.token, '{ clues(box: INBOX) { edges { node { id } } } }'),
      graphql.request(liaison.token, '{ me { id } }'),
    ]);
  }

  it.each<['cut' | 'blackhole', string]>([
    ['cut', 'the server is down: connections are refused and open ones reset'],
    ['blackhole', 'a network partition: connections are accepted and never answered'],
  ])('%s — %s', async (mode) => {
    expectServerAlive();
    const commands = new CommandLedger();
    const stats = new OperationStats();
    const random = new Random(mode === 'cut' ? 1 : 2);
    const client = new SoakClient(graphql, stats, commands, { random: random.next });
    const context = { client, world, state: new WorkloadState(), random, stats };
    const [first, second] = world.agencies;
    const investigator = first.investigators[0];

    // Clients keep working before, during and after the outage.
    let stop = false;
    const load = runWorkload(context, {
      durationMs: 120_000,
      concurrency: 4,
      mix: [
        [openCase, 2],
        [recordFact, 4],
        [submitClue, 2],
        [advanceClue, 3],
        [listCases, 2],
        [readCase, 2],
        [readInbox, 2],
      ],
      stop: () => stop,
    });
    try {
      while (stats.total < 20) await new Promise((resolve) => setTimeout(resolve, 20));

      await (mode === 'cut' ? proxy.cut() : proxy.blackhole());
      const outageStarted = Date.now();
      // While it lasts, every request is refused quickly and clearly.
      const during: Array<GraphqlAnswer<unknown>> = [];
      do {
        during.push(...(await probe(investigator, second.liaison)));
      } while (Date.now() - outageStarted < OUTAGE_MS);
      const health = await fetch(`${deployment.apiUrl}/health`).catch((error: unknown) => ({ status: `no answer: ${String(error)}` }));
      await proxy.restore();
      expectServerAlive();
      expect(health.status).toBe(503);
      for (const answer of during) {
        expect({ status: answer.status, code: answer.errors?.[0]?.extensions?.code, transport: answer.transportError }).toEqual({
          status: 503,
          code: 'STORE_UNAVAILABLE',
          transport: undefined,
        });
      }
      expect(during.length).toBeGreaterThanOrEqual(4);

      // It recovers by itself: no restart, no operator.
      const recovered = Date.now();
      let answers = await probe(investigator, second.liaison);
      while (!answers.every((answer) => outcomeOf(answer) === 'ok')) {
        expectServerAlive();
        if (Date.now() - recovered > RECOVERY_MS) throw new Error(`not recovered ${RECOVERY_MS} ms after the database came back: ${JSON.stringify(answers.map((a) => a.errors ?? a.transportError))}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
        answers = await probe(investigator, second.liaison);
      }
      expect((await fetch(`${deployment.apiUrl}/health`)).status).toBe(200);
    } finally {
      stop = true;
      await load;
    }
    expectServerAlive();

    // The load saw only successes and STORE_UNAVAILABLE: no internal error, no hang.
    const summaries = stats.summaries(1);
    for (const summary of summaries) {
      expect({ operation: summary.operation, outcomes: Object.keys(summary.errors).filter((code) => code !== 'STORE_UNAVAILABLE'), first: summary.firstMessages }).toMatchObject({
        operation: summary.operation,
        outcomes: [],
      });
    }
    expect(summaries.some((summary) => (summary.errors.STORE_UNAVAILABLE ?? 0) > 0)).toBe(true);

    // Commands refused during the outage are sent again with their command ids. Each is applied
    // now (ok) or was overtaken by the same step the workload took again meanwhile (CONFLICT);
    // the ledger check tells which wrote what: acknowledged ones exactly once, refused ones nothing.
    expect((await client.resendInDoubt()).filter((outcome) => outcome !== 'ok' && outcome !== 'CONFLICT')).toEqual([]);
    const report = await commands.verify(direct);
    expect(report.problems).toEqual([]);
    expect(report.inDoubt).toBe(0);
    expect(report.acknowledged).toBeGreaterThan(0);
  }, 120_000);

  it('keeps the views equal to a rebuild after the outages', async () => {
    expectServerAlive();
    await deployment.viewsCaughtUp(60_000);
    await deployment.stop();
    const live = await openReadModel(deployment.readModelUrl);
    try {
      const scratch = new URL(deployment.storeUrl);
      scratch.searchParams.set('schema', 'rebuilt_views');
      const comparison = await compareWithRebuild(direct, live, scratch.toString());
      expect(comparison.tables.filter((table) => table.differingRows > 0)).toEqual([]);
      expect(comparison.equal).toBe(true);
    } finally {
      await live.close();
    }
  }, 60_000);
});
