import { describe, expect, it } from 'vitest';
import { activePeriod, clearProfiles, compositeSchedule, effectiveLimit, installProfile, nextChangeAt, profileProblem, type ChargingProfile } from './charging-profile';

const H = 3_600_000;
const base = (over: Partial<ChargingProfile>): ChargingProfile => ({
  id: 1, stackLevel: 0, purpose: 'TxDefaultProfile', kind: 'Absolute', startSchedule: 0, unit: 'W', periods: [{ startPeriodS: 0, limit: 3_000 }], ...over,
});

describe('effectiveLimit', () => {
  it('runs at the wallbox maximum without profiles', () => {
    expect(effectiveLimit([], { t: 0, maxKw: 7.2 })).toEqual({ limitKw: 7.2, profileIds: [] });
  });

  it('follows the schedule period in force, and its end', () => {
    const p = base({ durationS: 3 * 3600, periods: [{ startPeriodS: 0, limit: 0 }, { startPeriodS: 3600, limit: 4_000 }] });
    expect(effectiveLimit([p], { t: 0.5 * H, maxKw: 7.2 }).limitKw).toBe(0);
    expect(effectiveLimit([p], { t: 1 * H, maxKw: 7.2 }).limitKw).toBe(4);
    expect(effectiveLimit([p], { t: 3 * H, maxKw: 7.2 }).limitKw).toBe(7.2); // duration over: no limit
  });

  it('says nothing before an absolute schedule starts', () => {
    expect(effectiveLimit([base({ startSchedule: 2 * H })], { t: H, maxKw: 7.2 }).limitKw).toBe(7.2);
  });

  it('clamps a limit above the wallbox maximum to the maximum', () => {
    expect(effectiveLimit([base({ periods: [{ startPeriodS: 0, limit: 32_000 }] })], { t: 0, maxKw: 7.2 }).limitKw).toBe(7.2);
  });

  it('converts amperes with the period\'s phases at 230 V (3 phases by default)', () => {
    expect(effectiveLimit([base({ unit: 'A', periods: [{ startPeriodS: 0, limit: 10 }] })], { t: 0, maxKw: 22 }).limitKw).toBeCloseTo(6.9);
    expect(effectiveLimit([base({ unit: 'A', periods: [{ startPeriodS: 0, limit: 10, numberPhases: 1 }] })], { t: 0, maxKw: 22 }).limitKw).toBeCloseTo(2.3);
  });

  it('takes the highest stack level that covers t, falling back to lower ones when it has ended', () => {
    const low = base({ id: 1, stackLevel: 0, periods: [{ startPeriodS: 0, limit: 2_000 }] });
    const high = base({ id: 2, stackLevel: 3, durationS: 3600, periods: [{ startPeriodS: 0, limit: 5_000 }] });
    expect(effectiveLimit([low, high], { t: 0, maxKw: 7.2 })).toEqual({ limitKw: 5, profileIds: [2] });
    expect(effectiveLimit([low, high], { t: 2 * H, maxKw: 7.2 })).toEqual({ limitKw: 2, profileIds: [1] });
  });

  it('lets a TxProfile of the running transaction override the default, and the max profile cap both', () => {
    const dflt = base({ id: 1, periods: [{ startPeriodS: 0, limit: 2_000 }] });
    const tx = base({ id: 2, purpose: 'TxProfile', transactionId: '7', periods: [{ startPeriodS: 0, limit: 6_000 }] });
    const max = base({ id: 3, purpose: 'ChargePointMaxProfile', periods: [{ startPeriodS: 0, limit: 5_000 }] });
    const running = { id: '7', startedAt: 0 };
    expect(effectiveLimit([dflt, tx], { t: 0, maxKw: 7.2, transaction: running }).limitKw).toBe(6);
    expect(effectiveLimit([dflt, tx, max], { t: 0, maxKw: 7.2, transaction: running })).toEqual({ limitKw: 5, profileIds: [2, 3] });
    // Another transaction, or none: the TxProfile does not apply.
    expect(effectiveLimit([dflt, tx], { t: 0, maxKw: 7.2, transaction: { id: '8', startedAt: 0 } }).limitKw).toBe(2);
    expect(effectiveLimit([dflt, tx], { t: 0, maxKw: 7.2 }).limitKw).toBe(2);
  });

  it('runs a Relative schedule from the start of the transaction', () => {
    const rel = base({ kind: 'Relative', startSchedule: undefined, periods: [{ startPeriodS: 0, limit: 1_000 }, { startPeriodS: 1800, limit: 3_000 }] });
    const tx = { id: '1', startedAt: 10 * H };
    expect(effectiveLimit([rel], { t: 10 * H, maxKw: 7.2, transaction: tx }).limitKw).toBe(1);
    expect(effectiveLimit([rel], { t: 10.5 * H, maxKw: 7.2, transaction: tx }).limitKw).toBe(3);
    expect(effectiveLimit([rel], { t: 10 * H, maxKw: 7.2 }).limitKw).toBe(7.2);
  });

  it('repeats a Daily recurring schedule every 24 h', () => {
    const daily = base({ kind: 'Recurring', recurrency: 'Daily', startSchedule: 0, durationS: 24 * 3600, periods: [{ startPeriodS: 0, limit: 0 }, { startPeriodS: 4 * 3600, limit: 7_000 }] });
    expect(effectiveLimit([daily], { t: 26 * H, maxKw: 7.2 }).limitKw).toBe(0);
    expect(effectiveLimit([daily], { t: 29 * H, maxKw: 7.2 }).limitKw).toBe(7);
    expect(nextChangeAt([daily], { t: 26 * H, maxKw: 7.2 })).toBe(28 * H);
  });

  it('honours validFrom and validTo', () => {
    const p = base({ validFrom: H, validTo: 2 * H, periods: [{ startPeriodS: 0, limit: 1_000 }] });
    expect(effectiveLimit([p], { t: 0, maxKw: 7.2 }).limitKw).toBe(7.2);
    expect(effectiveLimit([p], { t: 1.5 * H, maxKw: 7.2 }).limitKw).toBe(1);
    expect(effectiveLimit([p], { t: 2 * H, maxKw: 7.2 }).limitKw).toBe(7.2);
    expect(activePeriod(p, { t: 1.5 * H, maxKw: 7.2 })?.limit).toBe(1_000);
  });
});

