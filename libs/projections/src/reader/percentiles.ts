/**
 * Percentiles by linear interpolation between closest ranks (the common "type 7" definition):
 * the median of [1, 2, 3, 4] is 2.5; null for an empty sample.
 */
export function percentile(values: readonly number[], fraction: number): number | null {
  if (!(fraction >= 0 && fraction <= 1)) throw new Error(`percentile fraction must be within [0, 1] (got ${fraction})`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = fraction * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - lower);
}

const DAY_MS = 86_400_000;

/** Days between two ISO-8601 instants, to a hundredth of a day. */
export function daysBetween(from: string, to: string): number {
  return Math.round(((Date.parse(to) - Date.parse(from)) / DAY_MS) * 100) / 100;
}
