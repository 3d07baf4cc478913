/**
 * Read-model migrations, applied automatically when a read model is opened. The same builder
 * calls produce the tables on SQLite and PostgreSQL.
 */
import { type Kysely, type Migration, type MigrationProvider } from 'kysely';

const text = 'text' as const;
const bigint = 'bigint' as const;
const integer = 'integer' as const;

const initial: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('projection_checkpoint')
      .addColumn('projection', text, (c) => c.primaryKey())
      .addColumn('position', bigint, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .execute();
    // The row exists from the start, so a batch can always lock it (two projectors never race on the first batch).
    await db.insertInto('projection_checkpoint').values({ projection: 'views', position: 0, updated_at: new Date(0).toISOString() }).execute();

    for (const [table, key] of [
      ['state_agencies', 'agency_id'],
      ['state_agreements', 'agreement_id'],
      ['state_cases', 'case_id'],
      ['state_clues', 'clue_id'],
    ] as const) {
      await db.schema.createTable(table).addColumn(key, text, (c) => c.primaryKey()).addColumn('doc', text, (c) => c.notNull()).execute();
    }

    await db.schema
      .createTable('state_case_facts')
      .addColumn('case_id', text, (c) => c.notNull())
      .addColumn('fact_id', text, (c) => c.notNull())
      .addColumn('position', bigint, (c) => c.notNull())
      .addColumn('doc', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('state_case_facts_pk', ['case_id', 'fact_id'])
      .execute();

    await db.schema
      .createTable('state_agreement_parties')
      .addColumn('agency_id', text, (c) => c.notNull())
      .addColumn('agreement_id', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('state_agreement_parties_pk', ['agency_id', 'agreement_id'])
      .execute();

    for (const [table, entity] of [
      ['state_case_shares', 'case_id'],
      ['state_clue_recipients', 'clue_id'],
    ] as const) {
      await db.schema
        .createTable(table)
        .addColumn(entity, text, (c) => c.notNull())
        .addColumn('recipient_agency_id', text, (c) => c.notNull())
        .addColumn('agreement_id', text, (c) => c.notNull())
        .addPrimaryKeyConstraint(`${table}_pk`, [entity, 'recipient_agency_id'])
        .execute();
      await db.schema.createIndex(`${table}_by_recipient`).on(table).columns(['recipient_agency_id']).execute();
      await db.schema.createIndex(`${table}_by_agreement`).on(table).columns(['agreement_id']).execute();
    }

    await db.schema
      .createTable('view_officers')
      .addColumn('agency_id', text, (c) => c.notNull())
      .addColumn('officer_id', text, (c) => c.notNull())
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('roles', text, (c) => c.notNull())
      .addColumn('audit_scope', text, (c) => c.notNull())
      .addColumn('suspended', integer, (c) => c.notNull())
      .addPrimaryKeyConstraint('view_officers_pk', ['agency_id', 'officer_id'])
      .execute();
    await db.schema.createIndex('view_officers_by_officer').on('view_officers').columns(['officer_id']).execute();

    await db.schema
      .createTable('view_agencies')
      .addColumn('agency_id', text, (c) => c.notNull())
      .addColumn('subject_agency_id', text, (c) => c.notNull())
      .addColumn('doc', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('view_agencies_pk', ['agency_id', 'subject_agency_id'])
      .execute();

    await db.schema
      .createTable('view_agreements')
      .addColumn('agency_id', text, (c) => c.notNull())
      .addColumn('agreement_id', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('sort_key', bigint, (c) => c.notNull())
      .addColumn('doc', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('view_agreements_pk', ['agency_id', 'agreement_id'])
      .execute();
    await db.schema.createIndex('view_agreements_by_agreement').on('view_agreements').columns(['agreement_id']).execute();

    await db.schema
      .createTable('view_cases')
      .addColumn('agency_id', text, (c) => c.notNull())
      .addColumn('case_id', text, (c) => c.notNull())
      .addColumn('viewer_role', text, (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('tlp', text, (c) => c.notNull())
      .addColumn('owner_agency_id', text, (c) => c.notNull())
      .addColumn('search_text', text, (c) => c.notNull())
      .addColumn('sort_key', bigint, (c) => c.notNull())
      .addColumn('valid_from', text)
      .addColumn('valid_until', text)
      .addColumn('doc', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('view_cases_pk', ['agency_id', 'case_id'])
      .execute();
    await db.schema.createIndex('view_cases_by_case').on('view_cases').columns(['case_id']).execute();
    await db.schema.createIndex('view_cases_page').on('view_cases').columns(['agency_id', 'sort_key']).execute();

    await db.schema
      .createTable('view_case_facts')
      .addColumn('agency_id', text, (c) => c.notNull())
      .addColumn('case_id', text, (c) => c.notNull())
      .addColumn('fact_id', text, (c) => c.notNull())
      .addColumn('sort_key', bigint, (c) => c.notNull())
      .addColumn('valid_from', text)
      .addColumn('valid_until', text)
      .addColumn('doc', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('view_case_facts_pk', ['agency_id', 'case_id', 'fact_id'])
      .execute();

    await db.schema
      .createTable('view_clues')
      .addColumn('agency_id', text, (c) => c.notNull())
      .addColumn('clue_id', text, (c) => c.notNull())
      .addColumn('box', text, (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('status', text)
      .addColumn('sort_key', bigint, (c) => c.notNull())
      .addColumn('valid_from', text)
      .addColumn('valid_until', text)
      .addColumn('doc', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('view_clues_pk', ['agency_id', 'clue_id'])
      .execute();
    await db.schema.createIndex('view_clues_by_clue').on('view_clues').columns(['clue_id']).execute();
    await db.schema.createIndex('view_clues_page').on('view_clues').columns(['agency_id', 'box', 'sort_key']).execute();

    await db.schema
      .createTable('view_clue_links')
      .addColumn('agency_id', text, (c) => c.notNull())
      .addColumn('clue_id', text, (c) => c.notNull())
      .addColumn('partner_agency_id', text, (c) => c.notNull())
      .addColumn('box', text, (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('submitted_at', text, (c) => c.notNull())
      .addColumn('acknowledged_at', text)
      .addColumn('outcome', text)
      .addColumn('outcome_at', text)
      .addColumn('valid_from', text)
      .addColumn('valid_until', text)
      .addPrimaryKeyConstraint('view_clue_links_pk', ['agency_id', 'clue_id', 'partner_agency_id'])
      .execute();
    await db.schema.createIndex('view_clue_links_by_clue').on('view_clue_links').columns(['clue_id']).execute();
  },
};

export const readModelMigrations: MigrationProvider = {
  async getMigrations() {
    return { '0001_views': initial };
  },
};

export const MIGRATION_TABLE = 'views_migration';
export const MIGRATION_LOCK_TABLE = 'views_migration_lock';
