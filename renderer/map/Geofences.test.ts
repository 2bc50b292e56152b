// The rings: each outline closed back to its first point; a degenerate outline draws nothing.
import { describe, expect, it } from 'vitest';
import { ringSegments } from './Geofences';

describe('ringSegments', () => {
  it('closes each outline and maps y north to −z', () => {
    expect(ringSegments([{ id: 'a', outline: [0, 0, 10, 0, 10, 5] }], 2)).toEqual([
      0, 2, -0, 10, 2, -0,
      10, 2, -0, 10, 2, -5,
      10, 2, -5, 0, 2, -0,
    ]);
  });

  it('skips outlines of fewer than two points, and odd trailing numbers', () => {
    expect(ringSegments([{ id: 'x', outline: [] }, { id: 'y', outline: [1, 2] }, { id: 'z', outline: [1, 2, 3] }], 0)).toEqual([]);
  });
});
