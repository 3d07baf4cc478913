import type { EventStore } from '@ledger/event-store';
import { projectUntil, READ_MODEL_TABLES, type ReadModel, readCheckpoint } from '@ledger/projections';
import { dumpReadModel } from '@ledger/projections/testing/dump-read-model';

export interface TableComparison {
  table: string;
  liveRows: number;
  rebuiltRows: number;
  /** Rows missing on either side or different. */
  differingRows: number;
}

export interface ViewComparison {
  /** The live views' checkpoint: the rebuild projects exactly the events up to it. */
  position: number;
  /** The store's head when compared (may be past `position` by events appended during shutdown). */
  head: number;
  /** Events the rebuild applied. */
  rebuiltEvents: number;
  tables: TableComparison[];
  /** Differing rows of the per-agency view tables, by viewing agency. */
  differingByAgency: Record<string, number>;
  equal: boolean;
}

/**
 * Projects the log from scratch, up to the live views' checkpoint, into an empty read model at
 * `scratchUrl`, and compares both row by row: an incrementally maintained view that drifted from
 * what the events say (an event applied twice, skipped, or applied out of order) shows here.
 */
export async function compareWithRebuild(store: EventStore, live: ReadModel, scratchUrl: string): Promise<ViewComparison> {
  const position = await readCheckpoint(live.db, live.dialect);
  const head = await store.headPosition();
  const rebuilt = await projectUntil(store, { position }, { readModelUrl: scratchUrl });
  try {
    const [liveDump, rebuiltDump] = [await dumpReadModel(live), await dumpReadModel(rebuilt.readModel)];
    const tables: TableComparison[] = [];
    const differingByAgency: Record<string, number> = {};
    for (const { name, key } of READ_MODEL_TABLES) {
      const keyOf = (row: Record<string, unknown>) => JSON.stringify(key.map((column) => row[column]));
      const liveRows = new Map(liveDump[name].map((row) => [keyOf(row), row]));
      const rebuiltRows = new Map(rebuiltDump[name].map((row) => [keyOf(row), row]));
      let differingRows = 0;
      for (const rowKey of new Set([...liveRows.keys(), ...rebuiltRows.keys()])) {
        const [a, b] = [liveRows.get(rowKey), rebuiltRows.get(rowKey)];
        if (a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b)) continue;
        differingRows += 1;
        const agency = (a ?? b)?.agency_id;
        if (name.startsWith('view_') && typeof agency === 'string') differingByAgency[agency] = (differingByAgency[agency] ?? 0) + 1;
      }
      tables.push({ table: name, liveRows: liveRows.size, rebuiltRows: rebuiltRows.size, differingRows });
    }
    const equal = rebuilt.position === position && tables.every((table) => table.differingRows === 0);
    return { position, head, rebuiltEvents: rebuilt.events, tables, differingByAgency, equal };
  } finally {
    await rebuilt.readModel.close();
  }
}
