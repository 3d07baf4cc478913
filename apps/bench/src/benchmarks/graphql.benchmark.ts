import { type ChildProcess, spawn } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig, TokenService } from '@ledger/platform';
import { CLUES } from '../../../api/src/seed/demo-world';
import { defineBenchmark, type BenchContext } from '../registry';

/** The part of autocannon's programmatic API used here (the package ships no types). */
interface AutocannonResult {
  latency: { p50: number; p99: number };
  requests: { average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  /** Seconds before a request counts as timed out. */
  timeout: number;
}) => Promise<AutocannonResult>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

const CONNECTIONS = 50;
const WARMUP_SECONDS = 2;
/** The scenarios take turns over several short rounds, so a burst of outside load hits them alike. */
const ROUNDS = 3;
const ROUND_SECONDS = 3;
/** Cases the benchmark officer's agency owns besides the demo world's, so a page of 20 is full. */
const EXTRA_CASES = 24;

const CASES_PAGE = `query CasesPage { cases(first: 20) { edges { cursor node { id title status kind owner { id name } markings { tlp handling } shares { recipient { id } categories } persons { role fullName { value redacted } } } } pageInfo { hasNextPage endCursor } } }`;
const ONE_CLUE = `query OneClue($id: ID!) { clue(id: $id) { id kind subject sender { id name } claimedIdentity { fullName { value redacted } } recipients { agency { id } status outcome steps { status at agency { id } officerId } } } }`;
const TYPENAME = `{ __typename }`;

/**
 * GraphQL API latency and throughput over real HTTP with 50 concurrent connections (autocannon),
 * against the API server running as its own process on the embedded SQLite ledger with the demo
 * world: a page of 20 cases, and one clue with its step history, each with a real bearer token.
 * Ceiling, on the same server in the same run: `{ __typename }` with the same token — the HTTP,
 * authentication and GraphQL layers with no resolver reading views. The three take turns over
 * short rounds; each row is the median round (latency) or the mean (throughput).
 */
