import * as path from 'node:path';
import { ConfigError } from './config-error';
import { EnvReader } from './env-reader';

/**
 * Typed configuration of every Liaison Ledger process, read once from the environment.
 *
 * | variable                        | default                          | rule |
 * |---------------------------------|----------------------------------|------|
 * | LEDGER_DATA_DIR                 | ./data                           | path |
 * | LEDGER_EVENT_STORE              | sqlite:<data dir>/ledger.db      | sqlite:<path>, postgres(ql)://…, esdb(+discover)://… |
 * | HOST                            | 127.0.0.1                        | host name or IP |
 * | PORT                            | 4000                             | 0–65535 (0 = any free port) |
 * | LEDGER_JWT_SECRET_FILE          | <data dir>/jwt-secret            | HS256 secret, created (32 random bytes, mode 0600) on first start |
 * | LEDGER_JWT_JWKS_URL             | unset                            | https URL (http only on loopback); switches verification to RS256 |
 * | LEDGER_JWT_ISSUER               | liaison-ledger (HS256)           | required with LEDGER_JWT_JWKS_URL |
 * | LEDGER_JWT_AUDIENCE             | liaison-ledger-api (HS256)       | required with LEDGER_JWT_JWKS_URL |
 * | LEDGER_GRAPHQL_INTROSPECTION    | on with the embedded SQLite store, else off | boolean |
 * | LEDGER_GRAPHQL_EXPLORER         | on with the embedded SQLite store, else off | boolean |
 * | LEDGER_GRAPHQL_MAX_BATCH_SIZE   | 1 (batching off)                 | 1–20 operations per HTTP request |
 * | LEDGER_MAX_PAGE_SIZE            | 100                              | 1–10000 |
 * | LEDGER_MAX_QUERY_DEPTH          | 10                               | 1–100 |
 * | LEDGER_MAX_QUERY_COMPLEXITY     | 1000                             | 1–1000000 |
 * | LEDGER_MAX_BODY_BYTES           | 1048576 (1 MiB)                  | 1024–104857600 |
 * | LEDGER_LOG_LEVEL                | info                             | fatal, error, warn, info, debug, trace, silent |
 */
export interface LedgerConfig {
  /** Absolute path of the directory holding local state (SQLite file, JWT secret). */
  dataDir: string;
  eventStore: EventStoreLocation;
  http: HttpConfig;
  auth: AuthConfig;
  graphql: GraphqlConfig;
  log: { level: LogLevel };
}

export type EventStoreLocation =
  /** Embedded: a SQLite file; `path` is absolute. */
  | { kind: 'sqlite'; url: string; path: string }
  | { kind: 'postgres'; url: string }
  | { kind: 'eventstoredb'; url: string };

export interface HttpConfig {
  host: string;
  port: number;
  /** Largest accepted request body (HTTP) or message (WebSocket). */
  maxBodyBytes: number;
}

/** HS256 with a local secret (embedded default) or RS256 with the keys of an identity provider. */
export type AuthConfig =
  | { mode: 'HS256'; secretFile: string; issuer: string; audience: string }
  | { mode: 'RS256'; jwksUrl: string; issuer: string; audience: string };

