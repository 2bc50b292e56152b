// The household living its plan (household.ts) in the world: the car leaves and comes back on the plan's times,
// and the people do by hand what nobody did for them. Before leaving they check the car: if its cabin is not
// being conditioned they tap "precondition" in the app. Coming home, when the car asks about home mode (the
// stage-2 geofence rule) and the home is not already cooling, they tap Confirm. Each tap is a `user.interaction`
// event: what the judge counts. Ground truth is `household.departed` / `household.arrived`, emitted when the car
// really leaves and really gets home; the agent's predictions play no part in it. Questions an agent asks are
// answered from the plan: yes when the event will happen within the answer window.
// Two habits beyond comfort: parked at home, the driver plugs the car in (the wallbox charges at once unless
// someone schedules it: the rules' behaviour) and unplugs it to leave; arriving after dark with the living-room
// light off, they switch it on by hand. `household.departed` carries the charge the car left with, so the judge can
// tell a car that was ready from one that was not.
import { vehicleAddress } from '../../bus/addresses';
import { stateOfChargeAt, type TractionBatteryContext } from '../../vehicle/battery-physics';
import { placesOfKind } from '../../world';
import type { SimApp, Simulation } from '../simulation';
import type { VehicleFenceCrossing } from '../vehicle-twin';
import { HOME_FENCE_PREFIX } from '../simulation';
import { hvacModeFor, minuteOf, timeOf, type DayPlan, dayOf } from './household';

/** What an action prepares: the car for a departure (cabin), the home for an arrival (climate, lights), the charge. */
export type Need = 'departure' | 'arrival' | 'charging' | 'lighting';

/** The wallbox at home as the driver uses it (the charging app): plug in (charging to its default target), unplug. */
export interface HomeCharger {
  plugIn(vehicleId: string): void;
  unplug(vehicleId: string): void;
}

export interface HouseholdHabits {
  /** Plugs the car in when parked at home; the charge it expects to leave with, % (the charger's target). */
  charger?: { app: HomeCharger; readySocPercent: number } | undefined;
  /** Minutes after midnight it is dark (over these weeks), and the brightness (%) people switch the light on to. */
  darkFromMin?: number | undefined;
  lightingPct?: number | undefined;
}

/**
 * What an agent may ask the occupant. For a comfort need: "will you need this within the next `withinMin` minutes?".
 * For a charging deferral: "may the charge wait — you will not need the car within the next `withinMin` minutes
 * (until it is ready)?": the risk of waiting is an early departure, so a day nobody leaves is a yes.
 */
export interface Occupant {
  answer(need: Need, withinMin: number): boolean;
}

/** The user checks the car this long before leaving. */
export const CHECK_BEFORE_LEAVING_MIN = 15;

export class HouseholdApp implements SimApp, Occupant {
  private readonly startOfDayMs: number;
  /** Ground-truth times of the plan's departures and arrivals-to-be, to answer questions. */
  private readonly leaves: number[] = [];
  private readonly comeBacks: number[] = [];
  /** The drive home under way entered the home's geofence (so the car asked about home mode). */
  private promptedOnTheWay = false;

  constructor(
    private readonly sim: Simulation,
    private readonly vehicleId: string,
    private readonly homeId: string,
    private readonly plans: readonly DayPlan[],
    private readonly temperature: number,
    private readonly habits: HouseholdHabits = {},
  ) {
    this.startOfDayMs = sim.spec.startTimeOfDayMs ?? 0;
    for (const plan of plans) {
      if (plan.leave === undefined || plan.comeBack === undefined) continue;
      const leaveAt = timeOf(plan.day, plan.leave, this.startOfDayMs);
      const backAt = timeOf(plan.day, plan.comeBack, this.startOfDayMs);
      if (leaveAt < 0) continue;
      this.leaves.push(leaveAt);
      this.comeBacks.push(backAt);
      const checkAt = leaveAt - CHECK_BEFORE_LEAVING_MIN * 60_000;
      if (checkAt >= 0) sim.kernel.scheduler.scheduleAt(checkAt, () => this.checkCar(), 'household:check-car');
      sim.kernel.scheduler.scheduleAt(leaveAt, () => this.leave(plan), 'household:leave');
      sim.kernel.scheduler.scheduleAt(backAt, () => this.comeBack(), 'household:come-back');
    }
  }

