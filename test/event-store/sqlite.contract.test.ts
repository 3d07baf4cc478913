import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { type EventStore, openEventStore, SqliteEventStore } from '@ledger/event-store';
import { contextOf, describeEventStoreContract, eventOf, streamOf } from './event-store.contract';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-sqlite-'));
const open: EventStore[] = [];
let counter = 0;

describeEventStoreContract('SQLite', {
  async open() {
    counter += 1;
    // A directory that does not exist yet: the store creates it.
    const store = await openEventStore(`sqlite:${path.join(root, `store-${counter}`, 'data', 'ledger.db')}`);
    open.push(store);
    return store;
  },
  urlOf(store) {
    return `sqlite:${(store as SqliteEventStore).file}`;
  },
  async cleanup() {
    await Promise.all(open.map((store) => store.close()));
    fs.rmSync(root, { recursive: true, force: true });
  },
});

describe('SQLite event store', () => {
  it('creates the file with WAL journaling and the schema', async () => {
    const file = path.join(root, 'wal', 'nested', 'ledger.db');
    const store = await openEventStore(`sqlite:${file}`);
    await store.append(streamOf('case'), [eventOf('CaseOpened')], 'no_stream', contextOf());
    await store.close();
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      expect(db.prepare('SELECT count(*) AS n FROM ledger_events').get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });

  it('opens an in-memory store from sqlite::memory:', async () => {
    const store = await openEventStore('sqlite::memory:');
    try {
      const result = await store.append(streamOf('case'), [eventOf('CaseOpened')], 'no_stream', contextOf());
      expect(result.positions[0].globalPosition).toBe(1);
      expect(await store.headPosition()).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('refuses to update or delete stored events, even through another connection', async () => {
    const file = path.join(root, 'immutable', 'ledger.db');
    const store = await openEventStore(`sqlite:${file}`);
    await store.append(streamOf('case'), [eventOf('CaseOpened')], 'no_stream', contextOf());
    const db = new Database(file);
    try {
      expect(() => db.prepare("UPDATE ledger_events SET type = 'Forged'").run()).toThrow(/immutable/);
      expect(() => db.prepare('DELETE FROM ledger_events').run()).toThrow(/immutable/);
    } finally {
      db.close();
      await store.close();
    }
  });

  it('keeps the schema when reopened, and continues the positions', async () => {
    const url = `sqlite:${path.join(root, 'reopen', 'ledger.db')}`;
    const first = await openEventStore(url);
    const stream = streamOf('case');
    await first.append(stream, [eventOf('CaseOpened'), eventOf('NoteAdded')], 'no_stream', contextOf());
    await first.close();
    const second = await openEventStore(url);
    try {
      const result = await second.append(stream, [eventOf('CaseClosed')], 1, contextOf());
      expect(result.positions[0]).toMatchObject({ revision: 2, globalPosition: 3 });
    } finally {
      await second.close();
    }
  });
});
