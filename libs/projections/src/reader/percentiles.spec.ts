import { daysBetween, percentile } from './percentiles';

describe('percentile', () => {
  it('interpolates between closest ranks', () => {
    expect(percentile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
    expect(percentile([7], 0.9)).toBe(7);
  });
  it('is null for no values and refuses fractions outside [0, 1]', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(() => percentile([1], 1.5)).toThrow(/fraction/);
  });
  it('measures days between instants', () => {
    expect(daysBetween('2025-01-01T00:00:00.000Z', '2025-01-03T12:00:00.000Z')).toBe(2.5);
  });
});
