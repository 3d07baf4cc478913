import type { Logger } from 'pino';
import { EventStoreConfigError } from './errors';
import type { EventStore } from './event-store.port';
import { openPostgresEventStore } from './adapters/postgres/postgres-event-store';
import { sqliteFileFromUrl } from './adapters/sqlite/sqlite-location';
import { openSqliteEventStore } from './adapters/sqlite/sqlite-event-store';

export const DEFAULT_EVENT_STORE_URL = 'sqlite:./data/ledger.db';

/** Settings every adapter understands; each ignores what does not apply to it. */
export interface OpenEventStoreOptions {
  logger?: Logger;
  /** Largest serialized `data` of one event; default DEFAULT_MAX_EVENT_BYTES. */
  maxEventBytes?: number;
  /** Longest wait of a live subscription between two looks at the store. */
  pollIntervalMs?: number;
}

/** What the EventStoreDB adapter module (adapters/esdb) exports. */
interface EsdbAdapterModule {
  openEsdbEventStore(url: string, options?: { logger?: Logger; maxEventBytes?: number }): EventStore | Promise<EventStore>;
}

/**
 * Opens the event store a URL names, choosing the adapter by scheme:
 * `sqlite:<file>` (embedded default; `sqlite::memory:` for tests), `postgres://` / `postgresql://`,
 * `esdb://` / `esdb+discover://`.
 */
export async function openEventStore(url: string = process.env.LEDGER_EVENT_STORE ?? DEFAULT_EVENT_STORE_URL, options: OpenEventStoreOptions = {}): Promise<EventStore> {
  const scheme = url.slice(0, url.indexOf(':') + 1).toLowerCase();
  switch (scheme) {
    case 'sqlite:':
      return openSqliteEventStore(sqliteFileFromUrl(url), options);
    case 'postgres:':
    case 'postgresql:':
      return openPostgresEventStore(url, options);
    case 'esdb:':
    case 'esdb+discover:':
      return loadEsdbAdapter().openEsdbEventStore(url, { logger: options.logger, maxEventBytes: options.maxEventBytes });
    default:
      throw new EventStoreConfigError(
        `unsupported event store URL ${JSON.stringify(redactPassword(url))}: expected sqlite:<file>, postgres://…, postgresql://…, esdb://… or esdb+discover://…`,
      );
  }
}

/** Loaded on demand, so the SQLite and PostgreSQL stores never load the EventStoreDB client. */
function loadEsdbAdapter(): EsdbAdapterModule {
  let adapter: Partial<EsdbAdapterModule>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    adapter = require('./adapters/esdb') as Partial<EsdbAdapterModule>;
  } catch (error) {
    const missing = (error as { code?: unknown }).code === 'MODULE_NOT_FOUND' && /adapters[\\/]esdb/.test((error as Error).message.split('\n')[0]);
    if (!missing) throw error;
    throw new EventStoreConfigError('esdb:// needs the EventStoreDB adapter (libs/event-store/src/adapters/esdb), which is not part of this build', error);
  }
  if (typeof adapter.openEsdbEventStore !== 'function') {
    throw new EventStoreConfigError('the EventStoreDB adapter module does not export openEsdbEventStore(url)');
  }
  return adapter as EsdbAdapterModule;
}

function redactPassword(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
}
