// Trips as functions of time: interpolated positions, arrival, traffic shares, ETA and energy use.
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../kernel';
import { stateOfChargePercent } from './energy';
import { energyUsedKwh, positionAt, remainingDistanceM, remainingTimeS } from './motion';
import { tripAlong } from './test-support/straight-trip';

// East 1 km at 36 km/h (100 s), then north 500 m at 72 km/h (25 s), leaving at t = 10 s.
const trip = tripAlong([{ x: 0, y: 0 }, { x: 1000, y: 0 }, { x: 1000, y: 500 }], [36, 72], 10_000);

describe('positionAt', () => {
  it('waits at the start before departure', () => {
    expect(positionAt(trip, 0)).toEqual({ x: 0, y: 0, headingDeg: 90, speedKph: 0, distanceM: 0, arrived: false });
  });

  it('interpolates along the current segment', () => {
    const p = positionAt(trip, 60_000);
    expect(p.x).toBeCloseTo(500, 6);
    expect(p.y).toBe(0);
    expect(p.headingDeg).toBe(90);
    expect(p.speedKph).toBeCloseTo(36, 9);
    expect(p.distanceM).toBeCloseTo(500, 6);

    const q = positionAt(trip, 10_000 + 100_000 + 12_500);
    expect(q.x).toBe(1000);
    expect(q.y).toBeCloseTo(250, 6);
    expect(q.headingDeg).toBe(0);
    expect(q.speedKph).toBeCloseTo(72, 9);
    expect(q.distanceM).toBeCloseTo(1250, 6);
    expect(q.arrived).toBe(false);
  });

  it('arrives at the end and stays there', () => {
    expect(trip.arriveAt).toBeCloseTo(135_000, 6);
    for (const t of [trip.arriveAt, 200_000]) {
      expect(positionAt(trip, t)).toEqual({ x: 1000, y: 500, headingDeg: 0, speedKph: 0, distanceM: 1500, arrived: true });
    }
  });

  it('gives the remaining time and distance', () => {
    expect(remainingTimeS(trip, 60_000)).toBeCloseTo(75, 6);
    expect(remainingTimeS(trip, 0)).toBeCloseTo(135, 6);
    expect(remainingTimeS(trip, 500_000)).toBe(0);
    expect(remainingDistanceM(trip, 60_000)).toBeCloseTo(1000, 6);
  });
});

describe('traffic', () => {
  it('drives each segment at 70–100 % of the limit, the same for the same seed', () => {
    const path = [{ x: 0, y: 0 }, { x: 500, y: 0 }, { x: 500, y: 500 }, { x: 0, y: 500 }];
    const a = tripAlong(path, [50, 50, 50], 0, new SeededRandom(4).stream('routes'));
    const b = tripAlong(path, [50, 50, 50], 0, new SeededRandom(4).stream('routes'));
    const c = tripAlong(path, [50, 50, 50], 0, new SeededRandom(5).stream('routes'));
    expect(a).toEqual(b);
    expect(a.segments.map((s) => s.speedMps)).not.toEqual(c.segments.map((s) => s.speedMps));
    for (const s of a.segments) {
      expect(s.speedMps).toBeGreaterThanOrEqual((0.7 * 50) / 3.6);
      expect(s.speedMps).toBeLessThanOrEqual(50 / 3.6);
    }
    expect(a.arriveAt).toBeGreaterThan((1500 / (50 / 3.6)) * 1000);
  });
});

describe('energyUsedKwh', () => {
  it('follows the consumption model: ≈135 Wh/km at 36 km/h, ≈166 Wh/km at 72 km/h', () => {
    expect(energyUsedKwh(trip, 0)).toBe(0);
    expect(energyUsedKwh(trip, 60_000)).toBeCloseTo(0.5 * 0.135368, 9);
    expect(energyUsedKwh(trip, 500_000)).toBeCloseTo(0.135368 + 0.5 * 0.166472, 9);
  });

  it('grows with distance so the state of charge falls', () => {
    let previous = -1;
    for (let t = 10_000; t <= 140_000; t += 5_000) {
      const used = energyUsedKwh(trip, t);
      expect(used).toBeGreaterThanOrEqual(previous);
      previous = used;
    }
    expect(stateOfChargePercent(80, 60, energyUsedKwh(trip, 500_000))).toBeLessThan(80);
    expect(stateOfChargePercent(80, 60, energyUsedKwh(trip, 60_000))).toBeGreaterThan(stateOfChargePercent(80, 60, energyUsedKwh(trip, 120_000)));
  });

  it('costs more per km at highway speed and adds HVAC power for the time driven', () => {
    const town = tripAlong([{ x: 0, y: 0 }, { x: 10_000, y: 0 }], [40]);
    const highway = tripAlong([{ x: 0, y: 0 }, { x: 10_000, y: 0 }], [110]);
    expect(energyUsedKwh(highway, highway.arriveAt)).toBeGreaterThan(1.4 * energyUsedKwh(town, town.arriveAt));
    const heated = tripAlong([{ x: 0, y: 0 }, { x: 1000, y: 0 }, { x: 1000, y: 500 }], [36, 72], 10_000, undefined, 2);
    expect(energyUsedKwh(heated, 500_000) - energyUsedKwh(trip, 500_000)).toBeCloseTo((2 * 125) / 3600, 9);
  });
});
