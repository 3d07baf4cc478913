import { PassThrough } from 'node:stream';
import { exportBundle, type BundleSelection, type LedgerSigningKey } from '@ledger/audit';
import type { EventStore } from '@ledger/event-store';

/** Exports a bundle into memory and returns its lines (without the final newline). */
export async function exportLines(store: EventStore, selection: BundleSelection, key: Pick<LedgerSigningKey, 'publicKey'> & Partial<LedgerSigningKey>): Promise<string[]> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  await exportBundle(store, selection, { key, output });
  output.end();
  const text = Buffer.concat(chunks).toString('utf8');
  return text.slice(0, -1).split('\n');
}

export const joinLines = (lines: string[]): string => `${lines.join('\n')}\n`;

export type Line = Record<string, any>;
export const parse = (line: string): Line => JSON.parse(line) as Line;
