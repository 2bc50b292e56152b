// Linear scales and "nice" ticks for the small SVG charts: the few lines of d3-scale these charts need.

/** A linear map from [d0, d1] to [r0, r1]; a zero-width domain maps everything to the middle of the range. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (x: number) => number {
  if (d1 === d0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (x) => r0 + (x - d0) * k;
}

/** Up to about `count` round tick values (1, 2 or 5 × 10ⁿ apart) covering [min, max]. */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max <= min) return [min];
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** [min, max] of the values, or the fallback when there are none. */
export function extent(values: Iterable<number>, fallback: [number, number] = [0, 1]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min === Infinity ? fallback : [min, max];
}

const MINUTE = 60_000;
const TIME_STEPS = [1, 5, 10, 15, 30, 60, 120, 180, 360].map((m) => m * MINUTE);

/**
 * Ticks for a virtual-time axis on whole minutes or hours of the scene's clock (not 5.6 h steps from niceTicks):
 * `offset` is the scene's start time of day in ms, so ticks land on 18:00, 19:00 … rather than on run-relative times.
 */
export function timeTicks(min: number, max: number, offset: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max <= min) return [];
  const step = TIME_STEPS.find((s) => (max - min) / s <= count) ?? TIME_STEPS.at(-1)!;
  const ticks: number[] = [];
  for (let t = Math.ceil((min + offset) / step) * step - offset; t <= max; t += step) ticks.push(t);
  return ticks;
}
