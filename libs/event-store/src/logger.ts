import pino, { type Logger } from 'pino';

/**
 * The logger an adapter uses when its caller passes none: JSON lines on stderr, so a command-line
 * tool's stdout stays its own. Applications pass their service logger instead.
 */
export function defaultEventStoreLogger(): Logger {
  return pino(
    { name: 'event-store', level: process.env.LEDGER_LOG_LEVEL ?? 'info', timestamp: pino.stdTimeFunctions.isoTime },
    pino.destination({ dest: 2, sync: true }),
  );
}
