import type Database from 'better-sqlite3';

/**
 * Schema versions, applied in order and recorded in SQLite's `user_version`. Each runs inside
 * a BEGIN IMMEDIATE transaction that re-reads the version first, so two processes opening a
 * new file at the same time apply each step exactly once.
 */
const MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      -- global_position is the rowid. Only one connection can write at a time (the write lock is
      -- taken by BEGIN IMMEDIATE and held to COMMIT), so rowids are handed out in commit order and
      -- a reader never sees a higher position before a lower one: rowid order IS the global order.
      -- Events are never deleted, so max(rowid) + 1 never reuses a position (no AUTOINCREMENT needed).
      CREATE TABLE ledger_events (
        global_position INTEGER PRIMARY KEY,
        stream TEXT NOT NULL,
        revision INTEGER NOT NULL CHECK (revision >= 0),
        event_id TEXT NOT NULL,
        type TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        occurred_at TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        officer_id TEXT NOT NULL,
        agency_id TEXT NOT NULL,
        command_id TEXT NOT NULL,
        correlation_id TEXT NOT NULL,
        causation_id TEXT NOT NULL,
        data TEXT NOT NULL,
        hash TEXT NOT NULL,
        previous_hash TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX ledger_events_stream_revision ON ledger_events (stream, revision);
      CREATE UNIQUE INDEX ledger_events_event_id ON ledger_events (event_id);
      -- Idempotency lookups; revision is part of the key so they never fall back to scanning
      -- the whole stream through the (stream, revision) index.
      CREATE INDEX ledger_events_stream_command ON ledger_events (stream, command_id, revision);
      -- The log is append-only, also for anyone who opens the file with another tool.
      CREATE TRIGGER ledger_events_no_update BEFORE UPDATE ON ledger_events
        BEGIN SELECT RAISE(ABORT, 'ledger events are immutable: UPDATE is not allowed'); END;
      CREATE TRIGGER ledger_events_no_delete BEFORE DELETE ON ledger_events
        BEGIN SELECT RAISE(ABORT, 'ledger events are immutable: DELETE is not allowed'); END;
    `,
  },
];

export const SQLITE_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export function migrateSqlite(db: Database.Database): void {
  const current = (): number => db.pragma('user_version', { simple: true }) as number;
  if (current() > SQLITE_SCHEMA_VERSION) {
    throw new Error(`the event store file has schema version ${current()}, newer than this program (${SQLITE_SCHEMA_VERSION})`);
  }
  for (const migration of MIGRATIONS) {
    db.transaction(() => {
      if (current() >= migration.version) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
