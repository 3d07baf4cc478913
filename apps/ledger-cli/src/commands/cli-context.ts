import { createLogger, loadConfig, type LedgerConfig, type Logger } from '@ledger/platform';
import pino from 'pino';
import { LedgerRuntime } from '../../../api/src/runtime/ledger-runtime';

/** Options every ledger command accepts. */
export interface LedgerOption {
  /** Event store URL; default LEDGER_EVENT_STORE (sqlite:<LEDGER_DATA_DIR>/ledger.db). */
  store?: string;
}

/** The configuration, with `--store` overriding LEDGER_EVENT_STORE. */
export function cliConfig(options: LedgerOption): LedgerConfig {
  return loadConfig(options.store ? { ...process.env, LEDGER_EVENT_STORE: options.store } : process.env);
}

/** Logs go to stderr (warnings and errors unless LEDGER_LOG_LEVEL says otherwise), so stdout holds only the command's output. */
export function cliLogger(): Logger {
  const level = process.env.LEDGER_LOG_LEVEL ? cliConfig({}).log.level : 'warn';
  return createLogger({ level, service: 'ledger-cli', destination: pino.destination({ dest: 2, sync: true }) });
}

const CATCH_UP_MS = 120_000;

/**
 * Opens the ledger with a projector in this process, brings the views up to the store's head
 * (so officers registered a moment ago through the API are known), runs `work`, and closes.
 * A projector running elsewhere at the same time is harmless: batches commit with the checkpoint,
 * and an event already applied is not applied again.
 */
export async function withLedger<T>(options: LedgerOption, work: (runtime: LedgerRuntime, config: LedgerConfig) => Promise<T>): Promise<T> {
  const config = cliConfig(options);
  const runtime = await LedgerRuntime.open({ config, logger: cliLogger(), embeddedProjector: true });
  try {
    if (!(await runtime.catchUp(CATCH_UP_MS))) throw new Error(`the views did not catch up with the ledger within ${CATCH_UP_MS / 1000} s`);
    return await work(runtime, config);
  } finally {
    await runtime.close();
  }
}

export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Runs a command body; a failure prints `error: <message>` on stderr and sets exit code 1. */
export function runAction<A extends unknown[]>(body: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await body(...args);
    } catch (error) {
      process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  };
}
