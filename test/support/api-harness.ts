/**
 * API test harness: the real Liaison Ledger API (AppModule: platform, event store, projector,
 * command handlers, GraphQL over HTTP and WebSocket) started in this process on a random port,
 * with a fresh temporary SQLite data directory, reached over real HTTP.
 *
 *   const api = await startApi();                    // options: { settings, env, logLevel }
 *   const registrar = await api.bootstrap();         // first agency + its admin (system command; CLI/seed only in production)
 *   const token = await api.token('ledger-registrar');   // a bearer token for a registered officer
 *   const { data, errors, status } = await api.gql(token, 'query { me { id } }');
 *   const data = await api.ok(token, 'mutation($input: OpenCaseInput!) { openCase(input: $input) { id } }', { input });
 *   const live = await api.subscribe(token, 'subscription { clueReceived { id } }');
 *   await api.subscribersReady(clueReceivedTopic('fr-ocreth'));   // the server registered it
 *   const first = await live.next();                 // bounded wait (default 15 s), throws on timeout
 *   await live.close();
 *   await api.flushAccessLog();                      // write buffered access records now
 *   const events = await api.store.readStream('access-fr-ocreth');
 *   await api.stop();                                // graceful shutdown, then the data directory is removed
 *
 * `startApi({ dataDir })` uses (and keeps) a directory the caller owns: a test can stop the server and
 * start another on the same ledger.
 * `api.tokenFor(officerId, agencyId)` mints without checking the officer exists (for auth tests).
 * `api.app` is the Nest application, for anything else a test needs from inside.
 * Logs are silent unless LEDGER_TEST_LOG_LEVEL is set (e.g. `debug`).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BootstrapLedgerCommand } from '@ledger/commands';
import type { EventStore } from '@ledger/event-store';
import { LEDGER_CONFIG, PubSub, TokenService, loadConfig, type LedgerConfig } from '@ledger/platform';
import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { AccessLogBuffer } from '../../apps/api/src/access-log/access-log.buffer';
import { AppModule } from '../../apps/api/src/app.module';
import type { ApiSettings } from '../../apps/api/src/runtime/api-settings';
import type { LedgerRuntime } from '../../apps/api/src/runtime/ledger-runtime';
import { LEDGER_RUNTIME } from '../../apps/api/src/runtime/ledger-runtime.module';
import { createApiApplication } from '../../apps/api/src/server/bootstrap';

export interface GraphqlError {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; field?: string; rule?: string; [key: string]: unknown };
}

export interface GraphqlResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: GraphqlError[];
}

export interface StartApiOptions {
  /** A data directory the caller owns (kept on stop); default a fresh temporary one (removed on stop). */
  dataDir?: string;
  /** Overrides of the API settings; by default the demo world is not seeded. */
  settings?: Partial<ApiSettings>;
  /** Extra environment for loadConfig (e.g. LEDGER_MAX_PAGE_SIZE). */
  env?: Record<string, string>;
  /** Default: LEDGER_TEST_LOG_LEVEL or silent. */
  logLevel?: string;
}

export interface Onboarding {
  agencyId: string;
  name: string;
  country: string;
  kind: string;
  mandates: string[];
  admin: { officerId: string; name: string; roles: string[]; auditScope?: string };
}

/** The agency `bootstrap()` creates unless told otherwise: an oversight body whose admin registers the others. */
export const DEFAULT_BOOTSTRAP: Onboarding = {
  agencyId: 'ledger-registry',
  name: 'Ledger registry',
  country: 'BE',
  kind: 'OVERSIGHT',
  mandates: [],
  admin: { officerId: 'ledger-registrar', name: 'Registrar', roles: ['AGENCY_ADMIN'] },
};

const DEFAULT_WAIT_MS = 15_000;

export class ApiHarness {
  private readonly clients = new Set<Client>();

  private constructor(
    readonly app: INestApplication,
    readonly url: string,
    readonly dataDir: string,
    private readonly ownsDataDir: boolean,
  ) {}

