/** What one readiness check found. `details` must hold nothing secret: /health is unauthenticated. */
export interface HealthCheckResult {
  ok: boolean;
  details?: Record<string, string | number | boolean | null>;
}

export type HealthCheck = () => Promise<HealthCheckResult> | HealthCheckResult;

export interface HealthReport {
  /** `ok` when ready, `shutting_down` while draining, `unavailable` when a check failed. */
  status: 'ok' | 'unavailable' | 'shutting_down';
  live: true;
  ready: boolean;
  checks: Record<string, HealthCheckResult & { durationMs: number }>;
}

/**
 * Readiness checks registered by whoever owns a dependency (event store, read store, projector).
 * Liveness is "the process answers"; readiness is "every check passes and we are not shutting down".
 * Checks run concurrently, each bounded by a timeout so a hung dependency reports instead of hanging /health.
 */
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();
  private shuttingDown = false;

  constructor(private readonly timeoutMs = 2000) {}

  register(name: string, check: HealthCheck): void {
    if (this.checks.has(name)) throw new Error(`health check ${name} is already registered`);
    this.checks.set(name, check);
  }

  /** From now on readiness fails, so load balancers stop sending new work while we drain. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  async report(): Promise<HealthReport> {
    const entries = await Promise.all([...this.checks].map(async ([name, check]) => [name, await this.run(check)] as const));
    const checks = Object.fromEntries(entries);
    const allOk = entries.every(([, result]) => result.ok);
    const ready = allOk && !this.shuttingDown;
    return { status: this.shuttingDown ? 'shutting_down' : allOk ? 'ok' : 'unavailable', live: true, ready, checks };
  }

  private async run(check: HealthCheck): Promise<HealthCheckResult & { durationMs: number }> {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<HealthCheckResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, details: { error: `no answer within ${this.timeoutMs} ms` } }), this.timeoutMs);
    });
    try {
      const result = await Promise.race([Promise.resolve().then(check), timeout]);
      return { ...result, durationMs: Date.now() - started };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, details: { error: message.slice(0, 200) }, durationMs: Date.now() - started };
    } finally {
      clearTimeout(timer);
    }
  }
}
