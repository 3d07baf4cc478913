import type { Pool } from 'pg';

/** Advisory lock keys (first half: a fixed namespace so other applications' keys cannot collide). */
export const LOCK_NAMESPACE = 0x4c454447; // "LEDG"
export const MIGRATION_LOCK = 1;

/** The channel appenders NOTIFY after a commit; listeners treat it only as a wake-up. */
export const WAKE_CHANNEL = 'ledger_events';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * How PostgreSQL keeps a global order that readers can follow without skipping events.
 *
 * Appends from many processes run concurrently, so commit order is not the order in which
 * positions are handed out: a transaction may take position 10, stay open, and commit after the
 * transaction holding position 11 has become visible. A reader that delivered 11 and moved on
 * would never see 10 (the "skipped event" of naive sequence-based stores).
 *
 * Each row stores its transaction id (`pg_current_xact_id()`, xid8) next to its position, and
 * the append function takes the transaction id and reserves the positions inside one short
 * critical section (a session advisory lock held for microseconds, not until commit). Hence,
 * among appenders, position order equals transaction-id order, and ordering by
 * (transaction_id, global_position) is the same as ordering by global_position alone.
 *
 * Readers then deliver a row only when no still-running append can end up before it:
 *  - rule 1 (as in Emmett): its transaction id is below the snapshot's xmin — every transaction
 *    with a smaller id, hence every smaller position, has finished (committed and visible, or
 *    rolled back and gone);
 *  - rule 2: it directly follows a deliverable row with no hole in positions — nothing is left
 *    in between that could still appear.
 * Rule 2 keeps a store from stalling behind unrelated long transactions of the cluster (which
 * hold xmin back); rule 1 resolves holes left by rolled-back appends. The largest deliverable
 * position is the "safe head" computed by SAFE_HEAD_CTE in postgres-event-store.ts.
 *
 * So `global_position` is a positive integer, strictly increasing in delivery order, assigned
 * once at append time (the append returns it), and resumable as "last delivered + 1".
 */
