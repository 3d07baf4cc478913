import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EventStore } from '@ledger/event-store/event-store.port';
import { CHECKPOINT_STREAM, parseSignedCheckpoint, recordedCheckpointOf, signedFields, type RecordedCheckpoint, type SignedCheckpoint } from '../checkpoint/checkpoint';
import type { LedgerVerificationResult } from './verify-ledger';

/**
 * The outcome of the last verification, kept in a small JSON file next to the ledger (by default
 * ./data/ledger-integrity.json) rather than in the ledger: verifying needs only read access, and
 * must not change the log it is checking.
 *
 * The file also keeps the latest checkpoint a passing verification matched. The next verification
 * treats it as a trusted checkpoint, so a log whose tail was cut (or rewritten) since is caught even
 * when no checkpoint in the log itself reveals it.
 */
export interface IntegrityStatus {
  lastVerification: LedgerVerificationResult;
  /** Latest checkpoint matched by a passing verification (kept across failed ones). */
  lastVerifiedCheckpoint: SignedCheckpoint | null;
}

export function readIntegrityStatus(file: string): IntegrityStatus | null {
  if (!fs.existsSync(file)) return null;
  let value: { lastVerification?: LedgerVerificationResult; lastVerifiedCheckpoint?: unknown };
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw new Error(`integrity status file ${file}: is not JSON`);
  }
  if (!value || typeof value.lastVerification !== 'object' || value.lastVerification === null) throw new Error(`integrity status file ${file}: lastVerification must be an object`);
  const checkpoint = value.lastVerifiedCheckpoint == null ? null : parseSignedCheckpoint(value.lastVerifiedCheckpoint, `integrity status file ${file}`);
  return { lastVerification: value.lastVerification, lastVerifiedCheckpoint: checkpoint };
}

/** Records a verification result; written to a temporary file and renamed, so a reader never sees half of it. */
export function recordVerification(file: string, result: LedgerVerificationResult): IntegrityStatus {
  const previous = readIntegrityStatus(file);
  const matched = result.ok && result.latestCheckpoint ? signedFields(result.latestCheckpoint) : null;
  const status: IntegrityStatus = { lastVerification: result, lastVerifiedCheckpoint: matched ?? previous?.lastVerifiedCheckpoint ?? null };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(status, null, 2)}\n`);
  fs.renameSync(temporary, file);
  return status;
}

export interface LedgerIntegrity {
  /** The last recorded verification, or null if the ledger was never verified here. */
  lastVerification: LedgerVerificationResult | null;
  /** The latest checkpoint in the ledger, as stored (its signature is checked by verification). */
  latestCheckpoint: RecordedCheckpoint | null;
  headPosition: number;
}

/** What an integrity dashboard or API shows: the last verification and the latest checkpoint. */
export async function ledgerIntegrity(store: EventStore, statusFile: string): Promise<LedgerIntegrity> {
  const [last] = await store.readStream(CHECKPOINT_STREAM, { direction: 'backwards', limit: 1 });
  return {
    lastVerification: readIntegrityStatus(statusFile)?.lastVerification ?? null,
    latestCheckpoint: last ? recordedCheckpointOf(last) : null,
    headPosition: await store.headPosition(),
  };
}
