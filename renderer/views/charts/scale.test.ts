import { describe, expect, it } from 'vitest';
import { extent, linearScale, niceTicks, timeTicks } from './scale';

describe('chart scales', () => {
  it('maps a domain onto a range, inverted ranges included (SVG y grows downwards)', () => {
    const y = linearScale(0, 100, 200, 0);
    expect(y(0)).toBe(200);
    expect(y(100)).toBe(0);
    expect(y(25)).toBe(150);
    expect(linearScale(5, 5, 0, 10)(5)).toBe(5); // a single value sits in the middle, not at NaN
  });

  it('gives round ticks inside the domain', () => {
    expect(niceTicks(0, 100, 4)).toEqual([0, 50, 100]);
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(3, 3)).toEqual([3]);
    expect(niceTicks(NaN, 1)).toEqual([]);
    for (const t of niceTicks(13, 987)) expect(t >= 13 && t <= 987).toBe(true);
  });

  it('ignores non-finite values in the extent and falls back when none is left', () => {
    expect(extent([3, NaN, -1, Infinity, 7])).toEqual([-1, 7]);
    expect(extent([], [0, 5])).toEqual([0, 5]);
  });
});

describe('time ticks', () => {
  it('lands on whole hours of the scene\'s clock', () => {
    const h = 3_600_000;
    // A 14 h evening from 17:00: ticks every 3 h at 18:00, 21:00, 00:00, 03:00, 06:00 (run-relative 1 h, 4 h …).
    expect(timeTicks(0, 14 * h, 17 * h)).toEqual([1, 4, 7, 10, 13].map((x) => x * h));
    expect(timeTicks(0, 20 * 60_000, 0)).toEqual([0, 5, 10, 15, 20].map((m) => m * 60_000));
    expect(timeTicks(5, 5, 0)).toEqual([]);
  });
});
