/**
 * Starts the real API server (Nest + Express + Apollo + graphql-ws) on a random port with a small
 * schema defined here, an in-memory officer directory, and a log captured in memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, loadConfig, PlatformModule, TokenService, type LedgerConfig, type OfficerLookup, type OfficerRecord } from '@ledger/platform';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createApiApplication } from '../../apps/api/src/server/bootstrap';
import { requireViewer, type LedgerContext } from '../../apps/api/src/server/graphql/context';
import { GraphqlServerModule } from '../../apps/api/src/server/graphql-server.module';
import type { GraphqlServerOptions } from '../../apps/api/src/server/graphql-server.options';

export const TEST_SCHEMA = /* GraphQL */ `
  type Query {
    me: Me!
    echo(text: String!): String!
    nested: Nested
    items(first: Int = 10): [Item!]! @complexity(value: 1, multipliers: ["first"])
    serverInfo: String!
    fail(code: String!): String
    crash: String
    wait: String!
  }
  type Me {
    officerId: String!
    agencyId: String!
    roles: [String!]!
    auditScope: String!
  }
  type Nested {
    value: Int!
    child: Nested
  }
  type Item {
    id: ID!
  }
  type Message {
    text: String!
    agencyId: String!
  }
  type Mutation {
    publish(text: String!): Int!
  }
  type Subscription {
    messages: Message!
  }
`;

/** Officers known to the in-memory directory every test server starts with. */
export const OFFICERS: Record<string, OfficerRecord> = {
  'off-fr-1': { officerId: 'off-fr-1', agencyId: 'fr-ocreth', roles: ['LIAISON_OFFICER'], auditScope: 'OWN', suspended: false },
  'off-at-1': { officerId: 'off-at-1', agencyId: 'at-bk', roles: ['INVESTIGATOR', 'AUDITOR'], auditScope: 'OWN', suspended: false },
  'off-cn-9': { officerId: 'off-cn-9', agencyId: 'cn-mps-ocht', roles: ['INVESTIGATOR'], auditScope: 'OWN', suspended: true },
};

/** An OfficerLookup over a map the test can change while the server runs. */
export class InMemoryOfficers implements OfficerLookup {
  readonly officers = new Map<string, OfficerRecord>(Object.entries(structuredClone(OFFICERS)));
  available = true;
  lookups = 0;

  async findOfficer(officerId: string, agencyId?: string): Promise<OfficerRecord | null> {
    this.lookups += 1;
    if (!this.available) throw new Error('connection refused');
    const officer = this.officers.get(officerId) ?? null;
    return officer !== null && agencyId !== undefined && officer.agencyId !== agencyId ? null : officer;
  }
}

/** Lets a test hold the `wait` resolver until it decides to release it. */
export class Gate {
  entered = 0;
  /** Resolver calls that went through the gate (server side). */
  passed = 0;
  private release: (() => void) | undefined;
  private readonly opened = new Promise<void>((resolve) => (this.release = resolve));
  private enteredWaiters: Array<() => void> = [];

  async pass(): Promise<void> {
    this.entered += 1;
    for (const waiter of this.enteredWaiters) waiter();
    this.enteredWaiters = [];
    await this.opened;
    this.passed += 1;
  }

  whenEntered(): Promise<void> {
    return this.entered > 0 ? Promise.resolve() : new Promise((resolve) => this.enteredWaiters.push(resolve));
  }

  open(): void {
    this.release?.();
  }
}

export interface TestServer {
  app: INestApplication;
  url: string;
  wsUrl: string;
  config: LedgerConfig;
  tokens: TokenService;
  officers: InMemoryOfficers;
  /** Names of resolvers that ran, in order. */
  resolverCalls: string[];
  gate: Gate;
  logLines: () => Array<Record<string, unknown>>;
  /** Mints an HS256 token for an officer (as the CLI would). */
  tokenFor(officerId: string, agencyId?: string, extra?: { ttlSeconds?: number; notBefore?: Date }): Promise<string>;
  graphql(body: unknown, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; json: any }>;
  wsClient(connectionParams?: Record<string, unknown>, onClosed?: (event: { code: number; reason: string }) => void): Client;
  close(): Promise<void>;
}

export interface TestServerOptions {
  env?: Record<string, string>;
  server?: Partial<GraphqlServerOptions>;
  /** Runs between module creation and listen (e.g. to register health checks). */
  beforeListen?: (app: INestApplication) => void | Promise<void>;
}

