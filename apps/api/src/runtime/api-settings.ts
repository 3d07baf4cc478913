import { ConfigError, type LedgerConfig } from '@ledger/platform';
import { EnvReader } from '@ledger/platform/config/env-reader';

/**
 * Settings of the API process beyond the shared LedgerConfig.
 *
 * | variable                     | default                                   | meaning |
 * |------------------------------|-------------------------------------------|---------|
 * | LEDGER_EMBEDDED_PROJECTOR    | true, except with PostgreSQL              | run the projector inside the API process; with PostgreSQL the views are kept by `npm run projector` (apps/projector) unless this is true |
 * | LEDGER_SEED_DEMO             | true with the embedded SQLite store       | seed the demo world when the ledger is empty |
 * | LEDGER_VIEW_WAIT_MS          | 10000                                     | how long a mutation waits for the views to include its events |
 * | LEDGER_ACCESS_LOG_FLUSH_MS   | 1000                                      | how often the access log is appended to the ledger |
 */
export interface ApiSettings {
  embeddedProjector: boolean;
  seedDemo: boolean;
  viewWaitMs: number;
  accessLogFlushMs: number;
}

export function loadApiSettings(config: LedgerConfig, env: Readonly<Record<string, string | undefined>> = process.env): ApiSettings {
  const read = new EnvReader(env);
  const settings: ApiSettings = {
    embeddedProjector: read.boolean('LEDGER_EMBEDDED_PROJECTOR', config.eventStore.kind !== 'postgres'),
    seedDemo: read.boolean('LEDGER_SEED_DEMO', config.eventStore.kind === 'sqlite'),
    viewWaitMs: read.integer('LEDGER_VIEW_WAIT_MS', 10_000, 100, 600_000),
    accessLogFlushMs: read.integer('LEDGER_ACCESS_LOG_FLUSH_MS', 1000, 50, 60_000),
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return settings;
}
