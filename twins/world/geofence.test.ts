// Geofence crossings solved analytically, checked against times worked out by hand.
import { describe, expect, it } from 'vitest';
import { contains, crossingsAlongTrip, type Geofence } from './geofence';
import { tripAlong } from './test-support/straight-trip';

// West → east along y = 0 from x = −1000 to x = 1000 at 10 m/s, leaving at t = 0: x = −1000 + t/100.
const eastbound = tripAlong([{ x: -1000, y: 0 }, { x: 1000, y: 0 }], [36]);
const at = (x: number) => (x + 1000) * 100;

describe('contains', () => {
  it('includes a circle’s boundary and tests polygons by the even-odd rule', () => {
    const circle = { id: 'c', center: { x: 0, y: 0 }, radiusM: 10 };
    expect(contains(circle, { x: 10, y: 0 })).toBe(true);
    expect(contains(circle, { x: 10.01, y: 0 })).toBe(false);
    const square = { id: 's', points: [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }, { x: 0, y: 10 }] };
    expect(contains(square, { x: 5, y: 5 })).toBe(true);
    expect(contains(square, { x: 15, y: 5 })).toBe(false);
  });
});

describe('crossingsAlongTrip with circles', () => {
  it('enters then exits at the hand-computed times', () => {
    const fence = { id: 'home', center: { x: 0, y: 0 }, radiusM: 100 };
    const crossings = crossingsAlongTrip(eastbound, [fence]);
    expect(crossings.map((c) => [c.fenceId, c.kind])).toEqual([['home', 'enter'], ['home', 'exit']]);
    expect(crossings[0]!.atTime).toBeCloseTo(at(-100), 6);
    expect(crossings[0]!.x).toBeCloseTo(-100, 6);
    expect(crossings[1]!.atTime).toBeCloseTo(at(100), 6);
    expect(crossings[1]!.x).toBeCloseTo(100, 6);
  });

  it('crosses off-centre chords where Pythagoras says', () => {
    // Centre 60 m north of the road, radius 100 m: the chord is ±80 m around x = 300.
    const crossings = crossingsAlongTrip(eastbound, [{ id: 'f', center: { x: 300, y: 60 }, radiusM: 100 }]);
    expect(crossings.map((c) => c.atTime)).toEqual([expect.closeTo(at(220), 6), expect.closeTo(at(380), 6)]);
  });

  it('reports only the exit for a trip starting inside', () => {
    const crossings = crossingsAlongTrip(eastbound, [{ id: 'start', center: { x: -1000, y: 0 }, radiusM: 50 }]);
    expect(crossings).toHaveLength(1);
    expect(crossings[0]).toMatchObject({ fenceId: 'start', kind: 'exit' });
    expect(crossings[0]!.atTime).toBeCloseTo(at(-950), 6);
  });

  it('reports only the enter for a trip ending inside, at the destination’s fence', () => {
    const crossings = crossingsAlongTrip(eastbound, [{ id: 'end', center: { x: 1000, y: 0 }, radiusM: 200 }]);
    expect(crossings.map((c) => c.kind)).toEqual(['enter']);
    expect(crossings[0]!.atTime).toBeCloseTo(at(800), 6);
  });

  it('ignores a fence the trip only grazes or never reaches', () => {
    expect(crossingsAlongTrip(eastbound, [{ id: 'tangent', center: { x: 0, y: 100 }, radiusM: 100 }])).toEqual([]);
    expect(crossingsAlongTrip(eastbound, [{ id: 'far', center: { x: 0, y: 300 }, radiusM: 100 }])).toEqual([]);
  });

  it('follows the trip around a corner and across segments of different speeds', () => {
    // East 1 km at 10 m/s, then north 1 km at 20 m/s; a 100 m circle on the corner.
    const lShaped = tripAlong([{ x: 0, y: 0 }, { x: 1000, y: 0 }, { x: 1000, y: 1000 }], [36, 72]);
    const crossings = crossingsAlongTrip(lShaped, [{ id: 'corner', center: { x: 1000, y: 0 }, radiusM: 100 }]);
    expect(crossings.map((c) => c.kind)).toEqual(['enter', 'exit']);
    expect(crossings[0]!.atTime).toBeCloseTo(90_000, 6);
    expect(crossings[1]!.atTime).toBeCloseTo(105_000, 6);
    expect([crossings[1]!.x, crossings[1]!.y]).toEqual([1000, expect.closeTo(100, 6)]);
  });
});

describe('crossingsAlongTrip with polygons', () => {
  it('enters and exits a square at its edges', () => {
    const square = { id: 'sq', points: [{ x: -50, y: -50 }, { x: 50, y: -50 }, { x: 50, y: 50 }, { x: -50, y: 50 }] };
    const crossings = crossingsAlongTrip(eastbound, [square]);
    expect(crossings.map((c) => [c.kind, c.x])).toEqual([['enter', expect.closeTo(-50, 6)], ['exit', expect.closeTo(50, 6)]]);
    expect(crossings[0]!.atTime).toBeCloseTo(at(-50), 6);
    expect(crossings[1]!.atTime).toBeCloseTo(at(50), 6);
  });

  it('enters a concave (U-shaped) fence twice', () => {
    // Two arms x ∈ [−100, −50] and [50, 100] joined below the road.
    const u = { id: 'u', points: [{ x: -100, y: -100 }, { x: 100, y: -100 }, { x: 100, y: 50 }, { x: 50, y: 50 }, { x: 50, y: -50 }, { x: -50, y: -50 }, { x: -50, y: 50 }, { x: -100, y: 50 }] };
    const crossings = crossingsAlongTrip(eastbound, [u]);
    expect(crossings.map((c) => c.kind)).toEqual(['enter', 'exit', 'enter', 'exit']);
    expect(crossings.map((c) => c.x)).toEqual([-100, -50, 50, 100].map((x) => expect.closeTo(x, 6)));
  });

  it('does not count touching a corner, and handles a diagonal crossing through vertices', () => {
    const diamondAbove = { id: 'touch', points: [{ x: 0, y: 0 }, { x: 50, y: 50 }, { x: 0, y: 100 }, { x: -50, y: 50 }] };
    expect(crossingsAlongTrip(eastbound, [diamondAbove])).toEqual([]);
    const diamondOn = { id: 'through', points: [{ x: -50, y: 0 }, { x: 0, y: -50 }, { x: 50, y: 0 }, { x: 0, y: 50 }] };
    expect(crossingsAlongTrip(eastbound, [diamondOn]).map((c) => [c.kind, c.atTime])).toEqual([
      ['enter', expect.closeTo(at(-50), 6)],
      ['exit', expect.closeTo(at(50), 6)],
    ]);
  });
});

it('merges the crossings of several fences in time order', () => {
  const fences: Geofence[] = [
    { id: 'late', center: { x: 500, y: 0 }, radiusM: 100 },
    { id: 'early', points: [{ x: -600, y: -10 }, { x: -400, y: -10 }, { x: -400, y: 10 }, { x: -600, y: 10 }] },
    { id: 'wide', center: { x: 0, y: 0 }, radiusM: 700 },
  ];
  // wide enters at x = −700, early spans −600…−400, late 400…600, wide exits at 700.
  expect(crossingsAlongTrip(eastbound, fences).map((c) => `${c.fenceId}:${c.kind}`)).toEqual([
    'wide:enter', 'early:enter', 'early:exit', 'late:enter', 'late:exit', 'wide:exit',
  ]);
});
