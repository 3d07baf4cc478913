import fc from 'fast-check';
import { anchorOf, MAX_COMMIT_POSITION, toGlobalPosition } from './global-position';

describe('EventStoreDB position mapping', () => {
  const commit = fc.bigInt({ min: 0n, max: MAX_COMMIT_POSITION });

  it('keeps the order of commit positions and yields positive odd safe integers', () => {
    fc.assert(
      fc.property(commit, commit, (a, b) => {
        const [ga, gb] = [toGlobalPosition(a), toGlobalPosition(b)];
        expect(Number.isSafeInteger(ga) && ga >= 1 && ga % 2 === 1).toBe(true);
        expect(Math.sign(ga - gb)).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });

  it('reads a position as "this event, included" and position + 1 as "after this event"', () => {
    fc.assert(
      fc.property(commit.filter((c) => c > 0n), (c) => {
        const position = toGlobalPosition(c);
        expect(anchorOf(position)).toEqual({ kind: 'event', commit: c, inclusive: true });
        expect(anchorOf(position + 1)).toEqual({ kind: 'event', commit: c, inclusive: false });
      }),
    );
  });

  it('starts at the beginning for no position, 0 and 1', () => {
    expect(anchorOf(undefined)).toEqual({ kind: 'start' });
    expect(anchorOf(0)).toEqual({ kind: 'start' });
    expect(anchorOf(1)).toEqual({ kind: 'start' });
  });

  it('refuses commit positions it cannot map exactly', () => {
    expect(toGlobalPosition(MAX_COMMIT_POSITION)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toGlobalPosition(MAX_COMMIT_POSITION + 1n)).toThrow(RangeError);
    expect(() => toGlobalPosition(-1n)).toThrow(RangeError);
  });
});
