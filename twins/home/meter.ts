// The household electricity meter as pure functions: a piecewise-constant base load by time of day (evening
// peak ~3 kW falling to ~1 kW overnight) plus whatever the wallbox delivers. Nothing ticks: the
// "sleep-time charging peak shaving" scene samples the load at any `t`, or integrates it between two times.

export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 24 * MS_PER_HOUR;

/** From `fromHour` (0 ≤ h < 24) until the next step, the house draws `kw`. */
export interface LoadProfileStep { fromHour: number; kw: number }
/** Steps sorted by `fromHour`, the first at hour 0. */
export type LoadProfile = readonly LoadProfileStep[];

/** A typical urban household: standby overnight, a morning bump, an empty house by day, an evening peak. */
export const DEFAULT_HOUSEHOLD_PROFILE: LoadProfile = [
  { fromHour: 0, kw: 1.0 },
  { fromHour: 6, kw: 1.6 },
  { fromHour: 9, kw: 0.8 },
  { fromHour: 17, kw: 2.2 },
  { fromHour: 18, kw: 3.0 },
  { fromHour: 22, kw: 1.8 },
  { fromHour: 23, kw: 1.2 },
];

/** Throws a readable error when a profile is not usable (a scenario file may define its own). */
export function assertValidProfile(profile: LoadProfile): void {
  if (profile[0]?.fromHour !== 0) throw new Error('A load profile must start with a step at fromHour 0.');
  profile.forEach((step, i) => {
    const previous = profile[i - 1];
    const where = `Load profile step ${i}`;
    if (!(step.fromHour >= 0 && step.fromHour < 24)) throw new Error(`${where}: fromHour ${step.fromHour} is outside 0–24.`);
    if (previous && step.fromHour <= previous.fromHour) {
      throw new Error(`${where}: fromHour must increase (${previous.fromHour} then ${step.fromHour}).`);
    }
    if (!(step.kw >= 0)) throw new Error(`${where}: kw ${step.kw} must be ≥ 0.`);
  });
}

/** Milliseconds since local midnight at virtual time `t`; `epochTimeOfDayMs` is the time of day at t = 0. */
export function timeOfDayMs(t: number, epochTimeOfDayMs = 0): number {
  return (((t + epochTimeOfDayMs) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
}

/** Base load (kW) of the house at virtual time `t`. */
export function baseLoadKw(profile: LoadProfile, t: number, epochTimeOfDayMs = 0): number {
  const hour = timeOfDayMs(t, epochTimeOfDayMs) / MS_PER_HOUR;
  let kw = profile[0]?.kw ?? 0;
  for (const step of profile) if (step.fromHour <= hour) kw = step.kw;
  return kw;
}

/** Total household draw (kW): base load plus EV charging power. */
export function householdLoadKw(profile: LoadProfile, t: number, evChargingKw: number, epochTimeOfDayMs = 0): number {
  return baseLoadKw(profile, t, epochTimeOfDayMs) + evChargingKw;
}

/** Base-load energy (kWh) between virtual times `from` and `to`, integrated exactly step by step. */
export function baseLoadEnergyKwh(profile: LoadProfile, from: number, to: number, epochTimeOfDayMs = 0): number {
  let energy = 0;
  let t = from;
  while (t < to) {
    const dayStart = t - timeOfDayMs(t, epochTimeOfDayMs);
    const hour = (t - dayStart) / MS_PER_HOUR;
    const next = profile.find((step) => step.fromHour > hour);
    const boundary = dayStart + (next ? next.fromHour * MS_PER_HOUR : MS_PER_DAY);
    const end = Math.min(to, boundary);
    energy += (baseLoadKw(profile, t, epochTimeOfDayMs) * (end - t)) / MS_PER_HOUR;
    t = end;
  }
  return energy;
}
