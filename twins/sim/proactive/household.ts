// A household's weeks as ground truth: on each day, when the car leaves home and when it leaves for home again,
// drawn from a routine with noise and its exceptions — calendar holidays (at home all day), overtime evenings (home
// late) and sick days (the car stays home). The plan is fixed before the run from the seed, so two agents judged on
// the same seed meet the same days; the agent never reads it, it only sees the car come and go.
import type { RandomStream } from '../../kernel/types';
import { minuteOfDay } from '../apps/grid';

export interface HouseholdRoutine {
  /** Monday–Friday: minutes after midnight the car leaves home, and leaves work for home. */
  workday: { leave: number; leaveWork: number };
  /** Saturday's outing, if any: leaves home, leaves for home. Sunday the car stays home. */
  saturday?: { leave: number; comeBack: number } | undefined;
  /** Standard deviation of each time, minutes (normal noise, rounded to the minute). */
  jitterMin: number;
}

export interface HouseholdExceptions {
  /** Days (0 = the first) the calendar marks as holidays: nobody leaves, and the agent can know it. */
  holidays: readonly number[];
  /** Days someone is ill: nobody leaves, and nothing said so in advance. */
  sick: readonly number[];
  /** Days the driver works late: leaves work `minutes` later, unannounced. */
  overtime: readonly { day: number; minutes: number }[];
}

export interface DayPlan {
  day: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  holiday: boolean;
  /** Minutes after midnight the car leaves home, and leaves its destination for home (both or neither). */
  leave?: number;
  comeBack?: number;
  /** `work` on workdays, `shops` on Saturday's outing. */
  destination?: 'work' | 'shops';
}

/** The plan of `days` days starting on `startWeekday` (0 = Monday). */
export function planHousehold(routine: HouseholdRoutine, exceptions: HouseholdExceptions, days: number, startWeekday: number, random: RandomStream): DayPlan[] {
  const jitter = (): number => Math.round(random.normal(0, routine.jitterMin));
  const plans: DayPlan[] = [];
  for (let day = 0; day < days; day++) {
    const weekday = (startWeekday + day) % 7;
    // Draw every day's noise whether or not it is used, so an exception on one day does not shift the others.
    const [a, b] = [jitter(), jitter()];
    const holiday = exceptions.holidays.includes(day);
    const plan: DayPlan = { day, weekday, holiday };
    if (!holiday && !exceptions.sick.includes(day)) {
      if (weekday < 5) {
        const late = exceptions.overtime.find((o) => o.day === day)?.minutes ?? 0;
        Object.assign(plan, { leave: routine.workday.leave + a, comeBack: routine.workday.leaveWork + b + late, destination: 'work' });
      } else if (weekday === 5 && routine.saturday !== undefined) {
        Object.assign(plan, { leave: routine.saturday.leave + a, comeBack: routine.saturday.comeBack + b, destination: 'shops' });
      }
    }
    plans.push(plan);
  }
  return plans;
}

export const DAY_MS = 86_400_000;

/** The day (0 = the run's first) of virtual time `t`, when the run starts `startOfDayMs` after midnight. */
export const dayOf = (t: number, startOfDayMs: number): number => Math.floor((t + startOfDayMs) / DAY_MS);
/** Whole minutes after midnight of virtual time `t` (the grid's minuteOfDay, which keeps the fraction, floored). */
export const minuteOf = (t: number, startOfDayMs: number): number => Math.floor(minuteOfDay(t, startOfDayMs));
/** Virtual time of `minute` on `day`. */
export const timeOf = (day: number, minute: number, startOfDayMs: number): number => day * DAY_MS + minute * 60_000 - startOfDayMs;

/**
 * The AC mode for a set-point, shared by the agent and by the occupant switching it on by hand: precool on a day
 * warmer than the set-point, preheat on a colder one (unknown weather: cool, the seed's summer case).
 */
export function hvacModeFor(outdoorC: number | undefined, setpointC: number): 'cool' | 'heat' {
  return outdoorC !== undefined && outdoorC < setpointC ? 'heat' : 'cool';
}
