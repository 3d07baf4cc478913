import type { EventStore } from '@ledger/event-store';
import type { LedgerConfig } from '@ledger/platform/config/ledger-config';
import type { Logger } from 'pino';
import * as fs from 'node:fs';
import { loadAuditConfig } from '../audit-config';
import { loadOrCreateSigningKey } from '../signing';
import { CheckpointService } from './checkpoint-service';

/**
 * Starts signing checkpoints in the process that keeps the views (the API on the embedded default,
 * the projector app otherwise): one signer per deployment, following the log with its own
 * subscription. Returns null, with a warning, when no signing key is configured for a server
 * store — the ledger still works, but its tail is then protected by the hash chains only.
 */
export async function startCheckpointSigner(store: EventStore, ledger: Pick<LedgerConfig, 'dataDir' | 'eventStore'>, logger: Logger): Promise<CheckpointService | null> {
  const audit = loadAuditConfig(ledger);
  if (!audit.createSigningKey && !fs.existsSync(audit.signingKeyFile)) {
    logger.warn({ signingKeyFile: audit.signingKeyFile }, 'checkpoint signing disabled: no signing key (set LEDGER_SIGNING_KEY_FILE)');
    return null;
  }
  const key = loadOrCreateSigningKey(audit.signingKeyFile, { createIfMissing: audit.createSigningKey });
  const signer = new CheckpointService(store, key, { interval: audit.checkpointInterval, logger });
  await signer.catchUp();
  signer.start();
  logger.info({ interval: audit.checkpointInterval, treeSize: signer.treeSize, latest: signer.latest?.treeSize ?? null }, 'checkpoint signing started');
  return signer;
}
