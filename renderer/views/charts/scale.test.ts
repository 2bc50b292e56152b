import { describe, expect, it } from 'vitest';
import { extent, linearScale, niceTicks } from './scale';

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