export const benchmark = defineBenchmark({
  name: 'graphql',
  description: `p50/p99 latency and requests/s of cases(first: 20) and clue(id) at ${CONNECTIONS} connections vs { __typename } on the same server`,
  async run(context) {
    const server = await startServer(context);
    try {
      const tokens = await TokenService.fromConfig(loadConfig({ LEDGER_DATA_DIR: context.scratchDir }, context.scratchDir).auth);
      const investigator = await tokens.mint({ officerId: 'fr-ocreth-dupont', agencyId: 'fr-ocreth' });
      const liaison = await tokens.mint({ officerId: 'cn-mps-ocht-li', agencyId: 'cn-mps-ocht' });
      await addCases(server.url, investigator);

      const scenarios = [
        { label: '{ __typename }', token: investigator, body: { query: TYPENAME } },
        { label: 'cases(first: 20)', token: investigator, body: { query: CASES_PAGE, operationName: 'CasesPage' } },
        { label: 'clue(id)', token: liaison, body: { query: ONE_CLUE, operationName: 'OneClue', variables: { id: CLUES.identification } } },
      ];
      for (const scenario of scenarios) await expectAnswer(server.url, scenario.token, scenario.body);

      // Client and server share the machine's cores: the numbers move with whatever else runs.
      context.note(`load average before measuring: ${os.loadavg().map((load) => load.toFixed(2)).join(' ')} on ${os.cpus().length} cores`);
      const bar = context.progress('load', scenarios.length * (ROUNDS + 1));
      const fire = (scenario: (typeof scenarios)[number], duration: number) =>
        autocannon({
          url: `${server.url}/graphql`,
          connections: CONNECTIONS,
          duration,
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${scenario.token}` },
          body: JSON.stringify(scenario.body),
          // A slow answer on a busy machine still counts (in the latency), rather than voiding the run.
          timeout: 30,
        });
      const rounds = new Map<string, AutocannonResult[]>(scenarios.map((scenario) => [scenario.label, []]));
      for (const scenario of scenarios) {
        await fire(scenario, WARMUP_SECONDS);
        bar.increment();
      }
      for (let round = 0; round < ROUNDS; round += 1) {
        for (const scenario of scenarios) {
          const result = await fire(scenario, ROUND_SECONDS);
          if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
            throw new Error(`${scenario.label}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers out of ${result['2xx'] + result.non2xx}`);
          }
          rounds.get(scenario.label)?.push(result);
          bar.increment();
        }
      }
      bar.stop();
      const results = new Map([...rounds].map(([label, runs]) => [label, combine(runs)]));
      for (const [label, result] of results) context.note(`${label}: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${Math.round(result.requests.average)} req/s`);

      const ceiling = results.get('{ __typename }') as AutocannonResult;
      for (const [label, result] of results) {
        const variant = `${label}, ${CONNECTIONS} connections, sqlite demo world`;
        const isCeiling = label === '{ __typename }';
        context.record({ scenario: 'graphql', variant, metric: 'p50 latency', value: result.latency.p50, unit: 'ms', ceiling: isCeiling ? null : ceiling.latency.p50 });
        context.record({ scenario: 'graphql', variant, metric: 'p99 latency', value: result.latency.p99, unit: 'ms', ceiling: isCeiling ? null : ceiling.latency.p99 });
        context.record({ scenario: 'graphql', variant, metric: 'throughput', value: result.requests.average, unit: 'req/s', ceiling: isCeiling ? null : ceiling.requests.average });
      }
    } finally {
      await server.stop();
    }
  },
});

/** Rounds of one scenario: the median round's latencies and the mean throughput. */
function combine(runs: AutocannonResult[]): AutocannonResult {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  return {
    latency: { p50: median(runs.map((run) => run.latency.p50)), p99: median(runs.map((run) => run.latency.p99)) },
    requests: { average: runs.reduce((sum, run) => sum + run.requests.average, 0) / runs.length },
    errors: 0,
    timeouts: 0,
    non2xx: 0,
    '2xx': runs.reduce((sum, run) => sum + run['2xx'], 0),
  };
}

interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** The API as a separate process (built code), on a fresh ledger in the scratch directory, with the demo world. */
async function startServer(context: BenchContext): Promise<RunningServer> {
  const main = path.resolve(__dirname, '../../../api/src/main.js');
  const child: ChildProcess = spawn(process.execPath, [main], {
    env: { ...process.env, LEDGER_DATA_DIR: context.scratchDir, LEDGER_EVENT_STORE: '', HOST: '127.0.0.1', PORT: '0', LEDGER_SEED_DEMO: 'true', LEDGER_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`the API did not start within 60 s: ${stderr}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the API exited with code ${code}: ${stderr}`));
    });
  });
  context.note(`API server (pid ${child.pid}) at ${url}`);
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function post(url: string, token: string, body: object): Promise<{ data?: unknown; errors?: Array<{ message: string }> }> {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  return (await response.json()) as { data?: unknown; errors?: Array<{ message: string }> };
}

async function expectAnswer(url: string, token: string, body: object): Promise<void> {
  const answer = await post(url, token, body);
  if (answer.errors !== undefined || answer.data === undefined || answer.data === null) throw new Error(`the benchmark query failed: ${JSON.stringify(answer.errors ?? answer)}`);
}

/** Opens cases with a few facts each through the API, so the viewer's first page is full. */
async function addCases(url: string, token: string): Promise<void> {
  const markings = { tlp: 'AMBER', handling: ['H0'] };
  for (let index = 0; index < EXTRA_CASES; index += 1) {
    const opened = (await post(url, token, {
      query: 'mutation($input: OpenCaseInput!) { openCase(input: $input) { id } }',
      variables: { input: { kind: 'TRAFFICKING', title: `Benchmark case ${index + 1}`, summary: 'Opened for the GraphQL benchmark.', markings } },
    })) as { data?: { openCase: { id: string } }; errors?: unknown };
    if (!opened.data) throw new Error(`could not open a benchmark case: ${JSON.stringify(opened.errors)}`);
    for (const [role, fullName] of [
      ['SUSPECT', `Suspect ${index + 1}`],
      ['VICTIM', `Victim ${index + 1}`],
    ]) {
      await expectAnswer(url, token, {
        query: 'mutation($input: RecordPersonInput!) { recordPerson(input: $input) { id } }',
        variables: { input: { caseId: opened.data.openCase.id, role, fullName, nationality: 'CN', markings } },
      });
    }
  }
}
