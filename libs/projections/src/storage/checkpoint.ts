import type { Kysely } from 'kysely';
import type { ReadModelDialect } from './read-model';
import type { ReadModelTables } from './tables';

/** The name of the one projection whose checkpoint the table holds. */
export const VIEWS_PROJECTION = 'views';

/**
 * The last applied global position (0: nothing applied). Inside a batch transaction on PostgreSQL
 * the row is locked, so two projectors on one read model can never apply the same events twice.
 */
export async function readCheckpoint(db: Kysely<ReadModelTables>, dialect: ReadModelDialect, forUpdate = false): Promise<number> {
  let query = db.selectFrom('projection_checkpoint').select('position').where('projection', '=', VIEWS_PROJECTION);
  if (forUpdate && dialect === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? Number(row.position) : 0;
}

export async function writeCheckpoint(db: Kysely<ReadModelTables>, position: number, now: Date = new Date()): Promise<void> {
  await db
    .insertInto('projection_checkpoint')
    .values({ projection: VIEWS_PROJECTION, position, updated_at: now.toISOString() })
    .onConflict((conflict) => conflict.column('projection').doUpdateSet({ position, updated_at: now.toISOString() }))
    .execute();
}
