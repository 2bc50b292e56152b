// The charging profiles a CSMS installed on one wallbox, applied to its EVSE twin: the limit in force now
// (twins/home/charging-profile.ts decides it) goes to the twin as EVSE.SET_POWER_LIMIT, and a timer on the virtual
// clock re-applies it at the next period boundary, so a schedule's steps happen at their virtual times.
import type { TimerHandle } from '../../../twins/kernel/types';
import {
  clearProfiles, compositeSchedule, effectiveLimit, installProfile, nextChangeAt, profileProblem, type ChargingProfile, type CompositePeriod, type LimitContext, type ProfileFilter,
} from '../../../twins/home/charging-profile';
import type { Simulation } from '../../../twins/sim/simulation';
import type { TwinActor } from '../../../twins/sim/twin-actor';
import type { PortOutcome } from './dialect';

export class ProfileApplication {
  private profiles: ChargingProfile[] = [];
  private timer: TimerHandle | undefined;

  constructor(
    private readonly sim: Simulation,
    private readonly twin: TwinActor,
    private readonly transaction: () => LimitContext['transaction'],
  ) {}

  get installed(): readonly ChargingProfile[] {
    return this.profiles;
  }

  install(profile: ChargingProfile): PortOutcome {
    const problem = profileProblem(profile);
    if (problem !== undefined) return { ok: false, reason: problem };
    this.profiles = installProfile(this.profiles, profile);
    this.apply();
    return { ok: true };
  }

  clear(filter: ProfileFilter): number {
    const { kept, removed } = clearProfiles(this.profiles, filter);
    this.profiles = kept;
    if (removed > 0) this.apply();
    return removed;
  }

  /** A TxProfile lives as long as its transaction (OCPP 1.6 §3.13.4, 2.0.1 K01). */
  transactionEnded(): void {
    this.clear({ purpose: 'TxProfile' });
  }

  composite(durationS: number): CompositePeriod[] {
    return compositeSchedule(this.profiles, this.context(), durationS);
  }

  /** Put the limit in force now on the twin, and wake up at the next change. */
  apply(): void {
    const ctx = this.context();
    const { limitKw } = effectiveLimit(this.profiles, ctx);
    if (Math.abs(limitKw - Number(this.twin.context.powerLimitKw)) > 1e-9) this.twin.send({ type: 'EVSE.SET_POWER_LIMIT', powerLimitKw: limitKw });
    if (this.timer !== undefined) this.sim.kernel.scheduler.cancel(this.timer);
    const next = nextChangeAt(this.profiles, ctx);
    this.timer = next === undefined ? undefined : this.sim.kernel.scheduler.scheduleAt(next, () => this.apply(), `ocpp-profile:${this.twin.id}`);
  }

  private context(): LimitContext {
    const transaction = this.transaction();
    return { t: this.sim.now, maxKw: Number(this.twin.context.maxPowerKw), ...(transaction ? { transaction } : {}) };
  }

  close(): void {
    if (this.timer !== undefined) this.sim.kernel.scheduler.cancel(this.timer);
    this.timer = undefined;
  }
}
