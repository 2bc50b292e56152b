// The built-in routine-learning agent (issue #21 part 3): it watches the car come and go, learns the household's
// routine (routine-learner.ts) and acts ahead of need — preconditions the cabin before the predicted departure,
// precools (or preheats) the home before the predicted arrival, lights it when that arrival is after dark, and
// schedules the car's charging so it is charged by the predicted next departure in off-peak hours (agent-charging.ts)
// — each action with its confidence and explanation in an `agent.acted` event. Unsure, it asks the occupant (`agent.asked`) instead; below that it does nothing.
// It is an enrolled party (`party/routine-agent`, controller-parties.ts): its commands go over the bus under the
// run's architecture like any controller's, so they are recorded and judged. No network, no model weights.
//
// Policies: `learning` (the agent), and two negative controls a judge must fail — `always` (acts every day at
// fixed times, no learning) and `frozen` (learning disabled: it never learns, so it never acts).
import { gatewayAddress, vehicleAddress } from '../../bus/addresses';
import { enrolController } from '../controller-parties';
import type { Intent } from '../ecosystem-codec';
import type { SimApp, Simulation } from '../simulation';
import type { EmittedEvent, TwinActor } from '../twin-actor';
import { ChargingScheduler } from './agent-charging';
import type { Tariff } from './charging-plan';
import { dayOf, hvacModeFor, minuteOf, timeOf } from './household';
import type { Need, Occupant } from './household-app';
import { RoutineLearner, WEEKDAYS, clock, type DayRecord, type RoutineModel } from './routine-learner';

export type AgentPolicy = 'learning' | 'always' | 'frozen';
export const ROUTINE_AGENT = 'routine-agent';

export interface ProactiveAgentOptions {
  vehicleId: string;
  homeId: string;
  userId?: string | undefined;
  policy: AgentPolicy;
  occupant: Occupant;
  /** 0 = Monday: the weekday of the run's first day. */
  startWeekday: number;
  /** Days the household's calendar marks as holidays. */
  holidays: readonly number[];
  /** Act at or above this confidence, ask at or above `askAt`. Defaults 0.75 and 0.4. */
  actAt?: number;
  askAt?: number;
  /** Minutes ahead of the predicted departure / arrival the agent acts. Defaults 20 and 30. */
  departureLeadMin?: number;
  arrivalLeadMin?: number;
  /** The home AC is switched off again when nobody came home this long after the agent started it. Default 60. */
  windowMin?: number;
  /** A model trained beforehand (`twinbench learn`), to start from. */
  model?: RoutineModel | undefined;
  /** The home's time-of-use tariff: with it, the agent schedules the car's charging into off-peak hours. */
  tariff?: Tariff | undefined;
  /** Minutes after midnight it gets dark (over the run): with it, the agent lights the home for a dark arrival. */
  darkFromMin?: number | undefined;
}

type Comfort = 'departure' | 'arrival' | 'lighting';
const ALWAYS_AT: Record<Comfort, number> = { departure: 7 * 60 + 20, arrival: 17 * 60 + 30, lighting: 17 * 60 + 55 };
/** Lights come on this long before the predicted arrival. */
const LIGHTING_LEAD_MIN = 5;

export class ProactiveAgent implements SimApp {
  readonly learner: RoutineLearner;
  readonly party: string;
  private readonly startOfDayMs: number;
  private today: DayRecord;
  /**
   * The car stands in the home's driveway: false from the moment it starts a trip (it has left, even before it
   * parks elsewhere) until it parks at home again. A departure it has already made needs no preconditioning.
   */
  private parkedAtHome = true;
  /** Needs already acted on today, so a catch-up does not repeat an action. */
  private actedToday = new Set<Need>();
  /** Her answer today to "cool the home for your arrival?", if she was asked. */
  private arrivalAnswer: boolean | undefined;
  /** The agent switched the light on today and has not switched it off again. */
  private lighting = false;
  private readonly o: Required<Omit<ProactiveAgentOptions, 'userId' | 'model' | 'tariff' | 'darkFromMin'>> & Pick<ProactiveAgentOptions, 'userId' | 'tariff' | 'darkFromMin'>;
  private readonly charging: ChargingScheduler | undefined;

