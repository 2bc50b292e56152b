// Charging plans and tariff prices with answers worked out by hand: a plug-in in the evening peak waits for its end,
// a departure too soon for that starts as late as still works (or at once), a plug-in off-peak is left alone; and
// a price split exactly at the peak's edges, including a peak that wraps past midnight.
import { describe, expect, it } from 'vitest';
import { DEFAULT_GRID } from '../apps/grid';
import { chargingCost, peakEnergyKwh, planCharging } from './charging-plan';

const MIN = 60_000;
const H = 60 * MIN;
const tariff = DEFAULT_GRID; // peak 16:00–21:00 at 1.2, off-peak 0.4
const at = (hours: number): number => hours * H; // the run starts at midnight
const plan = (now: number, departureAt: number, kwh = 3.6, kw = 7.2) => planCharging({ now, departureAt, kwh, kw, tariff, startOfDayMs: 0, marginMin: 60 });

describe('planCharging', () => {
  it('defers a plug-in in the peak to its end, ready long before the morning', () => {
    const p = plan(at(18), at(24 + 7.5));
    expect(p).toMatchObject({ startAt: at(21), readyAt: at(21.5), deferred: true });
    expect(p.costAtOnce).toBe(4.32); // 3.6 kWh at 1.2
    expect(p.costPlanned).toBe(1.44); // at 0.4
  });

  it('leaves a plug-in off-peak alone: charging at once is the cheap plan', () => {
    expect(plan(at(12.5), at(24 + 7.5))).toMatchObject({ startAt: at(12.5), deferred: false, costAtOnce: 1.44, costPlanned: 1.44 });
  });

  it('starts as late as still works when the peak ends too late, and at once when even that is too late', () => {
    // Leaving at 21:00: ready by 20:00, 30 minutes of charging, so from 19:30 (in the peak, but in time).
    expect(plan(at(18), at(21))).toMatchObject({ startAt: at(19.5), readyAt: at(20), deferred: true });
    // Leaving at 19:00: no time to wait at all.
    expect(plan(at(18), at(19))).toMatchObject({ startAt: at(18), deferred: false });
  });

  it('plans nothing to wait for when there is nothing to charge', () => {
    expect(plan(at(18), at(24 + 7.5), 0)).toMatchObject({ startAt: at(21), readyAt: at(21), costPlanned: 0 });
  });
});

describe('chargingCost', () => {
  it('splits a charge across the peak edges exactly', () => {
    // 15:00–17:00 at 6 kW: an hour off-peak (2.4) and an hour in the peak (7.2).
    expect(chargingCost(at(15), at(17), 6, tariff, 0)).toBeCloseTo(9.6, 9);
    expect(peakEnergyKwh(at(15), at(17), 6, tariff, 0)).toBeCloseTo(6, 9);
    // A whole day at 1 kW: 5 h of peak and 19 h off it.
    expect(chargingCost(at(0), at(24), 1, tariff, 0)).toBeCloseTo(5 * 1.2 + 19 * 0.4, 9);
    expect(chargingCost(at(3), at(3), 7, tariff, 0)).toBe(0);
  });

  it('prices a peak that wraps past midnight, and a run that starts in the afternoon', () => {
    const night = { ...tariff, peakStartMin: 22 * 60, peakEndMin: 2 * 60 };
    expect(peakEnergyKwh(at(21), at(24 + 3), 1, night, 0)).toBeCloseTo(4, 9);
    // t = 0 is 15:00: the first hour is off-peak, the second in the peak.
    expect(peakEnergyKwh(0, at(2), 1, tariff, 15 * H)).toBeCloseTo(1, 9);
  });
});
