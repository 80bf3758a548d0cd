/** Pure statistics for the benchmark: no I/O, no clocks. */

/**
 * The p-th percentile (0 ≤ p ≤ 100) by linear interpolation between closest ranks (the "R-7" rule of
 * numpy and spreadsheets): p50 of [1, 2, 3, 4] is 2.5, p95 of 1..100 is 95.05.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError("percentile of an empty list");
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be in [0, 100]; got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (rank - lo);
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("mean of an empty list");
  return values.reduce((s, x) => s + x, 0) / values.length;
}

export interface Spread {
  p50: number;
  p95: number;
}

export function spread(values: readonly number[]): Spread {
  return { p50: percentile(values, 50), p95: percentile(values, 95) };
}

/** Rounds to `digits` decimals, for reports that people read. */
export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * Recall@k of an approximate search against exact search, counting ties: an approximate hit is right when
 * its similarity is at least the exact k-th best minus `epsilon` (the ann-benchmarks rule), so that two
 * equally near vectors (duplicate passages) are interchangeable. Similarities are larger-is-nearer.
 */
export function recallAtK(
  exactSimilarities: readonly number[],
  approxSimilarities: readonly number[],
  k: number,
  epsilon = 1e-4,
): number {
  const exact = [...exactSimilarities].sort((a, b) => b - a).slice(0, k);
  if (exact.length === 0) return 1;
  const threshold = (exact[exact.length - 1] as number) - epsilon;
  const found = approxSimilarities.slice(0, k).filter((s) => s >= threshold).length;
  return Math.min(found, exact.length) / exact.length;
}

/** Share of the approximate top-k ids that are in the exact top-k ids: the strict, tie-blind recall. */
export function idRecallAtK(exactIds: readonly number[], approxIds: readonly number[], k: number): number {
  const exact = new Set(exactIds.slice(0, k));
  if (exact.size === 0) return 1;
  return approxIds.slice(0, k).filter((id) => exact.has(id)).length / exact.size;
}
