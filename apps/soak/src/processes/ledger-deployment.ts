import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER, TokenService } from '@ledger/platform';
import { readModelUrlFor } from '@ledger/projections';
import { LedgerProcess } from './ledger-process';
import { createThrowawayDatabase, type ThrowawayDatabase } from './throwaway-database';

export type StoreKind = 'sqlite' | 'postgres';

export interface DeploymentOptions {
  store: StoreKind;
  /** Maintenance connection used to create the run's own database; default LEDGER_SOAK_POSTGRES_URL or the local server. */
  postgresAdminUrl?: string;
  /** Extra environment of the API process. */
  apiEnv?: Record<string, string>;
  /** Extra environment of the projector process (PostgreSQL). */
  projectorEnv?: Record<string, string>;
  /** Longest wait for a process to be ready; default 180 s (the API seeds the demo world first). */
  startTimeoutMs?: number;
}

export const DEFAULT_POSTGRES_ADMIN_URL = process.env.LEDGER_SOAK_POSTGRES_URL ?? process.env.LEDGER_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const API_LISTENING = /Liaison Ledger API listening on (http:\/\/\S+)/;

/**
 * A throw-away ledger deployment run as real processes: a temporary data directory (JWT secret,
 * SQLite files) and, for PostgreSQL, a database of its own; the API server (which seeds the demo
 * world on an empty ledger) with the projector inside it on SQLite, or the standalone projector
 * app beside it on PostgreSQL, as in production.
 */
export class LedgerDeployment {
  api: LedgerProcess | undefined;
  projector: LedgerProcess | undefined;
  private url: string | undefined;
  private projectorOpsUrl: string | undefined;
  private tokenService: TokenService | undefined;

  private constructor(
    readonly store: StoreKind,
    readonly dataDir: string,
    readonly storeUrl: string,
    private readonly database: ThrowawayDatabase | undefined,
    private readonly options: DeploymentOptions,
  ) {}

  static async create(options: DeploymentOptions): Promise<LedgerDeployment> {
    const dataDir = mkdtempSync(path.join(tmpdir(), `ledger-${options.store}-`));
    if (options.store === 'sqlite') return new LedgerDeployment('sqlite', dataDir, `sqlite:${path.join(dataDir, 'ledger.db')}`, undefined, options);
    try {
      const database = await createThrowawayDatabase(options.postgresAdminUrl ?? DEFAULT_POSTGRES_ADMIN_URL, 'ledger_soak');
      return new LedgerDeployment('postgres', dataDir, database.url, database, options);
    } catch (error) {
      rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Where the views live (SQLite file beside the store, or schema `views` of the store's database). */
  get readModelUrl(): string {
    return readModelUrlFor(this.storeUrl);
  }

  get apiUrl(): string {
    if (this.url === undefined) throw new Error('the API has not been started');
    return this.url;
  }

  /** The projector (PostgreSQL only), then the API; resolves once the API listens. */
  async start(): Promise<void> {
    if (this.store === 'postgres') await this.startProjector();
    await this.startApi();
  }

  /**
   * Starts (or restarts, e.g. after a kill) the API on the same ledger, on a new free port;
   * `env` overrides any setting (e.g. the store reached through a proxy).
   */
  async startApi(env: Record<string, string> = {}): Promise<string> {
    if (this.api?.running) throw new Error('the API is already running');
    this.api = LedgerProcess.start({
      app: 'api',
      env: {
        ...this.commonEnv(),
        HOST: '127.0.0.1',
        PORT: '0',
        LEDGER_SEED_DEMO: 'true',
        LEDGER_EMBEDDED_PROJECTOR: String(this.store === 'sqlite'),
        ...this.options.apiEnv,
        ...env,
      },
    });
    const line = await this.api.waitForLine((text) => API_LISTENING.test(text), this.startTimeoutMs, 'listening line');
    this.url = (API_LISTENING.exec(line) as RegExpExecArray)[1];
    return this.url;
  }

  /** Starts (or restarts) the standalone projector (PostgreSQL); resolves once it follows the store. */
  async startProjector(): Promise<LedgerProcess> {
    if (this.store !== 'postgres') throw new Error('the standalone projector runs beside PostgreSQL; on SQLite the API projects');
    if (this.projector?.running) throw new Error('the projector is already running');
    this.projector = LedgerProcess.start({
      app: 'projector',
      env: { ...this.commonEnv(), LEDGER_LOG_LEVEL: 'info', LEDGER_PROJECTOR_PORT: '0', ...this.options.projectorEnv },
    });
    const line = await this.projector.waitForLine((text) => text.includes('"projector running"'), this.startTimeoutMs, '"projector running" line');
    this.projectorOpsUrl = `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`;
    return this.projector;
  }

  /**
   * How many events the views are behind the store, as the process that keeps them reports on
   * its /health endpoint: the standalone projector when one was started, otherwise the API.
   */
  async viewsLag(): Promise<number> {
    const fromProjector = this.projectorOpsUrl !== undefined;
    const url = fromProjector ? this.projectorOpsUrl : this.url;
    if (url === undefined) throw new Error('the process keeping the views has not been started');
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(10_000) });
    const report = (await response.json()) as { checks?: Record<string, { details?: { lag?: unknown } }> };
    const lag = report.checks?.[fromProjector ? 'lag' : 'views']?.details?.lag;
    if (typeof lag !== 'number') throw new Error(`${url}/health reports no views lag: ${JSON.stringify(report)}`);
    return lag;
  }

  /** Waits (bounded) until the views include every event in the store. Resolves with the time it took. */
  async viewsCaughtUp(timeoutMs: number): Promise<number> {
    const started = performance.now();
    for (;;) {
      if ((await this.viewsLag()) === 0) return performance.now() - started;
      if (performance.now() - started > timeoutMs) throw new Error(`the views are still ${await this.viewsLag()} events behind after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Mints real bearer tokens with the deployment's HS256 secret (created by the API on first start). */
  async tokens(): Promise<TokenService> {
    this.tokenService ??= await TokenService.fromConfig({
      mode: 'HS256',
      secretFile: this.commonEnv().LEDGER_JWT_SECRET_FILE,
      issuer: DEFAULT_ISSUER,
      audience: DEFAULT_AUDIENCE,
    });
    return this.tokenService;
  }

  /** Graceful stop: the API first (it flushes its access log), then the projector. */
  async stop(): Promise<void> {
    await this.api?.stop();
    await this.projector?.stop();
  }

  /** Stops whatever still runs and removes the data directory and the database. */
  async destroy(): Promise<void> {
    await this.api?.kill();
    await this.projector?.kill();
    await this.database?.drop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private commonEnv(): Record<string, string> {
    return {
      LEDGER_DATA_DIR: this.dataDir,
      LEDGER_EVENT_STORE: this.storeUrl,
      LEDGER_JWT_SECRET_FILE: path.join(this.dataDir, 'jwt-secret'),
      LEDGER_LOG_LEVEL: 'warn',
    };
  }

  private get startTimeoutMs(): number {
    return this.options.startTimeoutMs ?? 180_000;
  }
}
