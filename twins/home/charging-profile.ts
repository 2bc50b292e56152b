// OCPP smart charging as pure functions: the limit a wallbox must obey at virtual time t, given the charging
// profiles a CSMS installed (OCPP 1.6 §3.13 "Smart Charging", 2.0.1 K "Smart Charging"), and the next time that
// limit can change. Both OCPP versions are mapped onto this one form by engine/connectors/ocpp.
//
// Rules implemented:
// - Per purpose, the valid profile with the highest stack level whose schedule covers t wins; when its schedule
//   has ended (duration over, or before its first period), the next lower stack level applies.
// - A TxProfile (for the running transaction) overrides the TxDefaultProfile; the ChargePointMaxProfile caps both;
//   the wallbox's own maximum caps everything (a limit above it is clamped, as the specification asks).
// - Absolute (startSchedule), Relative (from the transaction's start) and Recurring Daily/Weekly schedules;
//   periods in W or A (A → kW with the period's numberPhases, default 3, at 230 V per phase).
// Not supported (ignored): minChargingRate, phaseToUse, sales tariffs, more than one schedule per 2.0.1 profile
// (the first is used), limits per phase, and the EV's own charging needs (ISO 15118). compositeSchedule answers
// GetCompositeSchedule from the same rules.

export type ProfilePurpose = 'ChargePointMaxProfile' | 'TxDefaultProfile' | 'TxProfile';
export type ProfileKind = 'Absolute' | 'Relative' | 'Recurring';

export interface SchedulePeriod {
  /** Seconds from the schedule's start. */
  startPeriodS: number;
  /** In the schedule's unit (W or A). */
  limit: number;
  numberPhases?: number;
}

export interface ChargingProfile {
  id: number;
  stackLevel: number;
  purpose: ProfilePurpose;
  kind: ProfileKind;
  recurrency?: 'Daily' | 'Weekly';
  /** Virtual times (ms) the profile is valid from / until. */
  validFrom?: number;
  validTo?: number;
  /** TxProfile only: the transaction it belongs to. */
  transactionId?: string;
  /** Absolute and Recurring: the schedule's start in virtual time (ms). */
  startSchedule?: number;
  durationS?: number;
  unit: 'W' | 'A';
  /** Sorted by startPeriodS, the first at 0. */
  periods: SchedulePeriod[];
}

export interface LimitContext {
  /** Virtual time (ms). */
  t: number;
  /** The wallbox's own maximum (kW). */
  maxKw: number;
  /** The running transaction, if any. */
  transaction?: { id: string; startedAt: number };
  voltageV?: number;
}

export interface EffectiveLimit {
  limitKw: number;
  /** Ids of the profiles that set it (none when the wallbox runs at its own maximum). */
  profileIds: number[];
}

const DAY_MS = 86_400_000;
const DEFAULT_PHASES = 3;
const DEFAULT_VOLTAGE = 230;

/** A profile's periods in kW. */
export function periodKw(profile: ChargingProfile, period: SchedulePeriod, voltageV = DEFAULT_VOLTAGE): number {
  if (profile.unit === 'W') return period.limit / 1000;
  return (period.limit * (period.numberPhases ?? DEFAULT_PHASES) * voltageV) / 1000;
}

/** When the schedule in force at t started (virtual ms), or undefined when it has no start yet. */
function scheduleStart(profile: ChargingProfile, ctx: LimitContext): number | undefined {
  // Relative, or Absolute without a startSchedule: from the start of charging (the transaction).
  const start = profile.kind === 'Relative' ? undefined : profile.startSchedule;
  if (start === undefined) return profile.kind === 'Recurring' ? undefined : ctx.transaction?.startedAt;
  if (profile.kind === 'Absolute' || ctx.t < start) return start;
  const cycle = profile.recurrency === 'Weekly' ? 7 * DAY_MS : DAY_MS;
  return start + Math.floor((ctx.t - start) / cycle) * cycle;
}

function appliesTo(profile: ChargingProfile, ctx: LimitContext): boolean {
  if (profile.validFrom !== undefined && ctx.t < profile.validFrom) return false;
  if (profile.validTo !== undefined && ctx.t >= profile.validTo) return false;
  if (profile.purpose === 'TxProfile') {
    if (ctx.transaction === undefined) return false;
    if (profile.transactionId !== undefined && profile.transactionId !== ctx.transaction.id) return false;
  }
  return true;
}

/** The period of `profile` in force at t, or undefined when the profile says nothing at t. */
export function activePeriod(profile: ChargingProfile, ctx: LimitContext): SchedulePeriod | undefined {
  if (!appliesTo(profile, ctx)) return undefined;
  const start = scheduleStart(profile, ctx);
  if (start === undefined || ctx.t < start) return undefined;
  const elapsedS = (ctx.t - start) / 1000;
  if (profile.durationS !== undefined && elapsedS >= profile.durationS) return undefined;
  let found: SchedulePeriod | undefined;
  for (const period of profile.periods) if (period.startPeriodS <= elapsedS) found = period;
  return found;
}

