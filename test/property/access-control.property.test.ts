import { randomBytes } from 'node:crypto';
import * as fc from 'fast-check';
import { utcDate } from './http/ledger-api';
import { startLiveLedger, type LiveLedger } from './http/live-ledger';
import { agenciesWithDifferences, runWorld, worldFailed } from './http/run-world';
import { materialise } from './world/materialise';
import { worldSpecArb } from './world/world-spec';

/**
 * The access-control property, over real HTTP against the running GraphQL server: for generated
 * worlds (2–5 agencies, 1–3 opening agreements, 1–4 opening cases, then 20–60 random intents: about
 * 50 commands a world), every command is accepted exactly when the oracle says the rules allow it
 * (and refused under the rule it names), every accepted command answers with the changed entity
 * exactly as the actor's agency may see it, and afterwards every officer's every query (agencies,
 * agreements, cases page by page, clues in both boxes, and each agency, agreement, case and clue of
 * the world by id) answers exactly what the oracle says its agency may see.
 *
 * CI default: 30 worlds (1 485 commands, 1 171 of them accepted, and about 5 800 queries) with a
 * fixed seed (printed): 45 s on an idle machine with 2 slow cores, up to 2.5 minutes under load.
 * PROPERTY_RUNS and PROPERTY_SEED override both; a failure prints the seed, the shrunk world's
 * commands with the server's and the oracle's verdicts, and every differing field.
 */
const DEFAULT_RUNS = 30;
const DEFAULT_SEED = 20_250_615;
/** Shrinking reruns whole worlds; past this budget the smallest failing world found so far is reported. */
const SHRINK_BUDGET_MS = 120_000;

const runs = integerFromEnv('PROPERTY_RUNS', DEFAULT_RUNS, 1);
const seed = integerFromEnv('PROPERTY_SEED', DEFAULT_SEED, -(2 ** 31));
/** Generous: a world takes 1–5 s depending on the machine's load. */
const TIMEOUT_MS = Math.max(600_000, runs * 15_000) + SHRINK_BUDGET_MS;

function integerFromEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value >= 2 ** 31) throw new Error(`${name} must be an integer from ${min} to ${2 ** 31 - 1} (given "${raw}")`);
  return value;
}

describe('access control over HTTP: generated worlds', () => {
  let ledger: LiveLedger;
  beforeAll(async () => {
    ledger = await startLiveLedger();
  });
  afterAll(async () => {
    await ledger?.stop();
  });

  it(`answers every officer exactly what the oracle says its agency may see (${runs} worlds, seed ${seed})`, async () => {
    process.stdout.write(`access-control property: ${runs} worlds, seed ${seed} (override with PROPERTY_RUNS / PROPERTY_SEED)\n`);
    let worlds = 0;
    let commands = 0;
    let accepted = 0;
    let firstFailureAt: number | undefined;
    /** While shrinking, only the agencies (by index) that saw the first failure are checked: each try then costs less. */
    let focus: number[] | undefined;
    /** Agencies of earlier worlds: each world's officers must not see them either. */
    let previousAgencies: string[] = [];
    const started = Date.now();

    await fc.assert(
      fc.asyncProperty(worldSpecArb(), async (spec) => {
        if (firstFailureAt !== undefined && Date.now() - firstFailureAt > SHRINK_BUDGET_MS) return;
        // Every run (shrinking runs included) gets fresh ids, so that worlds never meet on the shared server.
        const world = materialise(spec, { suffix: randomBytes(4).toString('hex'), today: utcDate(Date.now()), registrar: ledger.api.registrar });
        const result = await runWorld(ledger.api, world, { foreignAgencies: previousAgencies.slice(0, 2), onlyAgencies: focus });
        previousAgencies = world.agencies.map((agency) => agency.id);
        worlds += 1;
        commands += result.outcomes.length;
        accepted += result.outcomes.filter((outcome) => outcome.accepted).length;
        if (worldFailed(result)) {
          // The first failure is printed as it happens: shrinking may end on a smaller world, or be cut short.
          if (firstFailureAt === undefined) process.stdout.write(`access-control property: world ${worlds} failed:\n${result.report}\n`);
          if (firstFailureAt === undefined) {
            firstFailureAt = Date.now();
            const failing = agenciesWithDifferences(world, result);
            focus = failing.length > 0 ? failing : undefined;
          }
          throw new Error(`${result.report}\n(seed ${seed}; rerun with PROPERTY_SEED=${seed})`);
        }
      }),
      { numRuns: runs, seed, endOnFailure: false },
    );
    process.stdout.write(`access-control property: ${worlds} worlds, ${commands} commands (${accepted} accepted) in ${Math.round((Date.now() - started) / 1000)} s\n`);
  }, TIMEOUT_MS);
});
