import * as path from 'node:path';
import type { LedgerConfig } from '@ledger/platform/config/ledger-config';
import { ConfigError } from '@ledger/platform/config/config-error';
import { EnvReader } from '@ledger/platform/config/env-reader';

/**
 * Settings of the audit tools, read beside the process's LedgerConfig:
 *
 * | variable                   | default                              | rule |
 * |----------------------------|--------------------------------------|------|
 * | LEDGER_SIGNING_KEY_FILE    | <data dir>/ledger-signing-key.pem    | Ed25519 private key, PEM (PKCS#8). Generated (mode 0600) on first start with the embedded SQLite store; must exist otherwise |
 * | LEDGER_CHECKPOINT_INTERVAL | 1000                                 | events between automatic checkpoints, 2–10000000 |
 * | LEDGER_INTEGRITY_FILE      | <data dir>/ledger-integrity.json     | where the last verification result is kept |
 */
export interface AuditConfig {
  signingKeyFile: string;
  /** Generate the signing key when its file is missing: only on the embedded default. */
  createSigningKey: boolean;
  checkpointInterval: number;
  integrityFile: string;
}

export const DEFAULT_CHECKPOINT_INTERVAL = 1000;

export function loadAuditConfig(
  ledger: Pick<LedgerConfig, 'dataDir' | 'eventStore'>,
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = process.cwd(),
): AuditConfig {
  const read = new EnvReader(env);
  const config: AuditConfig = {
    signingKeyFile: path.resolve(cwd, read.string('LEDGER_SIGNING_KEY_FILE', path.join(ledger.dataDir, 'ledger-signing-key.pem'))),
    createSigningKey: ledger.eventStore.kind === 'sqlite',
    checkpointInterval: read.integer('LEDGER_CHECKPOINT_INTERVAL', DEFAULT_CHECKPOINT_INTERVAL, 2, 10_000_000),
    integrityFile: path.resolve(cwd, read.string('LEDGER_INTEGRITY_FILE', path.join(ledger.dataDir, 'ledger-integrity.json'))),
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}