/** The limit of the highest stack level of one purpose that has something to say at t. */
function limitOfPurpose(profiles: readonly ChargingProfile[], purpose: ProfilePurpose, ctx: LimitContext): { kw: number; id: number } | undefined {
  const candidates = profiles.filter((p) => p.purpose === purpose).sort((a, b) => b.stackLevel - a.stackLevel);
  for (const profile of candidates) {
    const period = activePeriod(profile, ctx);
    if (period !== undefined) return { kw: periodKw(profile, period, ctx.voltageV), id: profile.id };
  }
  return undefined;
}

/** The limit (kW) the wallbox must obey at ctx.t, never above its own maximum nor below 0. */
export function effectiveLimit(profiles: readonly ChargingProfile[], ctx: LimitContext): EffectiveLimit {
  let limitKw = ctx.maxKw;
  const profileIds: number[] = [];
  const tx = limitOfPurpose(profiles, 'TxProfile', ctx) ?? limitOfPurpose(profiles, 'TxDefaultProfile', ctx);
  const max = limitOfPurpose(profiles, 'ChargePointMaxProfile', ctx);
  for (const part of [tx, max]) {
    if (part === undefined) continue;
    profileIds.push(part.id);
    limitKw = Math.min(limitKw, part.kw);
  }
  return { limitKw: Math.max(0, limitKw), profileIds };
}

/** The next virtual time after ctx.t at which some profile's period, schedule or validity changes, if any. */
export function nextChangeAt(profiles: readonly ChargingProfile[], ctx: LimitContext): number | undefined {
  let next: number | undefined;
  const consider = (time: number | undefined): void => {
    if (time !== undefined && time > ctx.t && (next === undefined || time < next)) next = time;
  };
  for (const profile of profiles) {
    consider(profile.validFrom);
    consider(profile.validTo);
    const start = scheduleStart(profile, ctx);
    if (start === undefined) continue;
    const starts = [start];
    if (profile.kind === 'Recurring') starts.push(start + (profile.recurrency === 'Weekly' ? 7 * DAY_MS : DAY_MS));
    for (const s of starts) {
      for (const period of profile.periods) consider(s + period.startPeriodS * 1000);
      if (profile.durationS !== undefined) consider(s + profile.durationS * 1000);
    }
  }
  return next;
}

export interface CompositePeriod {
  /** Seconds from the composite schedule's start (ctx.t). */
  startPeriodS: number;
  limitKw: number;
}

/**
 * The limits the wallbox will obey from ctx.t for `durationS` seconds, as OCPP's GetCompositeSchedule reports them:
 * one period per change, at most `maxPeriods`. Assumes the transaction (if any) keeps running.
 */
export function compositeSchedule(profiles: readonly ChargingProfile[], ctx: LimitContext, durationS: number, maxPeriods = 1000): CompositePeriod[] {
  const end = ctx.t + Math.max(0, durationS) * 1000;
  const periods: CompositePeriod[] = [];
  for (let t = ctx.t; t < end && periods.length < maxPeriods; ) {
    const { limitKw } = effectiveLimit(profiles, { ...ctx, t });
    if (periods.at(-1)?.limitKw !== limitKw) periods.push({ startPeriodS: Math.round((t - ctx.t) / 1000), limitKw });
    const next = nextChangeAt(profiles, { ...ctx, t });
    if (next === undefined) break;
    t = next;
  }
  return periods;
}

/** Why a profile cannot be installed as given, or undefined when it can (engine maps this to Rejected). */
export function profileProblem(profile: ChargingProfile): string | undefined {
  if (profile.periods.length === 0) return 'the schedule has no periods';
  if (profile.periods[0]!.startPeriodS !== 0) return 'the first period must start at 0';
  for (let i = 1; i < profile.periods.length; i++) {
    if (profile.periods[i]!.startPeriodS <= profile.periods[i - 1]!.startPeriodS) return 'period starts must increase';
  }
  if (profile.periods.some((p) => !(p.limit >= 0) || !Number.isFinite(p.limit))) return 'a limit is negative or not a number';
  if (profile.kind === 'Recurring' && profile.recurrency === undefined) return 'a Recurring profile needs recurrencyKind';
  if (profile.kind === 'Recurring' && profile.startSchedule === undefined) return 'a Recurring profile needs startSchedule';
  if (profile.validFrom !== undefined && profile.validTo !== undefined && profile.validTo <= profile.validFrom) return 'validTo is not after validFrom';
  return undefined;
}

/**
 * Install `profile` among `installed` (OCPP: one with the same id, or the same purpose and stack level, is
 * replaced); returns the new list.
 */
export function installProfile(installed: readonly ChargingProfile[], profile: ChargingProfile): ChargingProfile[] {
  return [...installed.filter((p) => p.id !== profile.id && !(p.purpose === profile.purpose && p.stackLevel === profile.stackLevel)), profile];
}

export interface ProfileFilter {
  id?: number;
  purpose?: ProfilePurpose;
  stackLevel?: number;
}

/** Remove the profiles matching every given criterion (all of them when none is given). */
export function clearProfiles(installed: readonly ChargingProfile[], filter: ProfileFilter): { kept: ChargingProfile[]; removed: number } {
  const matches = (p: ChargingProfile): boolean =>
    (filter.id === undefined || p.id === filter.id) && (filter.purpose === undefined || p.purpose === filter.purpose) && (filter.stackLevel === undefined || p.stackLevel === filter.stackLevel);
  const kept = installed.filter((p) => !matches(p));
  return { kept, removed: installed.length - kept.length };
}
