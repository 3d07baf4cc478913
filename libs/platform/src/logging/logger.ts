import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/ledger-config';
import { currentRequestContext } from './request-context';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level?: LogLevel;
  /** The process name in every line (`api`, `projector`, `ledger-cli`…). */
  service?: string;
  /** Where lines go; default stdout, written synchronously so a crash loses no line. Tests pass an in-memory stream. */
  destination?: DestinationStream;
}

/** Paths never written to logs, whatever a caller passes in. */
const REDACTED_PATHS = ['authorization', 'token', 'password', 'secret', '*.authorization', '*.token', '*.password', '*.secret', 'headers.authorization', 'req.headers.authorization', 'connectionParams.Authorization', 'connectionParams.authorization'];

/**
 * A pino logger writing one JSON object per line, with ISO timestamps, the level as a word and,
 * inside a request, the request's ids (see request-context.ts).
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service ?? 'ledger', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      mixin: () => {
        const context = currentRequestContext();
        return context === undefined ? {} : { ...context };
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
