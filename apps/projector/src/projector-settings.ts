import { ConfigError, type LedgerConfig } from '@ledger/platform';
import { EnvReader } from '@ledger/platform/config/env-reader';
import { readModelUrlFor } from '@ledger/projections';

/**
 * Settings of the standalone projector, besides the shared LedgerConfig:
 *
 * | variable                   | default                                   | rule |
 * |----------------------------|-------------------------------------------|------|
 * | LEDGER_READ_MODEL          | derived from LEDGER_EVENT_STORE (see readModelUrlFor) | sqlite:<path> or postgres://…[?schema=] |
 * | LEDGER_PROJECTOR_PORT      | 9464                                      | 0–65535 (0 = any free port); /health and /metrics |
 * | LEDGER_PROJECTOR_BATCH_SIZE| 1000                                      | 1–10000 events per transaction |
 * | LEDGER_PROJECTOR_MAX_LAG   | 10000                                     | readiness fails beyond this many events behind |
 */
export interface ProjectorSettings {
  readModelUrl: string;
  port: number;
  maxBatchSize: number;
  maxLag: number;
}

export function readProjectorSettings(config: LedgerConfig, env: Readonly<Record<string, string | undefined>> = process.env): ProjectorSettings {
  const read = new EnvReader(env);
  const readModelUrl = read.string('LEDGER_READ_MODEL', readModelUrlFor(config.eventStore.kind === 'sqlite' ? `sqlite:${config.eventStore.path}` : config.eventStore.url));
  if (!readModelUrl.startsWith('sqlite:') && !readModelUrl.startsWith('postgres://') && !readModelUrl.startsWith('postgresql://')) {
    read.report('LEDGER_READ_MODEL', 'must be sqlite:<path> or a postgres:// URL', readModelUrl);
  }
  const settings = {
    readModelUrl,
    port: read.integer('LEDGER_PROJECTOR_PORT', 9464, 0, 65535),
    maxBatchSize: read.integer('LEDGER_PROJECTOR_BATCH_SIZE', 1000, 1, 10_000),
    maxLag: read.integer('LEDGER_PROJECTOR_MAX_LAG', 10_000, 0, Number.MAX_SAFE_INTEGER),
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return settings;
}