describe('nextChangeAt', () => {
  it('names the next period start, schedule end or validity bound, and nothing after the last', () => {
    const p = base({ durationS: 7200, validTo: 10 * H, periods: [{ startPeriodS: 0, limit: 0 }, { startPeriodS: 3600, limit: 4_000 }] });
    expect(nextChangeAt([p], { t: 0, maxKw: 7.2 })).toBe(H);
    expect(nextChangeAt([p], { t: H, maxKw: 7.2 })).toBe(2 * H);
    expect(nextChangeAt([p], { t: 2 * H, maxKw: 7.2 })).toBe(10 * H);
    expect(nextChangeAt([p], { t: 10 * H, maxKw: 7.2 })).toBeUndefined();
  });
});

describe('installing and clearing', () => {
  it('replaces a profile with the same id, or the same purpose and stack level', () => {
    const a = base({ id: 1, stackLevel: 0 });
    const b = base({ id: 2, stackLevel: 1 });
    expect(installProfile([a, b], base({ id: 1, stackLevel: 5 })).map((p) => p.id)).toEqual([2, 1]);
    expect(installProfile([a, b], base({ id: 9, stackLevel: 1 })).map((p) => p.id)).toEqual([1, 9]);
  });

  it('clears by id, purpose or stack level, or everything', () => {
    const list = [base({ id: 1 }), base({ id: 2, stackLevel: 1, purpose: 'ChargePointMaxProfile' })];
    expect(clearProfiles(list, { id: 2 }).removed).toBe(1);
    expect(clearProfiles(list, { purpose: 'TxProfile' }).removed).toBe(0);
    expect(clearProfiles(list, {}).kept).toEqual([]);
  });

  it('refuses malformed schedules with a reason', () => {
    expect(profileProblem(base({}))).toBeUndefined();
    expect(profileProblem(base({ periods: [] }))).toMatch(/no periods/);
    expect(profileProblem(base({ periods: [{ startPeriodS: 10, limit: 1 }] }))).toMatch(/start at 0/);
    expect(profileProblem(base({ periods: [{ startPeriodS: 0, limit: 1 }, { startPeriodS: 0, limit: 2 }] }))).toMatch(/increase/);
    expect(profileProblem(base({ periods: [{ startPeriodS: 0, limit: -1 }] }))).toMatch(/negative/);
    expect(profileProblem(base({ kind: 'Recurring' }))).toMatch(/recurrencyKind/);
    expect(profileProblem(base({ validFrom: 2, validTo: 1 }))).toMatch(/validTo/);
  });
});

describe('compositeSchedule', () => {
  it('lists the limit in force from now, one period per change, merging steps that change nothing', () => {
    const low = base({ id: 1, periods: [{ startPeriodS: 0, limit: 2_000 }, { startPeriodS: 3600, limit: 2_000 }, { startPeriodS: 7200, limit: 9_000 }] });
    const max = base({ id: 2, purpose: 'ChargePointMaxProfile', startSchedule: 1.5 * H, durationS: 3600, periods: [{ startPeriodS: 0, limit: 1_000 }] });
    expect(compositeSchedule([low, max], { t: 0.5 * H, maxKw: 7.2 }, 4 * 3600)).toEqual([
      { startPeriodS: 0, limitKw: 2 }, { startPeriodS: 3600, limitKw: 1 }, { startPeriodS: 7200, limitKw: 7.2 },
    ]);
    expect(compositeSchedule([], { t: 0, maxKw: 7.2 }, 3600)).toEqual([{ startPeriodS: 0, limitKw: 7.2 }]);
    expect(compositeSchedule([low], { t: 0, maxKw: 7.2 }, 0)).toEqual([]);
  });

  it('stops at the period cap on an endlessly recurring schedule', () => {
    const daily = base({ kind: 'Recurring', recurrency: 'Daily', periods: [{ startPeriodS: 0, limit: 0 }, { startPeriodS: 3600, limit: 5_000 }] });
    expect(compositeSchedule([daily], { t: 0, maxKw: 7.2 }, 365 * 86_400, 10)).toHaveLength(10);
  });
});
