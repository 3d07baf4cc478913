import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BenchRow } from './registry';

const HEADERS = ['scenario', 'variant', 'metric', 'value', 'unit', 'ceiling', 'ratio'] as const;

/** The rows as an aligned text table. */
export function formatTable(rows: BenchRow[]): string {
  const cells = rows.map((row) => [row.scenario, row.variant, row.metric, formatNumber(row.value), row.unit, row.ceiling === null ? '—' : formatNumber(row.ceiling), row.ratio === null ? '—' : row.ratio.toFixed(2)]);
  const widths = HEADERS.map((header, column) => Math.max(header.length, ...cells.map((line) => line[column].length)));
  const numeric = new Set([3, 5, 6]);
  const line = (values: readonly string[]) => values.map((value, column) => (numeric.has(column) ? value.padStart(widths[column]) : value.padEnd(widths[column]))).join('  ');
  return [line(HEADERS), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.map(line)].join('\n');
}

/** Writes `<directory>/<benchmark>.json`: the rows as a JSON array. Returns the file's path. */
export function writeResults(benchmark: string, rows: BenchRow[], directory = path.resolve('bench-results')): string {
  fs.mkdirSync(directory, { recursive: true });
  const file = path.join(directory, `${benchmark}.json`);
  fs.writeFileSync(file, `${JSON.stringify(rows, null, 2)}\n`);
  return file;
}

function formatNumber(value: number): string {
  if (Number.isInteger(value) || Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toPrecision(3);
}
