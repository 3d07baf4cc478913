/**
 * `npm run soak -- [--minutes N] [--store sqlite|postgres] [--concurrency C]`: runs the API as a
 * real deployment on a fresh ledger, drives a mixed workload over HTTP for N minutes, checks the
 * ledger and the views afterwards, prints the figures and writes bench-results/soak.json.
 * Exit code 0 when every check passed, 1 otherwise, 2 for bad usage.
 */
import 'reflect-metadata';
import * as path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_POSTGRES_ADMIN_URL } from './processes/ledger-deployment';
import { formatSoakSummary, writeSoakResults } from './report/soak-report';
import { runSoak, type SoakOptions } from './soak';
import { MAX_SOAK_AGENCIES } from './world/soak-world';

function number(name: string, min: number, max: number, integer: boolean): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isFinite(parsed) || parsed < min || parsed > max || (integer && !Number.isInteger(parsed))) {
      throw new InvalidArgumentError(`${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max} (got ${JSON.stringify(value)})`);
    }
    return parsed;
  };
}

async function main(argv: string[]): Promise<number> {
  const program = new Command('soak')
    .description('run the API under a mixed workload on a fresh ledger, then check the ledger and the views')
    .option('--minutes <n>', 'how long the workload runs (0.1–1440)', number('--minutes', 0.1, 1440, false), 1)
    .addOption(new Option('--store <kind>', 'event store of the deployment').choices(['sqlite', 'postgres']).default('sqlite'))
    .option('--concurrency <n>', 'clients acting at the same time (1–256)', number('--concurrency', 1, 256, true), 8)
    .option('--agencies <n>', `agencies onboarded for the run (2–${MAX_SOAK_AGENCIES})`, number('--agencies', 2, MAX_SOAK_AGENCIES, true), 4)
    .option('--repeat-rate <fraction>', 'share of answered commands sent again with the same command id (0–1)', number('--repeat-rate', 0, 1, false), 0.05)
    .option('--seed <n>', 'seed of the workload\'s random choices', number('--seed', 0, 2 ** 32 - 1, true), 20_250_601)
    .option('--postgres-admin-url <url>', 'maintenance connection used to create the run\'s own database', DEFAULT_POSTGRES_ADMIN_URL)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode;
    return code === 0 ? 0 : 2;
  }
  const raw = program.opts<{ minutes: number; store: 'sqlite' | 'postgres'; concurrency: number; agencies: number; repeatRate: number; seed: number; postgresAdminUrl: string }>();
  const options: SoakOptions = { ...raw, investigatorsPerAgency: 2 };

  const note = (message: string) => process.stderr.write(`soak: ${message}\n`);
  const started = performance.now();
  // Ctrl-C stops the workload; the deployment (processes, data directory, database) is still removed.
  const interrupt = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => interrupt.abort());
  let result;
  try {
    result = await runSoak(options, note, interrupt.signal);
  } catch (error) {
    if (!interrupt.signal.aborted) throw error;
    note('interrupted: no checks were run; the deployment, its data directory and database were removed');
    return 130;
  }
  process.stdout.write(formatSoakSummary(result));
  const file = writeSoakResults(result);
  process.stdout.write(`saved ${path.relative(process.cwd(), file)}; whole run ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return result.failures.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`soak failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