const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'event log',
    sql: `
      CREATE SEQUENCE ledger_events_position_seq AS bigint START 1 MINVALUE 1 NO CYCLE;

      CREATE TABLE ledger_events (
        global_position bigint NOT NULL,
        transaction_id xid8 NOT NULL,
        stream text NOT NULL,
        revision bigint NOT NULL CHECK (revision >= 0),
        event_id text NOT NULL,
        type text NOT NULL,
        schema_version integer NOT NULL,
        occurred_at text NOT NULL,
        recorded_at text NOT NULL,
        officer_id text NOT NULL,
        agency_id text NOT NULL,
        command_id text NOT NULL,
        correlation_id text NOT NULL,
        causation_id text NOT NULL,
        data json NOT NULL,
        hash text NOT NULL,
        previous_hash text NOT NULL,
        CONSTRAINT ledger_events_pkey PRIMARY KEY (global_position) INCLUDE (transaction_id),
        CONSTRAINT ledger_events_stream_revision UNIQUE (stream, revision),
        CONSTRAINT ledger_events_event_id UNIQUE (event_id)
      );
      CREATE INDEX ledger_events_stream_command ON ledger_events (stream, command_id);

      CREATE FUNCTION ledger_events_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger events are immutable: % is not allowed', TG_OP USING ERRCODE = 'LDG03';
      END $$;
      CREATE TRIGGER ledger_events_no_change BEFORE UPDATE OR DELETE ON ledger_events
        FOR EACH ROW EXECUTE FUNCTION ledger_events_immutable();
      CREATE TRIGGER ledger_events_no_truncate BEFORE TRUNCATE ON ledger_events
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_events_immutable();

      -- Appends events prepared (envelope and hash chain) by the client, in one round trip.
      -- p_after_revision: the revision the events follow (-1 for a new stream); the client
      -- computed the hash chain from that event, so the append must fail if the stream moved.
      -- p_events: JSON array of {revision, event_id, type, schema_version, occurred_at, data, hash, previous_hash}.
      -- Returns the first event's global position; the others follow it contiguously.
      CREATE FUNCTION ledger_append_events(
        p_stream text, p_after_revision bigint, p_command_id text, p_recorded_at text,
        p_officer_id text, p_agency_id text, p_correlation_id text, p_causation_id text, p_events json
      ) RETURNS bigint LANGUAGE plpgsql AS $$
      DECLARE
        v_count integer := json_array_length(p_events);
        v_last bigint;
        v_xid xid8;
        v_first bigint;
      BEGIN
        IF v_count < 1 THEN
          RAISE EXCEPTION 'ledger_append_events needs at least one event' USING ERRCODE = '22023';
        END IF;
        -- Appends to one stream take turns until commit, so the checks below stay true.
        PERFORM pg_advisory_xact_lock(${LOCK_NAMESPACE}, hashtext(p_stream));
        IF EXISTS (SELECT 1 FROM ledger_events WHERE stream = p_stream AND command_id = p_command_id) THEN
          RAISE EXCEPTION 'command % is already recorded in stream %', p_command_id, p_stream USING ERRCODE = 'LDG01';
        END IF;
        SELECT max(revision) INTO v_last FROM ledger_events WHERE stream = p_stream;
        IF coalesce(v_last, -1) <> p_after_revision THEN
          RAISE EXCEPTION 'stream % is at revision %, not %', p_stream, coalesce(v_last, -1), p_after_revision USING ERRCODE = 'LDG02';
        END IF;
        -- The transaction id must be taken inside the critical section (see the ordering note).
        IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
          RAISE EXCEPTION 'ledger_append_events must be the first write of its transaction' USING ERRCODE = 'LDG04';
        END IF;
        PERFORM pg_advisory_lock(${LOCK_NAMESPACE} + 1, 0);
        v_xid := pg_current_xact_id();
        v_first := nextval('ledger_events_position_seq');
        IF v_count > 1 THEN
          PERFORM setval('ledger_events_position_seq', v_first + v_count - 1);
        END IF;
        PERFORM pg_advisory_unlock(${LOCK_NAMESPACE} + 1, 0);

        INSERT INTO ledger_events (global_position, transaction_id, stream, revision, event_id, type, schema_version,
          occurred_at, recorded_at, officer_id, agency_id, command_id, correlation_id, causation_id, data, hash, previous_hash)
        SELECT v_first + (e.revision - p_after_revision - 1), v_xid, p_stream, e.revision, e.event_id, e.type, e.schema_version,
          e.occurred_at, p_recorded_at, p_officer_id, p_agency_id, p_command_id, p_correlation_id, p_causation_id, e.data, e.hash, e.previous_hash
        FROM json_to_recordset(p_events) AS e(revision bigint, event_id text, type text, schema_version integer,
          occurred_at text, data json, hash text, previous_hash text);

        PERFORM pg_notify('${WAKE_CHANNEL}', (v_first + v_count - 1)::text);
        RETURN v_first;
      END $$;
    `,
  },
];

export const POSTGRES_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/**
 * Brings the schema up to date. Safe when several processes start at once: they queue on an
 * advisory lock, and each migration is applied and recorded in one transaction.
 */
export async function migratePostgres(pool: Pool): Promise<void> {
  const client = await pool.connect();
  let failure: unknown;
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', [LOCK_NAMESPACE, MIGRATION_LOCK]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS ledger_event_store_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const { rows } = await client.query<{ version: number }>('SELECT version FROM ledger_event_store_migrations');
      const applied = new Set(rows.map((row) => row.version));
      const newest = Math.max(0, ...applied);
      if (newest > POSTGRES_SCHEMA_VERSION) {
        throw new Error(`the event store schema has version ${newest}, newer than this program (${POSTGRES_SCHEMA_VERSION})`);
      }
      for (const migration of MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO ledger_event_store_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_NAMESPACE, MIGRATION_LOCK]).catch(() => undefined);
    }
  } catch (error) {
    failure = error;
    throw error;
  } finally {
    // A connection that failed mid-way may still hold the session lock: discard it.
    client.release(failure instanceof Error ? failure : undefined);
  }
}