@Controller('test')
class PingController {
  @Get('ping')
  ping(): { pong: true } {
    return { pong: true };
  }
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ledger-platform-test-'));
  const config = loadConfig({ LEDGER_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LEDGER_LOG_LEVEL: 'debug', ...options.env }, dataDir);

  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(...String(chunk).split('\n').filter((line) => line.length > 0));
      callback();
    },
  });
  const logger = createLogger({ level: config.log.level, service: 'api-test', destination });

  const officers = new InMemoryOfficers();
  const resolverCalls: string[] = [];
  const gate = new Gate();
  type Ctx = LedgerContext;
  const resolvers = {
    Query: {
      me: (_: unknown, __: unknown, ctx: Ctx) => {
        resolverCalls.push('me');
        return requireViewer(ctx);
      },
      echo: (_: unknown, args: { text: string }) => {
        resolverCalls.push('echo');
        return args.text;
      },
      nested: () => {
        resolverCalls.push('nested');
        const level = (value: number): unknown => ({ value, child: value < 30 ? () => level(value + 1) : null });
        return level(1);
      },
      items: (_: unknown, args: { first: number }) => {
        resolverCalls.push('items');
        return Array.from({ length: args.first }, (_unused, index) => ({ id: String(index) }));
      },
      serverInfo: () => {
        resolverCalls.push('serverInfo');
        return 'liaison-ledger test server';
      },
      fail: (_: unknown, args: { code: string }) => {
        resolverCalls.push('fail');
        throw Object.assign(new Error(`failure with code ${args.code}`), { code: args.code, field: 'input.code', rule: 'must be accepted' });
      },
      crash: () => {
        resolverCalls.push('crash');
        throw new Error('database password is hunter2');
      },
      wait: async () => {
        resolverCalls.push('wait');
        await gate.pass();
        return 'released';
      },
    },
    Mutation: {
      publish: (_: unknown, args: { text: string }, ctx: Ctx) => {
        resolverCalls.push('publish');
        const viewer = requireViewer(ctx);
        return ctx.pubsub.publish(`messages:${viewer.agencyId}`, { messages: { text: args.text, agencyId: viewer.agencyId } });
      },
    },
    Subscription: {
      messages: {
        subscribe: (_: unknown, __: unknown, ctx: Ctx) => {
          resolverCalls.push('messages');
          return ctx.pubsub.subscribe(`messages:${requireViewer(ctx).agencyId}`);
        },
      },
    },
  };

  @Module({
    imports: [
      PlatformModule.forRoot({ config, logger, service: 'api-test' }),
      GraphqlServerModule.forRoot({ typeDefs: TEST_SCHEMA, resolvers, officerLookup: officers, shutdownGraceMs: 5000, ...options.server }),
    ],
    controllers: [PingController],
  })
  class TestAppModule {}

  const app = await createApiApplication(TestAppModule, { shutdownHooks: false });
  await options.beforeListen?.(app);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;
  const tokens = app.get(TokenService);
  let closed = false;

  return {
    app,
    url,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    config,
    tokens,
    officers,
    resolverCalls,
    gate,
    logLines: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    tokenFor: (officerId, agencyId, extra = {}) => tokens.mint({ officerId, agencyId: agencyId ?? OFFICERS[officerId]?.agencyId ?? 'nowhere', roles: ['INVESTIGATOR'], ...extra }),
    async graphql(body, headers = {}) {
      const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      const text = await response.text();
      return { status: response.status, headers: response.headers, json: text.length > 0 ? JSON.parse(text) : null };
    },
    wsClient(connectionParams, onClosed) {
      return createClient({
        url: `ws://127.0.0.1:${port}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams,
        lazy: true,
        retryAttempts: 0,
        on: { closed: (event) => onClosed?.(event as { code: number; reason: string }) },
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Collects the next `count` values of a subscription made through a graphql-ws client. */
export function subscribe(client: Client, query: string): { next: () => Promise<any>; stop: () => void; error: Promise<unknown> } {
  const queue: any[] = [];
  const waiters: Array<(value: any) => void> = [];
  let rejectError: (error: unknown) => void = () => undefined;
  const error = new Promise<unknown>((resolve) => (rejectError = resolve));
  const stop = client.subscribe(
    { query },
    {
      next: (value) => {
        const waiter = waiters.shift();
        if (waiter === undefined) queue.push(value);
        else waiter(value);
      },
      error: (reason) => rejectError(reason),
      complete: () => undefined,
    },
  );
  return {
    next: () => (queue.length > 0 ? Promise.resolve(queue.shift()) : new Promise((resolve) => waiters.push(resolve))),
    stop,
    error,
  };
}