  answer(need: Need, withinMin: number): boolean {
    const now = this.sim.now;
    if (need === 'charging') {
      // Found across seeds (proactive-weeks seeds 34, 185): asked on the eve of an unannounced sick day whether to
      // charge off-peak "for the next trip", she said no — and the car charged at once, in the peak, for nothing.
      const leavesFirst = this.leaves.some((t) => t >= now && t <= now + withinMin * 60_000);
      this.interaction(need, 'answered', { answer: leavesFirst ? 'no' : 'yes' });
      return !leavesFirst;
    }
    // An arrival is the drive home ending: it comes some minutes after leaving for home, so the question is
    // answered from the plan's leaving times, with the drive's length (bounded by the window) in mind.
    const arriving = need === 'arrival' || need === 'lighting';
    const times = arriving ? this.comeBacks : this.leaves;
    const yes = times.some((t) => t >= now - (arriving ? 15 * 60_000 : 0) && t <= now + withinMin * 60_000);
    this.interaction(need, 'answered', { answer: yes ? 'yes' : 'no' });
    return yes;
  }

  onGeofence(crossing: VehicleFenceCrossing): void {
    if (crossing.vehicleId !== this.vehicleId || crossing.kind !== 'enter' || crossing.fenceId !== `${HOME_FENCE_PREFIX}${this.homeId}`) return;
    const vehicle = this.sim.vehicle(this.vehicleId);
    if (vehicle.destination?.id !== this.sim.home(this.homeId).place.id) return;
    this.promptedOnTheWay = true;
    if (this.homeIsConditioned()) return; // the prompt times out unanswered: nobody needed it
    // The geofence rule's prompt is on the car screen (HomeAutomations put it there): one tap on Confirm.
    vehicle.parts.screen.send({ type: 'PROMPT.CONFIRM' });
    this.interaction('arrival', 'rule-prompt', { temperature: this.temperature });
  }

  private checkCar(): void {
    const hvac = this.sim.vehicle(this.vehicleId).parts.hvac;
    if (hvac.state !== 'off') return;
    this.sim.sendFromHome(this.sim.automationHost(this.homeId), vehicleAddress(this.vehicleId), {
      capability: 'vehicle_climate', name: 'precondition', deviceId: `vehicle.${this.vehicleId}`, attributes: { temperature: this.temperature },
    }, 'command');
    this.interaction('departure', 'by-hand', { temperature: this.temperature });
  }

  private leave(plan: DayPlan): void {
    const vehicle = this.sim.vehicle(this.vehicleId);
    const place = plan.destination === 'shops' ? (placesOfKind(this.sim.city, 'poi')[0] ?? this.sim.placeFor('work', this.homeId)) : this.sim.placeFor('work', this.homeId);
    if (this.habits.charger !== undefined) {
      this.habits.charger.app.unplug(this.vehicleId);
      const ctx = vehicle.parts.battery.context as unknown as TractionBatteryContext;
      this.emit('household.departed', { socPercent: round(stateOfChargeAt(ctx, this.sim.now)), readySocPercent: this.habits.charger.readySocPercent });
    } else {
      this.emit('household.departed');
    }
    vehicle.driveTo(place);
    // Leaving home: the home's own rule switches the AC off (no tap; the home knows the house is empty).
    const climate = this.sim.home(this.homeId).firstOfType('climate');
    if (climate !== undefined && climate.context.hvacMode !== 'off') {
      this.sim.sendFromHome(this.sim.automationHost(this.homeId), climate.id, { capability: 'climate', name: 'turn_off', deviceId: climate.id.split('/').pop()!, attributes: {} }, 'command');
    }
    const light = this.sim.home(this.homeId).firstOfType('light');
    if (light !== undefined && light.state !== 'off') {
      this.sim.sendFromHome(this.sim.automationHost(this.homeId), light.id, { capability: 'light', name: 'turn_off', deviceId: light.id.split('/').pop()!, attributes: {} }, 'command');
    }
  }

