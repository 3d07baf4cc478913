import { percentile } from '@ledger/projections/reader/percentiles';

/** Latencies and outcomes of one kind of operation. */
export interface OperationSummary {
  operation: string;
  count: number;
  /** Answers other than `ok`, by outcome (error code, HTTP_<status>, TRANSPORT). */
  errors: Record<string, number>;
  /** Server failures: HTTP 5xx or INTERNAL_SERVER_ERROR. */
  serverFailures: number;
  /** The first message seen for each error outcome, to tell what went wrong. */
  firstMessages: Record<string, string>;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Collects, per operation, how long each call took and how it ended. */
export class OperationStats {
  private readonly byOperation = new Map<string, { latencies: number[]; errors: Map<string, number>; serverFailures: number; messages: Map<string, string> }>();

  record(operation: string, ms: number, outcome: string, serverFailure: boolean, message?: string): void {
    let entry = this.byOperation.get(operation);
    if (entry === undefined) {
      entry = { latencies: [], errors: new Map(), serverFailures: 0, messages: new Map() };
      this.byOperation.set(operation, entry);
    }
    entry.latencies.push(ms);
    if (outcome !== 'ok') entry.errors.set(outcome, (entry.errors.get(outcome) ?? 0) + 1);
    if (outcome !== 'ok' && message !== undefined && !entry.messages.has(outcome)) entry.messages.set(outcome, message.slice(0, 300));
    if (serverFailure) entry.serverFailures += 1;
  }

  get total(): number {
    let total = 0;
    for (const entry of this.byOperation.values()) total += entry.latencies.length;
    return total;
  }

  get errors(): number {
    let errors = 0;
    for (const entry of this.byOperation.values()) for (const count of entry.errors.values()) errors += count;
    return errors;
  }

  get serverFailures(): number {
    let failures = 0;
    for (const entry of this.byOperation.values()) failures += entry.serverFailures;
    return failures;
  }

  /** One summary per operation (sorted by name), rates over `seconds`. */
  summaries(seconds: number): OperationSummary[] {
    return [...this.byOperation.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([operation, entry]) => ({
        operation,
        count: entry.latencies.length,
        errors: Object.fromEntries(entry.errors),
        serverFailures: entry.serverFailures,
        firstMessages: Object.fromEntries(entry.messages),
        perSecond: entry.latencies.length / seconds,
        p50Ms: percentile(entry.latencies, 0.5) ?? 0,
        p99Ms: percentile(entry.latencies, 0.99) ?? 0,
        maxMs: Math.max(...entry.latencies),
      }));
  }

  /** Every latency of every operation, for the overall percentiles. */
  allLatencies(): number[] {
    return [...this.byOperation.values()].flatMap((entry) => entry.latencies);
  }
}