  constructor(private readonly sim: Simulation, options: ProactiveAgentOptions) {
    this.o = { actAt: 0.75, askAt: 0.4, departureLeadMin: 20, arrivalLeadMin: 30, windowMin: 60, ...options };
    this.learner = new RoutineLearner({}, options.model);
    this.party = enrolController(sim, ROUTINE_AGENT);
    this.startOfDayMs = sim.spec.startTimeOfDayMs ?? 0;
    this.today = this.record(0);
    sim.kernel.events.onEvent((event) => {
      // The user's own set-points, from the taps the home's app logs: the temperature to precool to.
      if (event.type !== 'user.interaction' || this.o.policy === 'frozen') return;
      if (typeof event.data.temperature === 'number') this.learner.observeSetpoint(event.data.temperature);
      // The brightness they switch the light on to, by hand: the level to light the home at.
      if (typeof event.data.brightness === 'number') this.learner.observeLighting(String(event.data.brightness));
    });
    this.charging = options.tariff === undefined ? undefined : new ChargingScheduler(sim, {
      vehicleId: options.vehicleId, homeId: options.homeId, party: this.party, tariff: options.tariff, startOfDayMs: this.startOfDayMs,
      learner: this.learner, learns: options.policy !== 'frozen', plans: options.policy === 'learning',
      nextDeparture: () => this.nextDeparture(),
      decide: (day, confidence, explanation, act, withinMin) => this.decide('charging', day, confidence, explanation, act, withinMin),
    });
    this.planDay(0);
  }

  onTwinEvent(twin: TwinActor, event: EmittedEvent): void {
    this.charging?.onTwinEvent(twin, event);
    if (twin.id !== `${vehicleAddress(this.o.vehicleId)}/drive`) return;
    const minute = minuteOf(this.sim.now, this.startOfDayMs);
    const homePlace = this.sim.home(this.o.homeId).place.id;
    const toHome = this.sim.vehicle(this.o.vehicleId).destination?.id === homePlace;
    if (event.type === 'trip.started') {
      if (this.parkedAtHome && this.today.departure === undefined) this.today.departure = minute;
      this.parkedAtHome = false;
      // Seen, not predicted: the car is on its way home and the home is not being prepared — do it now.
      if (toHome && !this.homeConditioned() && this.o.policy === 'learning') {
        this.act('arrival', 1, `the car is driving home (ETA ${Math.round(this.sim.vehicle(this.o.vehicleId).etaSeconds(this.sim.now) / 60)} min) and the home is not being prepared`);
      }
      if (toHome && this.o.policy === 'learning') this.lightForTheCarSeen();
    } else if (event.type === 'trip.ended') {
      this.parkedAtHome = toHome;
      if (toHome) this.today.arrival = minute;
    }
  }

  /** Seen, not predicted: the car is driving home and will arrive after dark — light the home just before it does. */
  private lightForTheCarSeen(): void {
    const eta = this.sim.now + this.sim.vehicle(this.o.vehicleId).etaSeconds(this.sim.now) * 1000;
    const etaMinute = minuteOf(eta, this.startOfDayMs);
    if (this.o.darkFromMin === undefined || etaMinute < this.o.darkFromMin) return;
    // (A light the prediction switched on and the window switched off again, the overtime evening, is lit again.)
    this.sim.kernel.scheduler.scheduleAt(Math.max(this.sim.now, eta - LIGHTING_LEAD_MIN * 60_000), () => {
      if (!this.parkedAtHome) this.act('lighting', 1, `the car is driving home, arriving at ${clock(etaMinute)}, after dark (${clock(this.o.darkFromMin!)})`);
    }, 'agent:lighting-seen');
  }

  /** The first predicted departure after now, skipping the calendar's holidays (within a week). */
  private nextDeparture(): { day: number; at: number; confidence: number; explanation: string } | undefined {
    const today = dayOf(this.sim.now, this.startOfDayMs);
    for (let day = today; day < today + 7; day++) {
      if (this.o.holidays.includes(day)) continue;
      const prediction = this.learner.predict((this.o.startWeekday + day) % 7, 'departure');
      if (prediction === undefined) continue;
      const at = timeOf(day, Math.round(prediction.minuteOfDay), this.startOfDayMs);
      if (at > this.sim.now) return { day, at, confidence: prediction.confidence, explanation: prediction.explanation };
    }
    return undefined;
  }

  private alreadyUnderWay(need: Need): boolean {
    if (need === 'departure') return this.sim.vehicle(this.o.vehicleId).parts.hvac.state !== 'off';
    if (need === 'arrival') return this.homeConditioned();
    if (need === 'lighting') return (this.sim.home(this.o.homeId).firstOfType('light')?.state ?? 'off') !== 'off';
    return false;
  }