  private comeBack(): void {
    const vehicle = this.sim.vehicle(this.vehicleId);
    this.promptedOnTheWay = false;
    vehicle.driveTo(this.sim.home(this.homeId).place, () => {
      const dark = this.habits.darkFromMin !== undefined && minuteOf(this.sim.now, this.startOfDayMs) >= this.habits.darkFromMin;
      this.emit('household.arrived', this.habits.darkFromMin !== undefined ? { dark } : {});
      if (!this.promptedOnTheWay) this.coolTheHomeByHand();
      // Parked at home, the driver switches the cabin climate off (a button in the car, not a message).
      vehicle.parts.hvac.send({ type: 'HVAC.TURN_OFF' });
      if (dark) this.switchTheLightOn();
      this.habits.charger?.app.plugIn(this.vehicleId);
    });
  }

  /**
   * Home without the geofence prompt (her work lies inside the home's geofence, so the drive home never enters it)
   * and the home not cooling: she switches the AC on in the app herself. Found across seeds (proactive-weeks seed
   * 127, work 1.2 km away): without this the rules left her every evening in a warm home for no tap at all, and the
   * agent was measured against a baseline of 19 taps instead of 27.
   */
  private coolTheHomeByHand(): void {
    const climate = this.sim.home(this.homeId).firstOfType('climate');
    if (climate === undefined || this.homeIsConditioned()) return;
    const outdoor = climate.context.outdoorTemperature;
    this.sim.sendFromHome(this.sim.automationHost(this.homeId), climate.id, {
      capability: 'climate', name: 'set_temperature', deviceId: climate.id.split('/').pop()!,
      attributes: { temperature: this.temperature, hvac_mode: hvacModeFor(typeof outdoor === 'number' ? outdoor : undefined, this.temperature) },
    }, 'command');
    this.interaction('arrival', 'by-hand', { temperature: this.temperature });
  }

  /** Home after dark: the living-room light on, by hand at the wall switch's app, unless someone already did. */
  private switchTheLightOn(): void {
    const light = this.sim.home(this.homeId).firstOfType('light');
    if (light === undefined || light.state !== 'off') return;
    const brightness = this.habits.lightingPct ?? 60;
    this.sim.sendFromHome(this.sim.automationHost(this.homeId), light.id, {
      capability: 'light', name: 'turn_on', deviceId: light.id.split('/').pop()!, attributes: { brightness_pct: brightness },
    }, 'command');
    this.interaction('lighting', 'by-hand', { brightness });
  }

  private homeIsConditioned(): boolean {
    const climate = this.sim.home(this.homeId).firstOfType('climate');
    return climate !== undefined && climate.context.hvacMode !== 'off';
  }

  private emit(type: 'household.departed' | 'household.arrived', extra: { [key: string]: number | boolean } = {}): void {
    const t = this.sim.now;
    this.sim.kernel.events.emit(type, vehicleAddress(this.vehicleId), { day: dayOf(t, this.startOfDayMs), minute: minuteOf(t, this.startOfDayMs), ...extra });
  }

  private interaction(need: Need, how: 'by-hand' | 'rule-prompt' | 'answered', extra: { [key: string]: string | number }): void {
    const t = this.sim.now;
    this.sim.kernel.events.emit('user.interaction', `home/${this.homeId}`, { need, how, day: dayOf(t, this.startOfDayMs), ...extra });
  }
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