export interface GraphqlConfig {
  introspection: boolean;
  explorer: boolean;
  /** Operations accepted in one batched HTTP request; 1 disables batching. */
  maxBatchSize: number;
  maxPageSize: number;
  maxQueryDepth: number;
  maxQueryComplexity: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_ISSUER = 'liaison-ledger';
export const DEFAULT_AUDIENCE = 'liaison-ledger-api';
const MIB = 1024 * 1024;

/**
 * Reads and validates the configuration. Relative paths are resolved against `cwd`.
 * Throws a ConfigError naming every invalid variable and the rule it broke.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env, cwd: string = process.cwd()): LedgerConfig {
  const read = new EnvReader(env);

  const dataDir = path.resolve(cwd, read.string('LEDGER_DATA_DIR', './data'));
  const eventStore = readEventStore(read, dataDir, cwd);
  const embedded = eventStore.kind === 'sqlite';

  const config: LedgerConfig = {
    dataDir,
    eventStore,
    http: {
      host: readHost(read),
      port: read.integer('PORT', 4000, 0, 65535),
      maxBodyBytes: read.integer('LEDGER_MAX_BODY_BYTES', MIB, 1024, 100 * MIB),
    },
    auth: readAuth(read, dataDir, cwd),
    graphql: {
      introspection: read.boolean('LEDGER_GRAPHQL_INTROSPECTION', embedded),
      explorer: read.boolean('LEDGER_GRAPHQL_EXPLORER', embedded),
      maxBatchSize: read.integer('LEDGER_GRAPHQL_MAX_BATCH_SIZE', 1, 1, 20),
      maxPageSize: read.integer('LEDGER_MAX_PAGE_SIZE', 100, 1, 10000),
      maxQueryDepth: read.integer('LEDGER_MAX_QUERY_DEPTH', 10, 1, 100),
      maxQueryComplexity: read.integer('LEDGER_MAX_QUERY_COMPLEXITY', 1000, 1, 1_000_000),
    },
    log: { level: read.oneOf('LEDGER_LOG_LEVEL', LOG_LEVELS, 'info') },
  };

  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

function readEventStore(read: EnvReader, dataDir: string, cwd: string): EventStoreLocation {
  const variable = 'LEDGER_EVENT_STORE';
  const value = read.raw(variable);
  if (value === undefined) {
    const file = path.join(dataDir, 'ledger.db');
    return { kind: 'sqlite', url: `sqlite:${file}`, path: file };
  }
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length);
    if (file === '') read.report(variable, 'must name a file after "sqlite:", e.g. sqlite:./data/ledger.db', value);
    return { kind: 'sqlite', url: value, path: path.resolve(cwd, file) };
  }
  const scheme = value.slice(0, value.indexOf(':') + 1);
  const kind = ({ 'postgres:': 'postgres', 'postgresql:': 'postgres', 'esdb:': 'eventstoredb', 'esdb+discover:': 'eventstoredb' } as const)[scheme];
  if (kind === undefined || !URL.canParse(value)) {
    read.report(variable, 'must be sqlite:<path>, a postgres:// or postgresql:// URL, or an esdb:// or esdb+discover:// URL', redactUrl(value));
    return { kind: 'postgres', url: value };
  }
  return { kind, url: value };
}

function readHost(read: EnvReader): string {
  const host = read.string('HOST', '127.0.0.1');
  if (!/^[A-Za-z0-9.:_-]+$/.test(host) || host.length > 253) {
    read.report('HOST', 'must be a host name or an IP address', host);
  }
  return host;
}

function readAuth(read: EnvReader, dataDir: string, cwd: string): AuthConfig {
  const jwksUrl = read.optionalString('LEDGER_JWT_JWKS_URL');
  const issuer = read.optionalString('LEDGER_JWT_ISSUER');
  const audience = read.optionalString('LEDGER_JWT_AUDIENCE');
  if (jwksUrl === undefined) {
    const secretFile = path.resolve(cwd, read.string('LEDGER_JWT_SECRET_FILE', path.join(dataDir, 'jwt-secret')));
    return { mode: 'HS256', secretFile, issuer: issuer ?? DEFAULT_ISSUER, audience: audience ?? DEFAULT_AUDIENCE };
  }
  if (!isAcceptableJwksUrl(jwksUrl)) {
    read.report('LEDGER_JWT_JWKS_URL', 'must be an https URL (plain http is accepted only for localhost, 127.0.0.1 or ::1)', jwksUrl);
  }
  // Tokens from a shared identity provider are accepted only when minted for this ledger.
  const why = 'must be set when LEDGER_JWT_JWKS_URL is set, so that only tokens minted for this ledger are accepted';
  if (issuer === undefined) read.report('LEDGER_JWT_ISSUER', why);
  if (audience === undefined) read.report('LEDGER_JWT_AUDIENCE', why);
  return { mode: 'RS256', jwksUrl, issuer: issuer ?? '', audience: audience ?? '' };
}

function isAcceptableJwksUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** Replaces the password of a URL with `***` so a connection string can be logged. */
export function redactUrl(value: string): string {
  if (!URL.canParse(value)) return value;
  const url = new URL(value);
  if (url.password === '') return value;
  url.password = '***';
  return url.toString();
}

/** The configuration with secrets removed, for the start-up log line. */
export function describeConfig(config: LedgerConfig): Record<string, unknown> {
  return { ...config, eventStore: { ...config.eventStore, url: redactUrl(config.eventStore.url) } };
}
