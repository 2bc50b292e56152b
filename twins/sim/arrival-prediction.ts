// When a driver will be home this evening, before the car has moved (seed §2.2 "Overtime: calendar says late ⇒
// home mood mode shifted", §4.1.3 "predict arrival"): the usual time they leave work, moved to the end of a
// calendar entry that is running then (overtime), plus the expected drive from work (twins/world/eta.ts). Once the
// car is on its way, its live ETA (`vehicle.eta`) supersedes this. Pure: the same spec and map give the same answer.
import { expectedTravelS, findRoute, type CityMap, type Place } from '../world';
import type { CalendarEntry, UserSpec } from './spec';

const DAY_MS = 86_400_000;

export interface PredictedArrival {
  userId: string;
  vehicleId: string;
  homeId: string;
  /** Virtual times (ms since the run's start). */
  departAt: number;
  arriveAt: number;
  /** Why the driver leaves then: `usual`, or the title of the calendar entry that keeps them. */
  because: string;
}

/**
 * The time of day the user leaves work: the usual time, or the end of the calendar entry running then — and again
 * if another entry is running at that end (back-to-back meetings). Entries that end before or start after it do
 * not move it.
 */
export function predictedDepartureMs(leavesWorkAtMs: number, calendar: readonly CalendarEntry[]): { atMs: number; because: string } {
  let atMs = leavesWorkAtMs;
  let because = 'usual';
  for (let moved = true; moved; ) {
    moved = false;
    for (const entry of calendar) {
      if (entry.fromMs <= atMs && atMs < entry.toMs) {
        atMs = entry.toMs;
        because = entry.title;
        moved = true;
      }
    }
  }
  return { atMs, because };
}

/** The evening arrival of a user who drives home from `work` (undefined without a usual leaving time, car or home). */
export function predictEveningArrival(
  user: UserSpec, city: CityMap, work: Place, home: Place, startTimeOfDayMs: number,
): PredictedArrival | undefined {
  if (user.leavesWorkAtMs === undefined || user.vehicleId === undefined || user.homeId === undefined) return undefined;
  const { atMs, because } = predictedDepartureMs(user.leavesWorkAtMs, user.calendar ?? []);
  // Times of day before the run's start are tomorrow's.
  const departAt = (atMs - startTimeOfDayMs + DAY_MS) % DAY_MS;
  const arriveAt = departAt + Math.round(expectedTravelS(findRoute(city.graph, work.nodeId, home.nodeId)) * 1000);
  return { userId: user.id, vehicleId: user.vehicleId, homeId: user.homeId, departAt, arriveAt, because };
}
