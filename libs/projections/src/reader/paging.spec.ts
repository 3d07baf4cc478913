import { decodeCursor, encodeCursor, MAX_PAGE_SIZE, pageWindow, toPage } from './paging';

describe('paging', () => {
  it('round-trips cursors and rejects foreign ones naming the rule', () => {
    expect(decodeCursor(encodeCursor(12345))).toBe(12345);
    expect(() => decodeCursor('bm9wZQ')).toThrow(/page.after-is-a-cursor/);
  });
  it('bounds the page size', () => {
    expect(pageWindow(undefined).size).toBe(20);
    expect(pageWindow({ first: MAX_PAGE_SIZE }).size).toBe(MAX_PAGE_SIZE);
    expect(() => pageWindow({ first: MAX_PAGE_SIZE + 1 })).toThrow(/page.first-within-limit.*first must be/);
    expect(() => pageWindow({ first: 0 })).toThrow(/page.first-within-limit/);
  });
  it('builds a page from size + 1 rows', () => {
    const page = toPage([{ sort_key: 9 }, { sort_key: 7 }, { sort_key: 3 }], 2, (row) => row.sort_key);
    expect(page.items).toEqual([9, 7]);
    expect(page.hasNextPage).toBe(true);
    expect(decodeCursor(page.endCursor as string)).toBe(7);
  });
});
