/**
 * A real database failure in the middle of a projector batch: a trigger that aborts the insert
 * of one case's view rows. Nothing in the projector knows about it.
 */
import { sql } from 'kysely';
import type { ReadModel } from '@ledger/projections';

export async function failInsertsOfCase(readModel: ReadModel, caseId: string): Promise<void> {
  if (readModel.dialect === 'sqlite') {
    await sql
      .raw(`CREATE TRIGGER inject_failure BEFORE INSERT ON view_cases WHEN NEW.case_id = '${caseId}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`)
      .execute(readModel.db);
    return;
  }
  const schema = schemaOf(readModel);
  await sql
    .raw(
      `CREATE FUNCTION ${schema}.inject_failure() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.case_id = '${caseId}' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`,
    )
    .execute(readModel.db);
  await sql.raw(`CREATE TRIGGER inject_failure BEFORE INSERT ON ${schema}.view_cases FOR EACH ROW EXECUTE FUNCTION ${schema}.inject_failure()`).execute(readModel.db);
}

export async function stopFailing(readModel: ReadModel): Promise<void> {
  if (readModel.dialect === 'sqlite') {
    await sql.raw('DROP TRIGGER inject_failure').execute(readModel.db);
    return;
  }
  const schema = schemaOf(readModel);
  await sql.raw(`DROP TRIGGER inject_failure ON ${schema}.view_cases`).execute(readModel.db);
  await sql.raw(`DROP FUNCTION ${schema}.inject_failure()`).execute(readModel.db);
}

function schemaOf(readModel: ReadModel): string {
  const match = /\(schema ([a-z0-9_]+)\)$/.exec(readModel.location);
  if (!match) throw new Error(`cannot tell the schema of ${readModel.location}`);
  return match[1];
}