  static async start(options: StartApiOptions = {}): Promise<ApiHarness> {
    const ownsDataDir = options.dataDir === undefined;
    const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'ledger-api-'));
    try {
      const config: LedgerConfig = loadConfig(
        { LEDGER_DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', LEDGER_LOG_LEVEL: options.logLevel ?? process.env.LEDGER_TEST_LOG_LEVEL ?? 'silent', ...options.env },
        dataDir,
      );
      const app = await createApiApplication(AppModule.forRoot({ config, settings: { seedDemo: false, ...options.settings } }), { shutdownHooks: false });
      await app.listen(0, '127.0.0.1');
      const address = app.getHttpServer().address() as { port: number };
      return new ApiHarness(app, `http://127.0.0.1:${address.port}`, dataDir, ownsDataDir);
    } catch (error) {
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
  }

  get runtime(): LedgerRuntime {
    return this.app.get<LedgerRuntime>(LEDGER_RUNTIME);
  }

  get store(): EventStore {
    return this.runtime.store;
  }

  get config(): LedgerConfig {
    return this.app.get<LedgerConfig>(LEDGER_CONFIG);
  }

  get pubsub(): PubSub {
    return this.app.get(PubSub);
  }

  get commandBus(): CommandBus {
    return this.app.get(CommandBus);
  }

  /** Creates the first agency and its admin (as the ledger itself) and waits until the views show them. */
  async bootstrap(onboarding: Onboarding = DEFAULT_BOOTSTRAP): Promise<{ officerId: string; agencyId: string }> {
    await this.commandBus.execute(new BootstrapLedgerCommand(onboarding as never, { commandId: randomUUID() }));
    await this.viewsCaughtUp();
    return { officerId: onboarding.admin.officerId, agencyId: onboarding.agencyId };
  }

  /** Waits until the views include everything in the store. */
  async viewsCaughtUp(timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    if (!(await this.runtime.catchUp(timeoutMs))) throw new Error(`the views did not catch up within ${timeoutMs} ms`);
  }

  /** A token for a registered officer (its agency looked up in the ledger's views). */
  async token(officerId: string, options: { ttlSeconds?: number } = {}): Promise<string> {
    const officer = await this.runtime.officers.findOfficer(officerId);
    if (officer === null) throw new Error(`no registered officer ${officerId}`);
    return this.tokenFor(officerId, officer.agencyId, options);
  }

  /** A token claiming any officer and agency, registered or not. */
  tokenFor(officerId: string, agencyId: string, options: { ttlSeconds?: number } = {}): Promise<string> {
    return this.app.get(TokenService).mint({ officerId, agencyId, ttlSeconds: options.ttlSeconds });
  }

  /** POSTs one operation to /graphql; `token` null sends no Authorization header. */
  async gql<T = Record<string, unknown>>(token: string | null, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphqlResult<T>> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    let body: { data?: T | null; errors?: GraphqlError[] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new Error(`non-JSON answer (HTTP ${response.status}): ${text.slice(0, 500)}`);
    }
    return { status: response.status, ...body };
  }

  /** Like gql, but fails with the errors when there are any, and returns the data. */
  async ok<T = Record<string, any>>(token: string | null, query: string, variables?: Record<string, unknown>): Promise<T> {
    const result = await this.gql<T>(token, query, variables);
    if (result.errors !== undefined && result.errors.length > 0) {
      throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
    }
    if (result.data === undefined || result.data === null) throw new Error(`no data (HTTP ${result.status})`);
    return result.data;
  }

  /** Starts a subscription over graphql-ws with the token in connectionParams. */
  async subscribe<T = Record<string, any>>(token: string, query: string, variables?: Record<string, unknown>): Promise<LiveSubscription<T>> {
    const client = createClient({
      url: `${this.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { Authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: false,
    });
    this.clients.add(client);
    const live = new LiveSubscription<T>(client, () => this.clients.delete(client));
    live.start(query, variables);
    return live;
  }

  /** Waits (bounded) until `topic` has at least `count` subscribers on the server. */
  async subscribersReady(topic: string, count = 1, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.pubsub.subscriberCount(topic) < count) {
      if (Date.now() > deadline) throw new Error(`topic ${topic} has ${this.pubsub.subscriberCount(topic)} subscribers, expected ${count}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Appends the buffered access records to the ledger now. */
  flushAccessLog(): Promise<void> {
    return this.app.get(AccessLogBuffer).flush();
  }

  /** Closes subscriptions, shuts the application down gracefully and removes the data directory it created. */
  async stop(): Promise<void> {
    for (const client of this.clients) await client.dispose();
    this.clients.clear();
    try {
      await this.app.close();
    } finally {
      if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
    }
  }
}

/** A running subscription whose results queue up until a test takes them. */
export class LiveSubscription<T> {
  private readonly results: Array<{ data?: T | null; errors?: readonly GraphqlError[] }> = [];
  private waiter: (() => void) | undefined;
  private ended = false;
  private failure: unknown;

  constructor(
    private readonly client: Client,
    private readonly onClose: () => void,
  ) {}

  start(query: string, variables?: Record<string, unknown>): void {
    this.client.subscribe<T>(
      { query, variables },
      {
        next: (result) => this.push(result as { data?: T | null; errors?: readonly GraphqlError[] }),
        error: (error) => {
          this.failure = error;
          this.finish();
        },
        complete: () => this.finish(),
      },
    );
  }

  /** The next result, waiting at most `timeoutMs`. */
  async next(timeoutMs = DEFAULT_WAIT_MS): Promise<{ data?: T | null; errors?: readonly GraphqlError[] }> {
    const deadline = Date.now() + timeoutMs;
    while (this.results.length === 0) {
      if (this.ended) throw new Error(`subscription ended${this.failure === undefined ? '' : `: ${describe(this.failure)}`}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no subscription result within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.results.shift() as { data?: T | null; errors?: readonly GraphqlError[] };
  }

  /** Results received and not yet taken. */
  get pending(): number {
    return this.results.length;
  }

  /** Why the subscription ended, if it did. */
  get error(): unknown {
    return this.failure;
  }

  async close(): Promise<void> {
    await this.client.dispose();
    this.onClose();
  }

  private push(result: { data?: T | null; errors?: readonly GraphqlError[] }): void {
    this.results.push(result);
    this.wake();
  }

  private finish(): void {
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (Array.isArray(error)) return error.map((e) => (e as { message?: string }).message ?? String(e)).join('; ');
  if (typeof error === 'object' && error !== null && 'code' in error) return `closed with ${(error as { code: number; reason?: string }).code} ${(error as { reason?: string }).reason ?? ''}`;
  return String(error);
}

/** Starts the API; see the top of this file. */
export function startApi(options: StartApiOptions = {}): Promise<ApiHarness> {
  return ApiHarness.start(options);
}
