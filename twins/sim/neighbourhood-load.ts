// The neighbourhood's household base load: the sum of every home's piecewise profile at a time t. Every home
// draws the same profile (HomeTwin.baseLoadKw), so the sum only changes where that profile steps; it is summed
// home by home once per step and kept. Callers ask at every slot of every replan and every minute of the grid
// monitor — summing the homes each time made the charging scene cost homes × slots × plug-ins.
import { DEFAULT_HOUSEHOLD_PROFILE, MS_PER_HOUR, timeOfDayMs, type LoadProfile } from '../home/meter';
import type { HomeTwin } from './home-twin';

/** Index of the profile step in force at virtual time t (the last whose `fromHour` has passed). */
export function profileStepAt(profile: LoadProfile, t: number, epochTimeOfDayMs = 0): number {
  const hour = timeOfDayMs(t, epochTimeOfDayMs) / MS_PER_HOUR;
  let index = 0;
  profile.forEach((step, i) => {
    if (step.fromHour <= hour) index = i;
  });
  return index;
}

export class NeighbourhoodLoad {
  private readonly byStep = new Map<number, number>();
  private homeCount = -1;

  constructor(
    private readonly homes: ReadonlyMap<string, HomeTwin>,
    private readonly startTimeOfDayMs: number,
    private readonly profile: LoadProfile = DEFAULT_HOUSEHOLD_PROFILE,
  ) {}

  /**
   * Total base load (kW) at t. The kept sum is the very floating-point sum a loop over the homes at t gives
   * (the same values added in the same order), so results — and event hashes — do not change.
   */
  baseLoadKw(t: number): number {
    if (this.homes.size !== this.homeCount) {
      this.byStep.clear();
      this.homeCount = this.homes.size;
    }
    const step = profileStepAt(this.profile, t, this.startTimeOfDayMs);
    let kw = this.byStep.get(step);
    if (kw === undefined) {
      kw = 0;
      for (const home of this.homes.values()) kw += home.baseLoadKw(t);
      this.byStep.set(step, kw);
    }
    return kw;
  }
}
