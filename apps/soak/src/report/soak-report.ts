import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BenchRow } from '../../../bench/src/registry';
import type { SoakResult } from '../soak';

/** The run's conditions, as the `variant` of its rows; also what tells two stores' rows apart. */
export function variantOf(result: SoakResult): string {
  const { store, concurrency, minutes } = result.options;
  return `${store}, ${concurrency} clients, ${minutes} min`;
}

/** The soak's figures in the bench row format (no baseline applies: ceiling and ratio are null). */
export function soakRows(result: SoakResult): BenchRow[] {
  const variant = variantOf(result);
  const row = (metric: string, value: number, unit: string): BenchRow => ({ scenario: 'soak', variant, metric, value, unit, ceiling: null, ratio: null });
  return [
    row('throughput', result.operationsPerSecond, 'ops/s'),
    row('p50 latency', result.p50Ms, 'ms'),
    row('p99 latency', result.p99Ms, 'ms'),
    row('operations', result.totalOperations, 'operations'),
    row('error answers', result.errors, 'answers'),
    row('server failures (5xx)', result.serverFailures, 'answers'),
    row('acknowledged commands', result.commands.acknowledged, 'commands'),
    row('rejected commands', result.commands.rejected, 'commands'),
    row('events checked', result.commands.eventsScanned, 'events'),
    row('command problems', result.commands.problems.length, 'problems'),
    row('view rows differing from a rebuild', result.views.tables.reduce((sum, table) => sum + table.differingRows, 0), 'rows'),
    row('views catch-up after load', result.catchUpMs, 'ms'),
    ...result.operations.flatMap((operation) => [
      row(`${operation.operation} throughput`, operation.perSecond, 'ops/s'),
      row(`${operation.operation} p99 latency`, operation.p99Ms, 'ms'),
    ]),
  ];
}

/**
 * Writes `<directory>/soak.json`: this run's rows, plus the rows of earlier runs on the other
 * store, so one file holds the latest figures for SQLite and PostgreSQL.
 */
export function writeSoakResults(result: SoakResult, directory = path.resolve('bench-results')): string {
  const file = path.join(directory, 'soak.json');
  const store = `${result.options.store},`;
  let kept: BenchRow[] = [];
  if (fs.existsSync(file)) {
    try {
      kept = (JSON.parse(fs.readFileSync(file, 'utf8')) as BenchRow[]).filter((row) => !row.variant.startsWith(store));
    } catch {
      kept = [];
    }
  }
  fs.mkdirSync(directory, { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify([...kept, ...soakRows(result)], null, 2)}\n`);
  return file;
}

/** The summary a person reads at the end of a run. */
export function formatSoakSummary(result: SoakResult): string {
  const { commands, views } = result;
  const lines = [
    '',
    `Soak on ${result.options.store}: ${result.totalOperations} operations in ${result.workloadSeconds.toFixed(1)} s with ${result.options.concurrency} concurrent clients`,
    `  throughput ${result.operationsPerSecond.toFixed(1)} ops/s, p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms`,
    `  error answers ${result.errors}, server failures (5xx) ${result.serverFailures}`,
    `  timings: start ${result.startSeconds.toFixed(1)} s, seed ${result.seedSeconds.toFixed(1)} s, checks ${result.checkSeconds.toFixed(1)} s, views caught up ${Math.round(result.catchUpMs)} ms after the load`,
    '',
    operationTable(result),
    ...result.operations.flatMap((operation) => Object.entries(operation.firstMessages).map(([code, message]) => `  first ${code} of ${operation.operation}: ${message}`)),
    '',
    `Commands: ${commands.acknowledged} acknowledged, ${commands.rejected} rejected, ${commands.inDoubt} in doubt (${commands.inDoubtWritten} written)`,
    `  ${commands.eventsScanned} events read from the store, ${commands.eventsMatched} belonging to tracked commands; ${commands.problems.length === 0 ? 'every acknowledged command is there exactly once, no rejected command wrote anything' : `${commands.problems.length} problems:`}`,
    ...commands.problems.map((problem) => `    ${problem}`),
    `Views at position ${views.position} (store head ${views.head}) vs a rebuild of ${views.rebuiltEvents} events: ${views.equal ? 'equal' : 'DIFFERENT'}`,
    ...views.tables.map((table) => `  ${table.table.padEnd(24)} ${String(table.liveRows).padStart(7)} rows live, ${String(table.rebuiltRows).padStart(7)} rebuilt, ${table.differingRows} differing`),
    ...Object.entries(views.differingByAgency).map(([agency, rows]) => `  agency ${agency}: ${rows} differing view rows`),
    '',
    result.failures.length === 0 ? 'PASSED' : `FAILED:\n${result.failures.map((failure) => `  - ${failure}`).join('\n')}`,
  ];
  return `${lines.join('\n')}\n`;
}

function operationTable(result: SoakResult): string {
  const header = ['operation', 'count', 'ops/s', 'p50 ms', 'p99 ms', 'max ms', 'errors'];
  const rows = result.operations.map((operation) => [
    operation.operation,
    String(operation.count),
    operation.perSecond.toFixed(2),
    operation.p50Ms.toFixed(1),
    operation.p99Ms.toFixed(1),
    operation.maxMs.toFixed(0),
    Object.entries(operation.errors)
      .map(([code, count]) => `${code}×${count}`)
      .join(' ') || '0',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 || column === 6 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}
