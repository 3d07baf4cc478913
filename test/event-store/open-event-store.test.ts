import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EventStoreConfigError, openEventStore, SqliteEventStore, sqliteFileFromUrl } from '@ledger/event-store';

describe('openEventStore', () => {
  it('reads sqlite: URLs as file paths', () => {
    expect(sqliteFileFromUrl('sqlite:./data/ledger.db', '/srv/ledger')).toBe('/srv/ledger/data/ledger.db');
    expect(sqliteFileFromUrl('sqlite:/var/lib/ledger.db', '/srv/ledger')).toBe('/var/lib/ledger.db');
    expect(sqliteFileFromUrl('sqlite:///var/lib/ledger.db', '/srv/ledger')).toBe('/var/lib/ledger.db');
    expect(sqliteFileFromUrl('sqlite::memory:')).toBe(':memory:');
    expect(() => sqliteFileFromUrl('sqlite:')).toThrow(EventStoreConfigError);
  });

  it('opens the store named by LEDGER_EVENT_STORE when no URL is given', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-open-'));
    const previous = process.env.LEDGER_EVENT_STORE;
    process.env.LEDGER_EVENT_STORE = `sqlite:${path.join(dir, 'from-env', 'ledger.db')}`;
    try {
      const store = await openEventStore();
      expect(store).toBeInstanceOf(SqliteEventStore);
      await store.close();
      expect(fs.existsSync(path.join(dir, 'from-env', 'ledger.db'))).toBe(true);
    } finally {
      if (previous === undefined) delete process.env.LEDGER_EVENT_STORE;
      else process.env.LEDGER_EVENT_STORE = previous;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(['mysql://localhost/ledger', 'ledger.db', 'http://localhost:2113'])('refuses the unsupported URL %s, listing the supported schemes', async (url) => {
    const error = await openEventStore(url).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(EventStoreConfigError);
    expect((error as Error).message).toMatch(/sqlite:.*postgres:\/\/.*esdb:\/\//);
  });

  it('does not print the password of a refused URL', async () => {
    const error = await openEventStore('mysql://ledger:s3cret@db/ledger').then(() => undefined, (e: unknown) => e);
    expect((error as Error).message).not.toContain('s3cret');
  });
});
