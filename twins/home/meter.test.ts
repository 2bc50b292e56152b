import { describe, expect, it } from 'vitest';
import { assertValidProfile, baseLoadEnergyKwh, baseLoadKw, DEFAULT_HOUSEHOLD_PROFILE, householdLoadKw, MS_PER_DAY, MS_PER_HOUR } from './meter';

const at = (hour: number) => hour * MS_PER_HOUR;

describe('household meter', () => {
  it('peaks around 3 kW in the evening and falls to about 1 kW overnight', () => {
    expect(baseLoadKw(DEFAULT_HOUSEHOLD_PROFILE, at(19))).toBe(3.0);
    expect(baseLoadKw(DEFAULT_HOUSEHOLD_PROFILE, at(3))).toBe(1.0);
    expect(baseLoadKw(DEFAULT_HOUSEHOLD_PROFILE, at(18))).toBe(3.0); // step starts at its hour
    expect(baseLoadKw(DEFAULT_HOUSEHOLD_PROFILE, at(17.999))).toBe(2.2);
  });

  it('repeats every day and honours the time of day at t = 0', () => {
    expect(baseLoadKw(DEFAULT_HOUSEHOLD_PROFILE, MS_PER_DAY + at(19))).toBe(3.0);
    // Scenario starts at 18:00: one hour in is 19:00, seven hours in is 01:00.
    expect(baseLoadKw(DEFAULT_HOUSEHOLD_PROFILE, at(1), at(18))).toBe(3.0);
    expect(baseLoadKw(DEFAULT_HOUSEHOLD_PROFILE, at(7), at(18))).toBe(1.0);
  });

  it('adds EV charging on top of the base load', () => {
    expect(householdLoadKw(DEFAULT_HOUSEHOLD_PROFILE, at(19), 7.2)).toBeCloseTo(10.2, 9);
  });

  it('integrates energy across steps and midnight', () => {
    // 21:00–01:00: 1 h at 3.0, 1 h at 1.8, 1 h at 1.2, 1 h at 1.0.
    expect(baseLoadEnergyKwh(DEFAULT_HOUSEHOLD_PROFILE, at(21), at(25))).toBeCloseTo(7.0, 9);
    const day = baseLoadEnergyKwh(DEFAULT_HOUSEHOLD_PROFILE, 0, MS_PER_DAY);
    expect(day).toBeCloseTo(6 * 1.0 + 3 * 1.6 + 8 * 0.8 + 1 * 2.2 + 4 * 3.0 + 1 * 1.8 + 1 * 1.2, 9);
  });

  it('rejects unusable profiles with a readable reason', () => {
    expect(() => assertValidProfile(DEFAULT_HOUSEHOLD_PROFILE)).not.toThrow();
    expect(() => assertValidProfile([{ fromHour: 1, kw: 1 }])).toThrow(/fromHour 0/);
    expect(() => assertValidProfile([{ fromHour: 0, kw: 1 }, { fromHour: 0, kw: 2 }])).toThrow(/must increase/);
  });
});
