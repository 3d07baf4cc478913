import * as path from 'node:path';
import { ConfigError } from './config-error';
import { describeConfig, loadConfig } from './ledger-config';

const CWD = '/srv/ledger';

function problemsOf(env: Record<string, string>): Array<{ variable: string; rule: string; value?: string }> {
  try {
    loadConfig(env, CWD);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('defaults to the embedded store under ./data, HS256 with a local secret, and a development-friendly GraphQL', () => {
    const config = loadConfig({}, CWD);
    expect(config).toEqual({
      dataDir: '/srv/ledger/data',
      eventStore: { kind: 'sqlite', url: 'sqlite:/srv/ledger/data/ledger.db', path: '/srv/ledger/data/ledger.db' },
      http: { host: '127.0.0.1', port: 4000, maxBodyBytes: 1024 * 1024 },
      auth: { mode: 'HS256', secretFile: '/srv/ledger/data/jwt-secret', issuer: 'liaison-ledger', audience: 'liaison-ledger-api' },
      graphql: { introspection: true, explorer: true, maxBatchSize: 1, maxPageSize: 100, maxQueryDepth: 10, maxQueryComplexity: 1000 },
      log: { level: 'info' },
    });
  });

  it('derives the default file locations from LEDGER_DATA_DIR', () => {
    const config = loadConfig({ LEDGER_DATA_DIR: '/var/lib/ledger' }, CWD);
    expect(config.eventStore).toEqual({ kind: 'sqlite', url: 'sqlite:/var/lib/ledger/ledger.db', path: '/var/lib/ledger/ledger.db' });
    expect(config.auth).toMatchObject({ secretFile: '/var/lib/ledger/jwt-secret' });
  });

  it('resolves a relative sqlite path against the working directory', () => {
    expect(loadConfig({ LEDGER_EVENT_STORE: 'sqlite:./other/l.db' }, CWD).eventStore).toEqual({ kind: 'sqlite', url: 'sqlite:./other/l.db', path: path.join(CWD, 'other/l.db') });
  });

  it('turns the explorer and introspection off by default for a server store, and lets them be set', () => {
    const postgres = loadConfig({ LEDGER_EVENT_STORE: 'postgres://ledger@db:5432/ledger' }, CWD);
    expect(postgres.eventStore).toEqual({ kind: 'postgres', url: 'postgres://ledger@db:5432/ledger' });
    expect(postgres.graphql).toMatchObject({ introspection: false, explorer: false });
    const esdb = loadConfig({ LEDGER_EVENT_STORE: 'esdb+discover://cluster:2113', LEDGER_GRAPHQL_EXPLORER: 'on', LEDGER_GRAPHQL_INTROSPECTION: 'yes' }, CWD);
    expect(esdb.eventStore.kind).toBe('eventstoredb');
    expect(esdb.graphql).toMatchObject({ introspection: true, explorer: true });
    expect(loadConfig({ LEDGER_GRAPHQL_EXPLORER: '0' }, CWD).graphql.explorer).toBe(false);
  });

  it('reads every numeric limit', () => {
    const config = loadConfig(
      { PORT: '0', LEDGER_MAX_PAGE_SIZE: '25', LEDGER_MAX_QUERY_DEPTH: '7', LEDGER_MAX_QUERY_COMPLEXITY: '300', LEDGER_MAX_BODY_BYTES: '65536', LEDGER_GRAPHQL_MAX_BATCH_SIZE: '5', LEDGER_LOG_LEVEL: 'debug', HOST: '0.0.0.0' },
      CWD,
    );
    expect(config.http).toEqual({ host: '0.0.0.0', port: 0, maxBodyBytes: 65536 });
    expect(config.graphql).toMatchObject({ maxPageSize: 25, maxQueryDepth: 7, maxQueryComplexity: 300, maxBatchSize: 5 });
    expect(config.log.level).toBe('debug');
  });

  it('switches to RS256 when a JWKS URL is set, and then requires an issuer and an audience', () => {
    expect(loadConfig({ LEDGER_JWT_JWKS_URL: 'https://idp.example.org/certs', LEDGER_JWT_ISSUER: 'https://idp.example.org', LEDGER_JWT_AUDIENCE: 'ledger' }, CWD).auth).toEqual({
      mode: 'RS256',
      jwksUrl: 'https://idp.example.org/certs',
      issuer: 'https://idp.example.org',
      audience: 'ledger',
    });
    expect(problemsOf({ LEDGER_JWT_JWKS_URL: 'https://idp.example.org/certs' }).map((problem) => problem.variable)).toEqual(['LEDGER_JWT_ISSUER', 'LEDGER_JWT_AUDIENCE']);
  });

  it('accepts plain http for a JWKS URL on loopback only', () => {
    const rs256 = { LEDGER_JWT_ISSUER: 'i', LEDGER_JWT_AUDIENCE: 'a' };
    expect(loadConfig({ ...rs256, LEDGER_JWT_JWKS_URL: 'http://127.0.0.1:8080/jwks' }, CWD).auth.mode).toBe('RS256');
    expect(problemsOf({ ...rs256, LEDGER_JWT_JWKS_URL: 'http://idp.example.org/jwks' })).toEqual([
      { variable: 'LEDGER_JWT_JWKS_URL', rule: 'must be an https URL (plain http is accepted only for localhost, 127.0.0.1 or ::1)', value: 'http://idp.example.org/jwks' },
    ]);
  });

  it('names every invalid variable and its rule in one error', () => {
    const env = {
      PORT: '80a',
      LEDGER_MAX_PAGE_SIZE: '0',
      LEDGER_MAX_QUERY_DEPTH: '1000',
      LEDGER_MAX_BODY_BYTES: '12',
      LEDGER_GRAPHQL_EXPLORER: 'maybe',
      LEDGER_LOG_LEVEL: 'loud',
      LEDGER_EVENT_STORE: 'mysql://x',
      HOST: 'bad host',
    };
    expect(problemsOf(env)).toEqual([
      { variable: 'LEDGER_EVENT_STORE', rule: 'must be sqlite:<path>, a postgres:// or postgresql:// URL, or an esdb:// or esdb+discover:// URL', value: 'mysql://x' },
      { variable: 'HOST', rule: 'must be a host name or an IP address', value: 'bad host' },
      { variable: 'PORT', rule: 'must be a whole number between 0 and 65535', value: '80a' },
      { variable: 'LEDGER_MAX_BODY_BYTES', rule: 'must be a whole number between 1024 and 104857600', value: '12' },
      { variable: 'LEDGER_GRAPHQL_EXPLORER', rule: 'must be one of true, false, 1, 0, yes, no, on, off', value: 'maybe' },
      { variable: 'LEDGER_MAX_PAGE_SIZE', rule: 'must be a whole number between 1 and 10000', value: '0' },
      { variable: 'LEDGER_MAX_QUERY_DEPTH', rule: 'must be a whole number between 1 and 100', value: '1000' },
      { variable: 'LEDGER_LOG_LEVEL', rule: 'must be one of fatal, error, warn, info, debug, trace, silent', value: 'loud' },
    ]);
    expect(() => loadConfig(env, CWD)).toThrow(/PORT must be a whole number between 0 and 65535 \(got "80a"\)/);
  });

  it('never echoes a database password, neither in errors nor in the start-up description', () => {
    expect(problemsOf({ LEDGER_EVENT_STORE: 'mongodb://admin:s3cret@db/ledger' })[0]?.value).toBe('mongodb://admin:***@db/ledger');
    const config = loadConfig({ LEDGER_EVENT_STORE: 'postgresql://ledger:s3cret@db:5432/ledger' }, CWD);
    expect(JSON.stringify(describeConfig(config))).not.toContain('s3cret');
    expect(describeConfig(config).eventStore).toEqual({ kind: 'postgres', url: 'postgresql://ledger:***@db:5432/ledger' });
  });

  it('treats blank variables as unset', () => {
    expect(loadConfig({ PORT: '  ', LEDGER_EVENT_STORE: '' }, CWD).http.port).toBe(4000);
  });

  it('refuses "sqlite:" without a file', () => {
    expect(problemsOf({ LEDGER_EVENT_STORE: 'sqlite:' })[0]).toMatchObject({ variable: 'LEDGER_EVENT_STORE', rule: expect.stringContaining('must name a file') });
  });
});
