import { BadInputError } from '@ledger/domain/shared/errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Forward paging: `first` items after the item whose cursor is `after`. */
export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

export interface Page<T> {
  items: T[];
  /** One cursor per item, in order. */
  cursors: string[];
  hasNextPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** Checks a page request: `first` within [1, MAX_PAGE_SIZE], `after` a cursor this API issued. */
export function pageWindow(request: PageRequest | undefined): { size: number; afterSortKey: number | null } {
  const first = request?.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadInputError('page.first-within-limit', `first must be an integer from 1 to ${MAX_PAGE_SIZE} (got ${String(first)})`);
  }
  const after = request?.after ?? null;
  return { size: first, afterSortKey: after === null ? null : decodeCursor(after) };
}

export function encodeCursor(sortKey: number): string {
  return Buffer.from(`v1:${sortKey}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const text = typeof cursor === 'string' ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^v1:(\d{1,16})$/.exec(text);
  if (!match) throw new BadInputError('page.after-is-a-cursor', 'after must be a cursor returned by a previous page');
  return Number(match[1]);
}

/** Builds a page from up to size + 1 rows fetched newest first. */
export function toPage<Row extends { sort_key: number | string }, T>(rows: Row[], size: number, map: (row: Row) => T): Page<T> {
  const visible = rows.slice(0, size);
  const cursors = visible.map((row) => encodeCursor(Number(row.sort_key)));
  return {
    items: visible.map(map),
    cursors,
    hasNextPage: rows.length > size,
    startCursor: cursors[0] ?? null,
    endCursor: cursors[cursors.length - 1] ?? null,
  };
}