  private drivingHome(): boolean {
    const vehicle = this.sim.vehicle(this.o.vehicleId);
    return vehicle.isDriving && vehicle.destination?.id === this.sim.home(this.o.homeId).place.id;
  }

  private homeConditioned(): boolean {
    const climate = this.sim.home(this.o.homeId).firstOfType('climate');
    return climate !== undefined && climate.context.hvacMode !== 'off';
  }

  private record(day: number): DayRecord {
    return { day, weekday: (this.o.startWeekday + day) % 7, holiday: this.o.holidays.includes(day) };
  }

  /** At each midnight: learn from the day that ended, then plan the new one. */
  private planDay(day: number): void {
    const next = timeOf(day + 1, 0, this.startOfDayMs);
    this.sim.kernel.scheduler.scheduleAt(next, () => {
      if (this.o.policy === 'learning') this.learner.observeDay(this.today);
      this.today = this.record(day + 1);
      this.actedToday = new Set();
      this.arrivalAnswer = undefined;
      this.lighting = false;
      this.planDay(day + 1);
    }, 'agent:midnight');
    const weekday = (this.o.startWeekday + day) % 7;
    for (const need of ['departure', 'arrival', 'lighting'] as const) {
      if (need === 'lighting' && this.o.darkFromMin === undefined) continue;
      const lead = need === 'departure' ? this.o.departureLeadMin : need === 'arrival' ? this.o.arrivalLeadMin : LIGHTING_LEAD_MIN;
      const prediction = this.o.policy === 'always' ? undefined : this.learner.predict(weekday, need === 'departure' ? 'departure' : 'arrival');
      // Lights only for an arrival predicted after dark.
      if (need === 'lighting' && prediction !== undefined && prediction.minuteOfDay < this.o.darkFromMin!) continue;
      const at = this.o.policy === 'always' ? ALWAYS_AT[need] : prediction === undefined ? undefined : prediction.minuteOfDay - lead;
      if (at === undefined) continue;
      const t = timeOf(day, Math.round(at), this.startOfDayMs);
      if (t < this.sim.now || t >= next) continue;
      this.sim.kernel.scheduler.scheduleAt(t, () => {
        if (this.o.policy === 'always') return this.act(need, 1, `every day at ${clock(at)}`);
        this.decide(need, day, prediction!.confidence, prediction!.explanation);
      }, `agent:${need}`);
    }
  }

  /**
   * Act at or above `actAt`, ask between `askAt` and it, else do nothing. `act` is the action (the comfort one for
   * `need` by default); `withinMin` is the question's horizon ("within the next … minutes?").
   */
  private decide(need: Need, day: number, confidence: number, explanation: string, act?: (confidence: number, explanation: string) => void, withinMin?: number): void {
    if (this.o.holidays.includes(day)) return; // the calendar says nobody goes anywhere
    const arriving = need === 'arrival' || need === 'lighting';
    if (arriving && (this.parkedAtHome || this.actedToday.has(need))) return; // the car never left, or already done
    // The car is on the road or elsewhere: she left before the predicted time (the routine's noise), so there is no
    // departure left to prepare — preconditioning a car already driving is waste, and under local it is out of reach.
    if (need === 'departure' && !this.parkedAtHome) return;
    const doIt = act ?? ((c: number, e: string) => need !== 'charging' && this.act(need, c, e));
    if (confidence >= this.o.actAt) return doIt(confidence, explanation);
    if (confidence < this.o.askAt) return;
    // Never a question whose answer is in plain sight: she started the cabin herself, or the home is already cooling
    // or lit (found across seeds: asked to precondition a car she had preconditioned by hand minutes before, she
    // answered — a tap for nothing, enough to cost proactive-weeks seeds 34 and 66 their "half the taps").
    if (this.alreadyUnderWay(need)) return;
    // One question per arrival: her answer about cooling the home covers lighting it (found across seeds: asked
    // both, 25 minutes apart, about the same evening — two taps where the rules need one). After a no, the agent
    // waits to see the car set off for home, and prepares the home then.
    if (need === 'lighting' && this.arrivalAnswer !== undefined) {
      if (this.arrivalAnswer) doIt(confidence, `asked about the arrival, the occupant said yes (${explanation})`);
      return;
    }
    const window = withinMin ?? (need === 'departure' ? this.o.departureLeadMin + 15 : need === 'arrival' ? this.o.arrivalLeadMin + 15 : LIGHTING_LEAD_MIN + 15);
    this.sim.kernel.events.emit('agent.asked', this.party, { need, day, confidence, explanation });
    if (this.o.userId !== undefined) {
      this.sim.sendFromHome(this.sim.automationHost(this.o.homeId), `phone/${this.o.userId}`, {
        capability: 'notify', name: 'notify', deviceId: this.o.userId, attributes: { title: QUESTIONS[need], message: explanation, severity: 'info' },
      }, 'command');
    }
    const yes = this.o.occupant.answer(need, window);
    if (need === 'arrival') this.arrivalAnswer = yes;
    if (yes) doIt(confidence, `asked, and the occupant said yes (${explanation})`);
  }

