import type { Page } from '@ledger/projections';
import { badInput } from './api-errors';

/** Checks a page size against the configured maximum (LEDGER_MAX_PAGE_SIZE). */
export function checkPageSize(first: number | null | undefined, maxPageSize: number): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > maxPageSize) {
    throw badInput('first', 'page.first-within-limit', `must be an integer from 1 to ${maxPageSize} (got ${String(first)})`);
  }
  return size;
}

/** A Relay connection over a page of views. */
export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export function toConnection<T>(page: Page<T>, after: string | null | undefined): Connection<T> {
  return {
    edges: page.items.map((node, index) => ({ cursor: page.cursors[index] as string, node })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      // Forward paging only: there is something before the page exactly when it started after a cursor.
      hasPreviousPage: after !== null && after !== undefined,
      startCursor: page.startCursor,
      endCursor: page.endCursor,
    },
  };
}
