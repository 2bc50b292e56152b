// The household's plan: the routine with its noise, and each exception doing exactly what it says.
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../kernel/random';
import { dayOf, minuteOf, planHousehold, timeOf, type HouseholdExceptions, type HouseholdRoutine } from './household';

const routine: HouseholdRoutine = { workday: { leave: 460, leaveWork: 1065 }, saturday: { leave: 600, comeBack: 750 }, jitterMin: 10 };
const none: HouseholdExceptions = { holidays: [], sick: [], overtime: [] };
const plan = (exceptions = none, seed = 5) => planHousehold(routine, exceptions, 28, 0, new SeededRandom(seed).stream('household'));

describe('planHousehold', () => {
  it('weekdays to work, Saturday to the shops, Sunday at home, times near the routine', () => {
    const days = plan();
    expect(days.map((d) => d.destination ?? '-').slice(0, 7)).toEqual(['work', 'work', 'work', 'work', 'work', 'shops', '-']);
    const leaves = days.filter((d) => d.destination === 'work').map((d) => d.leave!);
    expect(Math.max(...leaves.map((l) => Math.abs(l - 460)))).toBeLessThan(45);
    expect(new Set(leaves).size).toBeGreaterThan(5); // noisy, not fixed
  });

  it('holidays and sick days stay home, overtime comes back late, and no other day moves', () => {
    const base = plan();
    const odd = plan({ holidays: [3], sick: [9], overtime: [{ day: 10, minutes: 150 }] });
    expect(odd[3]).toEqual({ day: 3, weekday: 3, holiday: true });
    expect(odd[9]).toEqual({ day: 9, weekday: 2, holiday: false });
    expect(odd[10]!.comeBack! - base[10]!.comeBack!).toBe(150);
    for (const d of [0, 1, 2, 4, 8, 11, 20]) expect(odd[d]).toEqual(base[d]);
  });

  it('the same seed gives the same plan; another seed another', () => {
    expect(plan()).toEqual(plan());
    expect(plan(none, 6)).not.toEqual(plan());
  });

  it('converts between virtual time, day and minute for a run starting at any time of day', () => {
    const start = 7.5 * 3_600_000;
    const t = timeOf(2, 1065, start);
    expect(dayOf(t, start)).toBe(2);
    expect(minuteOf(t, start)).toBe(1065);
    expect(timeOf(0, 0, start)).toBeLessThan(0); // midnight of the first day was before the run began
  });
});
