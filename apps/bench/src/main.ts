import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { progress } from '@ledger/platform/progress/progress';
import { type Benchmark, type BenchmarkEntry, type BenchRow, findBenchmarks } from './registry';
import { formatTable, writeResults } from './report';

/**
 * `npm run bench -- [name...]`: runs the named benchmarks (all of them without a name), prints
 * each one's table on stdout and saves it to bench-results/<name>.json. Progress goes to stderr.
 */
async function main(argv: string[]): Promise<number> {
  const available = findBenchmarks();
  if (argv.includes('--help') || argv.includes('-h')) {
    const lines = available.map((entry) => `  ${entry.name.padEnd(12)} ${describe(entry)}`);
    process.stdout.write(`usage: npm run bench -- [name...]\n\n${lines.join('\n')}\n`);
    return 0;
  }
  const unknown = argv.filter((name) => !available.some((entry) => entry.name === name));
  if (unknown.length > 0) {
    process.stderr.write(`unknown benchmark ${unknown.join(', ')}; available: ${available.map((entry) => entry.name).join(', ')}\n`);
    return 2;
  }
  const selected = argv.length === 0 ? available : available.filter((entry) => argv.includes(entry.name));
  let failed = 0;
  for (const entry of selected) {
    try {
      const benchmark = entry.load();
      const rows = await runOne(benchmark);
      process.stdout.write(`\n${benchmark.name}: ${benchmark.description}\n${formatTable(rows)}\n`);
      process.stdout.write(`saved ${path.relative(process.cwd(), writeResults(benchmark.name, rows))}\n`);
    } catch (error) {
      failed += 1;
      process.stderr.write(`benchmark ${entry.name} failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    }
  }
  return failed === 0 ? 0 : 1;
}

function describe(entry: BenchmarkEntry): string {
  try {
    return entry.load().description;
  } catch (error) {
    return `(cannot be loaded: ${(error as Error).message.split('\n')[0]})`;
  }
}

async function runOne(benchmark: Benchmark): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), `ledger-bench-${benchmark.name}-`));
  process.stderr.write(`bench ${benchmark.name}: ${benchmark.description}\n`);
  try {
    await benchmark.run({
      scratchDir,
      record(row) {
        const ceiling = row.ceiling ?? null;
        rows.push({ ...row, ceiling, ratio: ceiling ? row.value / ceiling : null });
      },
      progress: (label, total) => progress(`${benchmark.name}: ${label}`, total),
      note: (message) => process.stderr.write(`bench ${benchmark.name}: ${message}\n`),
    });
  } finally {
    fs.rmSync(scratchDir, { recursive: true, force: true });
  }
  return rows;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
