import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Progress } from '@ledger/platform/progress/progress';

/** One measured number, as printed in the table and saved in bench-results/<benchmark>.json. */
export interface BenchRow {
  /** What is measured, e.g. `append`. */
  scenario: string;
  /** Under which conditions, e.g. `sqlite, 50 events/append`. */
  variant: string;
  /** The quantity, e.g. `throughput`. */
  metric: string;
  value: number;
  unit: string;
  /** The best a baseline achieves under the same conditions (same unit), or null when there is none. */
  ceiling: number | null;
  /** value / ceiling, or null without a ceiling. */
  ratio: number | null;
}

export type NewBenchRow = Omit<BenchRow, 'ratio' | 'ceiling'> & { ceiling?: number | null };

/** What a benchmark gets from the runner. */
export interface BenchContext {
  /** Adds a result row. */
  record(row: NewBenchRow): void;
  /** Reports the progress of a step (bar on a terminal, a JSON line every few seconds otherwise). */
  progress(label: string, total?: number): Progress;
  /** A one-line note for whoever watches the run (stderr). */
  note(message: string): void;
  /** A scratch directory, deleted after the run. */
  scratchDir: string;
}

export interface Benchmark {
  /** Selects it on the command line (`npm run bench -- <name>`) and names its results file. */
  name: string;
  description: string;
  run(context: BenchContext): Promise<void>;
}

/** Marks a module's export as a benchmark (a typed identity, for readability). */
export function defineBenchmark(benchmark: Benchmark): Benchmark {
  return benchmark;
}

/** A benchmark file found on disk; loaded only when selected, so one broken file cannot stop the others. */
export interface BenchmarkEntry {
  name: string;
  load(): Benchmark;
}

/**
 * Every benchmark of this app: each file `benchmarks/<name>.benchmark.(ts|js)` exporting
 * `benchmark` (named <name>). Adding a benchmark is adding such a file; nothing else changes.
 */
export function findBenchmarks(directory = path.join(__dirname, 'benchmarks')): BenchmarkEntry[] {
  return fs
    .readdirSync(directory)
    .filter((file) => /\.benchmark\.(js|ts)$/.test(file) && !file.endsWith('.d.ts'))
    .map((file) => {
      const name = file.replace(/\.benchmark\.(js|ts)$/, '');
      return {
        name,
        load() {
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          const loaded = require(path.join(directory, file)) as { benchmark?: Benchmark };
          if (!loaded.benchmark || typeof loaded.benchmark.run !== 'function') throw new Error(`${file} must export \`benchmark\` (see registry.ts)`);
          if (loaded.benchmark.name !== name) throw new Error(`${file} exports a benchmark named ${loaded.benchmark.name}; it must be named ${name}`);
          return loaded.benchmark;
        },
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
