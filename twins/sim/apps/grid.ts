// The distribution grid of a neighbourhood: one transformer, a time-of-use tariff, and the clock on the wall.
// Shared by the charging app (which plans around it) and the grid monitor (which measures against it).
export interface GridSpec {
  transformerKva: number;
  /** Planning limit as a share of the rating (the scene's pass line is 80 %). */
  maxLoadShare: number;
  /** Tariff peak window in minutes after midnight, [start, end). */
  peakStartMin: number;
  peakEndMin: number;
  peakPrice: number;
  offPeakPrice: number;
  currency: string;
  /** Every EV must be charged by this time of day (minutes after midnight). */
  deadlineMin: number;
}

export const DEFAULT_GRID: GridSpec = {
  transformerKva: 50, maxLoadShare: 0.8, peakStartMin: 16 * 60, peakEndMin: 21 * 60,
  peakPrice: 1.2, offPeakPrice: 0.4, currency: 'CNY', deadlineMin: 7 * 60,
};

const DAY_MS = 86_400_000;

/** Minutes after midnight at virtual time t, given the time of day at t = 0. */
export function minuteOfDay(t: number, startTimeOfDayMs: number): number {
  return (((startTimeOfDayMs + t) % DAY_MS) + DAY_MS) % DAY_MS / 60_000;
}

export function inPeak(grid: Pick<GridSpec, 'peakStartMin' | 'peakEndMin'>, minute: number): boolean {
  return grid.peakStartMin <= grid.peakEndMin
    ? minute >= grid.peakStartMin && minute < grid.peakEndMin
    : minute >= grid.peakStartMin || minute < grid.peakEndMin;
}

/** Virtual time of the next occurrence of a time of day (minutes after midnight) after t. */
export function nextTimeOfDay(t: number, startTimeOfDayMs: number, minute: number): number {
  const now = minuteOfDay(t, startTimeOfDayMs);
  let delta = minute - now;
  if (delta <= 0) delta += 24 * 60;
  return t + delta * 60_000;
}

export function clockLabel(minute: number): string {
  const m = Math.floor(minute) % (24 * 60);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
