// Robust statistics for routines: a commute time has outliers (the overtime evening, the late start after a
// holiday), so the centre is the median and the spread the scaled median absolute deviation, which one odd day
// cannot drag, unlike a mean and a standard deviation.

/** The median of `values` (the mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The median absolute deviation scaled by 1.4826, so that for normally distributed values it estimates the
 * standard deviation; 0 for fewer than two values.
 */
export function robustSpread(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const centre = median(values);
  return 1.4826 * median(values.map((v) => Math.abs(v - centre)));
}

/** Posterior mean of a rate with a uniform prior (Laplace's rule): few observations give a cautious estimate. */
export function laplaceRate(successes: number, trials: number): number {
  return (successes + 1) / (trials + 2);
}
