// The learner on synthetic routines whose answers are known: a fixed commute, a noisy one with outliers, a sick
// day, a holiday, pooling of similar weekdays (and never of a different one), set-points and charging habits.
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../kernel/random';
import { median, robustSpread } from './robust-stats';
import { RoutineLearner, clock, type DayRecord } from './routine-learner';

/** `weeks` weeks of a commuter: weekdays out at `out`, home at `home`; Saturday 10:00–13:00; Sunday at home. */
function commuter(weeks: number, noise: (day: number) => number = () => 0): DayRecord[] {
  const days: DayRecord[] = [];
  for (let day = 0; day < weeks * 7; day++) {
    const weekday = day % 7;
    if (weekday < 5) days.push({ day, weekday, departure: 460 + noise(day), arrival: 1085 + noise(day + 1000) });
    else if (weekday === 5) days.push({ day, weekday, departure: 600 + noise(day), arrival: 780 + noise(day + 1000) });
    else days.push({ day, weekday });
  }
  return days;
}

describe('robust statistics', () => {
  it('median and scaled MAD ignore one outlier', () => {
    expect(median([1, 3, 2])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(robustSpread([10, 10, 10, 10, 130])).toBe(0);
    expect(robustSpread([5])).toBe(0);
  });

  it('the scaled MAD estimates the standard deviation of normal noise', () => {
    const r = new SeededRandom(7).stream('mad');
    const values = Array.from({ length: 4000 }, () => r.normal(0, 10));
    expect(robustSpread(values)).toBeGreaterThan(9.3);
    expect(robustSpread(values)).toBeLessThan(10.7);
  });
});

describe('RoutineLearner', () => {
  it('learns a fixed commute exactly, per weekday, with growing confidence', () => {
    const learner = new RoutineLearner();
    for (const d of commuter(3)) learner.observeDay(d);
    const monday = learner.predict(0, 'departure')!;
    expect(monday.minuteOfDay).toBe(460);
    expect(monday.spreadMin).toBe(0);
    expect(learner.predict(4, 'arrival')!.minuteOfDay).toBe(1085);
    expect(learner.predict(5, 'departure')!.minuteOfDay).toBe(600);
    expect(learner.predict(5, 'arrival')!.minuteOfDay).toBe(780);
    // Sunday: the car never leaves, so nothing is predicted.
    expect(learner.predict(6, 'departure')).toBeUndefined();
    expect(monday.confidence).toBeCloseTo(4 / 5, 3);
    for (const d of commuter(3)) learner.observeDay({ ...d, day: d.day + 21 });
    expect(learner.predict(0, 'departure')!.confidence).toBeCloseTo(7 / 8, 3);
    expect(clock(monday.minuteOfDay)).toBe('07:40');
  });

  it('pools similar weekdays while a weekday has few days, never a different one', () => {
    const learner = new RoutineLearner();
    for (const d of commuter(2)) learner.observeDay(d);
    const tuesday = learner.predict(1, 'arrival')!;
    expect(tuesday.pooledWeekdays).toEqual([0, 1, 2, 3, 4]);
    expect(tuesday.samples).toBe(10);
    expect(tuesday.confidence).toBeCloseTo(11 / 12, 3);
    expect(tuesday.explanation).toMatch(/^arrival on tuesday predicted at 18:05 ± 0 min \(median of 10 arrivals on mon, tue, wed, thu, fri\); 10 of 10 such days within 30 min → confidence 0\.92$/);
    const saturday = learner.predict(5, 'departure')!;
    expect(saturday.pooledWeekdays).toEqual([5]);
    expect(saturday.confidence).toBeCloseTo(3 / 4, 3);
  });

  it('recovers a noisy routine within a few minutes, an overtime evening does not move it', () => {
    const r = new SeededRandom(3).stream('routine');
    const learner = new RoutineLearner();
    const days = commuter(4, () => Math.round(r.normal(0, 8)));
    days[8] = { ...days[8]!, arrival: 1085 + 150 }; // overtime on the second Tuesday
    for (const d of days) learner.observeDay(d);
    const tuesday = learner.predict(1, 'arrival')!;
    // Four Tuesdays, σ = 8 min: the median's standard error is about 1.25 σ / √4 = 5 min; allow two.
    expect(Math.abs(tuesday.minuteOfDay - 1085)).toBeLessThanOrEqual(10);
    expect(tuesday.spreadMin).toBeGreaterThan(2);
    expect(tuesday.spreadMin).toBeLessThan(16);
    expect(tuesday.hits).toBeLessThan(tuesday.days);
  });

  it('a sick day lowers the confidence; a holiday in the calendar teaches nothing', () => {
    const base = commuter(2);
    const sick = new RoutineLearner();
    for (const d of base) sick.observeDay(d.day === 2 ? { day: 2, weekday: 2 } : d);
    const well = new RoutineLearner();
    for (const d of base) well.observeDay(d);
    expect(sick.predict(2, 'departure')!.confidence).toBeLessThan(well.predict(2, 'departure')!.confidence);
    const holiday = new RoutineLearner();
    for (const d of base) holiday.observeDay(d.day === 2 ? { day: 2, weekday: 2, holiday: true } : d);
    expect(holiday.predict(2, 'departure')!.days).toBe(9);
    expect(holiday.predict(2, 'departure')!.hits).toBe(9);
    expect(holiday.daysObserved).toBe(13);
  });

  it('an erratic weekday gets a low confidence (the agent asks rather than acts)', () => {
    const learner = new RoutineLearner();
    const times = [420, 600, 480, 720, 540];
    times.forEach((t, i) => learner.observeDay({ day: i * 7 + 2, weekday: 2, departure: t }));
    expect(learner.predict(2, 'departure')!.confidence).toBeLessThan(0.5);
  });

  it('learns the preferred set-point, lighting and charging habit', () => {
    const learner = new RoutineLearner();
    expect(learner.preferredTemperature()).toBeUndefined();
    expect(learner.chargingHabit()).toBeUndefined();
    for (const t of [24, 24, 23.5, 24, 30]) learner.observeSetpoint(t);
    for (const l of ['soft', 'bright', 'soft']) learner.observeLighting(l);
    for (const [m, e] of [[1100, 8], [1110, 9], [1090, 30]] as const) learner.observeCharging(m, e);
    expect(learner.preferredTemperature()).toEqual({ value: 24, samples: 5 });
    expect(learner.preferredLighting()).toEqual({ value: 'soft', samples: 3 });
    expect(learner.chargingHabit()).toEqual({ plugInMinute: 1100, energyKwh: 9, samples: 3 });
  });

  it('round-trips its model as JSON, and refuses impossible days', () => {
    const learner = new RoutineLearner();
    for (const d of commuter(1)) learner.observeDay(d);
    learner.observeSetpoint(24);
    const copy = new RoutineLearner({}, JSON.parse(JSON.stringify(learner.toJSON())));
    expect(copy.predict(0, 'arrival')).toEqual(learner.predict(0, 'arrival'));
    expect(copy.preferredTemperature()).toEqual({ value: 24, samples: 1 });
    expect(() => learner.observeDay({ day: 0, weekday: 7 })).toThrow(/weekday must be 0/);
    expect(() => learner.observeDay({ day: 0, weekday: 1, departure: 1440 })).toThrow(/departure must be minutes/);
    expect(() => learner.observeDay({ day: 0, weekday: 1, arrival: Number.NaN })).toThrow(/arrival/);
  });
});
