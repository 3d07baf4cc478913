import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSignedCheckpoint, signedFields, type SignedCheckpoint } from './checkpoint';

/**
 * A checkpoint an auditor keeps outside the ledger (JSON). Holding a recent one is what makes a
 * truncated tail detectable: the log can no longer show the events that checkpoint signed.
 */
export function readCheckpointFile(file: string): SignedCheckpoint {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`checkpoint file ${file}: cannot be read (${(error as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`checkpoint file ${file}: is not JSON`);
  }
  return parseSignedCheckpoint(value, `checkpoint file ${file}`);
}

export function writeCheckpointFile(file: string, checkpoint: SignedCheckpoint): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(signedFields(checkpoint), null, 2)}\n`);
}
