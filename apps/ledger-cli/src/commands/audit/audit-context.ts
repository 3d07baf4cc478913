import * as fs from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { InvalidArgumentError } from 'commander';
import { loadAuditConfig, loadOrCreateSigningKey, readPublicKeyFile, SigningKeyError, type AuditConfig, type LedgerSigningKey } from '@ledger/audit';
import { openEventStore, type EventStore } from '@ledger/event-store';
import { loadConfig, progress, type Progress } from '@ledger/platform';

/** Options every audit command accepts. */
export interface StoreOption {
  /** Event store URL; default LEDGER_EVENT_STORE (sqlite:./data/ledger.db). */
  store?: string;
}

export interface AuditContext {
  storeUrl: string;
  audit: AuditConfig;
}

/** Reads the process configuration; `--store` overrides LEDGER_EVENT_STORE. */
export function auditContext(options: StoreOption): AuditContext {
  const ledger = loadConfig(options.store ? { ...process.env, LEDGER_EVENT_STORE: options.store } : process.env);
  return { storeUrl: ledger.eventStore.url, audit: loadAuditConfig(ledger) };
}

/** Opens the store, runs `work`, and always closes the store. */
export async function withStore<T>(context: AuditContext, work: (store: EventStore) => Promise<T>): Promise<T> {
  const store = await openEventStore(context.storeUrl);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** The ledger signing key; generated on first use only with the embedded store. */
export function signingKey(context: AuditContext): LedgerSigningKey {
  return loadOrCreateSigningKey(context.audit.signingKeyFile, { createIfMissing: context.audit.createSigningKey });
}

/** The public key to verify with: `--public-key` file, else derived from the signing key file (never created here). */
export function verificationKey(context: AuditContext, publicKeyFile: string | undefined): KeyObject {
  if (publicKeyFile) return readPublicKeyFile(publicKeyFile);
  if (!fs.existsSync(context.audit.signingKeyFile)) {
    throw new SigningKeyError(context.audit.signingKeyFile, 'file does not exist; pass --public-key <file> with the ledger public key (PEM)');
  }
  return readPublicKeyFile(context.audit.signingKeyFile);
}

/** A progress bar on a terminal, a line every few seconds elsewhere (stderr, so stdout stays clean). */
export function progressReporter(label: string): { onProgress: (done: number, total: number) => void; stop: () => void } {
  let bar: Progress | undefined;
  return {
    onProgress(done, total) {
      bar ??= progress(label, total);
      bar.update(done, total);
    },
    stop() {
      bar?.stop();
    },
  };
}

/** commander parser for a positive integer option; the error names the option and the rule. */
export function positiveInteger(name: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) < 1) {
      throw new InvalidArgumentError(`${name} must be a positive integer (got ${JSON.stringify(value)})`);
    }
    return Number(value);
  };
}

export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function printError(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Runs a command body: a known error becomes one clear line on stderr and exit code 1 (2 for bad usage). */
export function runAction<A extends unknown[]>(body: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await body(...args);
    } catch (error) {
      printError(`error: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  };
}