  private act(need: Comfort, confidence: number, explanation: string): void {
    this.actedToday.add(need);
    const temperature = this.learner.preferredTemperature()?.value ?? 24;
    const home = this.sim.home(this.o.homeId);
    let target: string;
    let intent: Intent;
    if (need === 'lighting') {
      const light = home.firstOfType('light');
      // Already lit (or its command on the way): nothing to do. Nor before it has seen the level people choose.
      const level = this.learner.preferredLighting()?.value;
      if (light === undefined || light.state !== 'off' || this.lighting || level === undefined) return;
      this.lighting = true;
      target = light.id;
      const brightness = level !== undefined && /^\d+(\.\d+)?$/.test(level) ? Math.min(100, Number(level)) : undefined;
      intent = { capability: 'light', name: 'turn_on', deviceId: light.id.split('/').pop()!, attributes: brightness !== undefined ? { brightness_pct: brightness } : { scene: level } };
      this.sim.sendFromHome(gatewayAddress(this.o.homeId), target, intent, 'command', { signer: this.party });
      this.switchOffIfNobodyCame(target, { ...intent, name: 'turn_off', attributes: {} }, () => light.state !== 'off', () => (this.lighting = false));
    } else if (need === 'departure') {
      target = vehicleAddress(this.o.vehicleId);
      intent = { capability: 'vehicle_climate', name: 'precondition', deviceId: `vehicle.${this.o.vehicleId}`, attributes: { temperature } };
      this.sim.sendFromHome(this.sim.automationHost(this.o.homeId), target, intent, 'command', { signer: this.party });
    } else {
      const climate = home.firstOfType('climate');
      if (climate === undefined) return;
      target = climate.id;
      const outdoor = climate.context.outdoorTemperature;
      intent = { capability: 'climate', name: 'set_temperature', deviceId: climate.id.split('/').pop()!, attributes: { temperature, hvac_mode: hvacModeFor(typeof outdoor === 'number' ? outdoor : undefined, temperature) } };
      this.sim.sendFromHome(gatewayAddress(this.o.homeId), target, intent, 'command', { signer: this.party });
      this.switchOffIfNobodyCame(target, { capability: 'climate', name: 'turn_off', deviceId: intent.deviceId, attributes: {} }, () => climate.context.hvacMode !== 'off');
    }
    this.sim.kernel.events.emit('agent.acted', this.party, {
      need, day: dayOf(this.sim.now, this.startOfDayMs), weekday: WEEKDAYS[(this.o.startWeekday + dayOf(this.sim.now, this.startOfDayMs)) % 7]!,
      topic: `${intent.capability}/${intent.name}`, target, confidence, explanation,
    });
  }

  /**
   * Nobody came: stop cooling (or lighting) an empty home at the end of the window — unless the car is on its way
   * home by then (found across seeds: a late evening's AC was switched off two minutes after she set off, three
   * before she arrived, and she had to confirm the home mode on the geofence prompt herself).
   */
  private switchOffIfNobodyCame(target: string, off: Intent, stillOn: () => boolean, switchedOff?: () => void): void {
    this.sim.kernel.scheduler.schedule(this.o.windowMin * 60_000, () => {
      if (this.parkedAtHome || this.drivingHome() || !stillOn()) return;
      this.sim.sendFromHome(gatewayAddress(this.o.homeId), target, off, 'command', { signer: this.party });
      switchedOff?.();
    }, 'agent:window');
  }
}

const QUESTIONS: Record<Need, string> = {
  departure: 'Precondition the car?', arrival: 'Cool the home for your arrival?', lighting: 'Light the home for your arrival?', charging: 'Charge off-peak for your next trip?',
};
