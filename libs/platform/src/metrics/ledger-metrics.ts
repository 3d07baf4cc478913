import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface LedgerMetricsOptions {
  /** Collect Node process metrics (CPU, memory, event loop lag, GC); default true. */
  processMetrics?: boolean;
  /** Labels added to every series, e.g. `{ service: 'api' }`. */
  defaultLabels?: Record<string, string>;
}

/** Seconds; from sub-millisecond resolver work up to slow exports. */
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * One Prometheus registry per process with the ledger's standard series and factories for more.
 * Every series name starts with `ledger_` (process metrics keep their standard names).
 * Create one instance per process (tests may create several: registries are independent).
 */
export class LedgerMetrics {
  readonly registry = new Registry();

  /** GraphQL operations by operation name, type (query/mutation/subscription) and outcome (`ok` or the first error code). */
  readonly graphqlOperationDuration: Histogram<'operation' | 'type' | 'outcome'>;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpRequestDuration: Histogram<'method' | 'route'>;
  readonly authFailures: Counter<'reason'>;
  readonly activeSubscriptions: Gauge;
  readonly eventStoreAppends: Counter<'adapter' | 'outcome'>;
  readonly eventStoreAppendedEvents: Counter<'adapter'>;
  readonly eventStoreAppendDuration: Histogram<'adapter' | 'outcome'>;
  /** Events between the store's head and a projection's checkpoint. */
  readonly projectorLag: Gauge<'projection'>;

  constructor(options: LedgerMetricsOptions = {}) {
    if (options.defaultLabels !== undefined) this.registry.setDefaultLabels(options.defaultLabels);
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });

    this.graphqlOperationDuration = this.histogram('ledger_graphql_operation_duration_seconds', 'GraphQL operation duration', ['operation', 'type', 'outcome']);
    this.httpRequests = this.counter('ledger_http_requests_total', 'HTTP requests served', ['method', 'route', 'status']);
    this.httpRequestDuration = this.histogram('ledger_http_request_duration_seconds', 'HTTP request duration', ['method', 'route']);
    this.authFailures = this.counter('ledger_auth_failures_total', 'Requests or connections refused an identity, by reason', ['reason']);
    this.activeSubscriptions = this.gauge('ledger_graphql_active_subscriptions', 'GraphQL subscriptions currently open');
    this.eventStoreAppends = this.counter('ledger_event_store_appends_total', 'Appends to the event store, by adapter and outcome', ['adapter', 'outcome']);
    this.eventStoreAppendedEvents = this.counter('ledger_event_store_appended_events_total', 'Events written to the event store', ['adapter']);
    this.eventStoreAppendDuration = this.histogram('ledger_event_store_append_duration_seconds', 'Event store append duration', ['adapter', 'outcome']);
    this.projectorLag = this.gauge('ledger_projector_lag_events', 'Events the projection has not applied yet', ['projection']);
  }

  counter<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return new Counter<L>({ name, help, labelNames, registers: [this.registry] });
  }

  histogram<L extends string = never>(name: string, help: string, labelNames: readonly L[] = [], buckets: number[] = DURATION_BUCKETS): Histogram<L> {
    return new Histogram<L>({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  gauge<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return new Gauge<L>({ name, help, labelNames, registers: [this.registry] });
  }

  /** Prometheus text exposition of every series. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** Records one append; for event store adapters or a wrapper around them (see instrumentEventStore). */
  recordAppend(adapter: string, outcome: 'ok' | 'conflict' | 'error' | 'idempotent', events: number, seconds: number): void {
    this.eventStoreAppends.inc({ adapter, outcome });
    if (outcome === 'ok') this.eventStoreAppendedEvents.inc({ adapter }, events);
    this.eventStoreAppendDuration.observe({ adapter, outcome }, seconds);
  }
}

/**
 * Caps the number of distinct values a label takes (e.g. client-chosen operation names), so one
 * client cannot grow the registry without bound. Values beyond the cap are reported as `__other__`.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();
  constructor(private readonly limit: number) {}

  value(candidate: string): string {
    const trimmed = candidate.slice(0, 100);
    if (this.seen.has(trimmed)) return trimmed;
    if (this.seen.size >= this.limit) return '__other__';
    this.seen.add(trimmed);
    return trimmed;
  }
}
