/**
 * Every row of every read-model table in key order, for comparing two read models (an
 * incrementally maintained one against a rebuild, before and after a crash, SQLite against PostgreSQL).
 */
import type { ReadModel } from '../storage/read-model';
import { READ_MODEL_TABLES, type ReadModelTableName } from '../storage/tables';

export type ReadModelDump = Record<ReadModelTableName, Array<Record<string, unknown>>>;

export async function dumpReadModel(readModel: ReadModel): Promise<ReadModelDump> {
  const dump = {} as ReadModelDump;
  for (const { name, key } of READ_MODEL_TABLES) {
    let query = readModel.db.selectFrom(name).selectAll();
    for (const column of key) query = query.orderBy(column as never);
    const rows = (await query.execute()) as Array<Record<string, unknown>>;
    dump[name] = rows.map((row) => normalise(name, row));
  }
  return dump;
}

/** Same values whatever the backend: numbers for bigint columns, no commit timestamps. */
function normalise(table: ReadModelTableName, row: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    if (table === 'projection_checkpoint' && column === 'updated_at') continue;
    copy[column] = column === 'position' || column === 'sort_key' || column === 'suspended' ? Number(value) : value;
  }
  return copy;
}
