import * as path from 'node:path';
import { EventStoreConfigError } from '../../errors';

export const SQLITE_MEMORY = ':memory:';

/**
 * The database file a `sqlite:` URL names: `sqlite:./data/ledger.db` (relative to the working
 * directory), `sqlite:/var/lib/ledger/ledger.db`, `sqlite:///var/lib/ledger/ledger.db`, or
 * `sqlite::memory:` (a private in-memory database, for tests).
 */
export function sqliteFileFromUrl(url: string, cwd: string = process.cwd()): string {
  if (!url.startsWith('sqlite:')) throw new EventStoreConfigError(`not a sqlite: URL: ${url}`);
  let file = url.slice('sqlite:'.length);
  if (file.startsWith('//')) file = file.slice(2);
  if (file === SQLITE_MEMORY) return SQLITE_MEMORY;
  if (file === '') throw new EventStoreConfigError('the sqlite: URL must name a file, e.g. sqlite:./data/ledger.db');
  return path.resolve(cwd, file);
}
