// Which of a route's segments are drawn as driven at a virtual time: the binary search the frame loop relies on.
import { describe, expect, it } from 'vitest';
import type { VehicleRoute } from '../../protocol';
import { CROWD_ROUTES, drivenSegments, routesToDraw } from './Routes';

describe('drivenSegments', () => {
  const times = [1000, 2000, 3500, 3500, 9000]; // four segments, one of zero length

  it('counts a segment once the car has reached its end', () => {
    expect(drivenSegments(times, 0)).toBe(0);
    expect(drivenSegments(times, 1000)).toBe(0);
    expect(drivenSegments(times, 1999)).toBe(0);
    expect(drivenSegments(times, 2000)).toBe(1);
    expect(drivenSegments(times, 3500)).toBe(3);
    expect(drivenSegments(times, 8999)).toBe(3);
    expect(drivenSegments(times, 9000)).toBe(4);
    expect(drivenSegments(times, 1e12)).toBe(4);
  });

  it('draws nothing as driven for an empty or one-point route', () => {
    expect(drivenSegments([], 5)).toBe(0);
    expect(drivenSegments([10], 50)).toBe(0);
  });
});

describe('routesToDraw', () => {
  const route = (id: string): VehicleRoute => ({ id, departAt: 0, arriveAt: 1, points: [0, 0, 1, 1], times: [0, 1] });

  it('draws every route of a small scene, and in a crowd only the story cars\' and the selected car\'s', () => {
    const few = [route('a'), route('b')];
    expect(routesToDraw(few, new Set(), undefined)).toBe(few);
    const crowd = Array.from({ length: CROWD_ROUTES + 1 }, (_, i) => route(`car${i}`));
    expect(routesToDraw(crowd, new Set(['car3']), 'car7').map((r) => r.id)).toEqual(['car3', 'car7']);
    expect(routesToDraw(crowd, new Set(), undefined)).toEqual([]);
  });
});
