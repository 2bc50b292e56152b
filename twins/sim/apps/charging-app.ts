// EV charging at home, uncontrolled or coordinated ("sleep-time charging peak shaving", seed §4.1.2).
// Uncontrolled: every wallbox delivers its full 7.2 kW from plug-in until the car is full. Coordinated: an energy
// manager in the home cloud plans, every 15 minutes and at each plug-in, a valley-filling schedule — no charging in
// the tariff peak, a flat "water level" on top of the forecast base load, below the transformer limit — and
// applies it by setting wallbox power limits over the bus (as an OCPP charging profile would). External CSMS: the
// wallboxes are OCPP charge points of a real CSMS (engine/connectors/ocpp), whose charging profiles alone set their
// limits; this app only plugs the cars in and out.
import type { Simulation, SimApp } from '../simulation';
import type { EmittedEvent, TwinActor } from '../twin-actor';
import { stateOfChargeAt } from '../../vehicle/battery-physics';
import type { TractionBatteryContext } from '../../vehicle/battery-physics';
import { DEFAULT_GRID, inPeak, minuteOfDay, nextTimeOfDay, type GridSpec } from './grid';
import { NeighbourhoodLoad } from '../neighbourhood-load';
import { allocateByPriority } from './charging-priority';

const SLOT_MS = 15 * 60_000;
/** How long before a slot starts its (lower) limit is applied: far longer than the command's bus latency. */
const LEAD_MS = 60_000;

export type ChargingStrategy = 'uncontrolled' | 'coordinated' | 'external-csms';
/** How a shortage is shared: in priority order (charging-priority.ts), or in proportion to need (every car short). */
export type ShortageRule = 'priority' | 'even';

/** A car's charge when it leaves: what the report lists, and by how much a car that missed its target missed it. */
export interface DepartureCharge {
  vehicleId: string;
  departureAt: number;
  socPercent: number;
  targetSocPercent: number;
  shortfallKwh: number;
}

interface Session {
  vehicleId: string;
  homeId: string;
  evse: TwinActor;
  targetSocPercent: number;
  limitKw: number;
  /** Virtual time the car leaves (its own departure, or the grid's charging deadline). */
  departureAt: number;
  /** Energy asked for at plug-in, kWh. */
  requestedKwh: number;
  plugOrder: number;
}

export class ChargingApp implements SimApp {
  strategy: ChargingStrategy = 'uncontrolled';
  shortageRule: ShortageRule = 'priority';
  readonly sessions = new Map<string, Session>();
  /** Each car's charge at its departure, recorded when it leaves (or asked for at the end of the run). */
  private readonly departed = new Map<string, DepartureCharge>();
  private plugCount = 0;
  /** Sessions by wallbox, so a wallbox's power change finds its cars without a scan of every session. */
  private readonly sessionsByEvse = new Map<TwinActor, Session[]>();
  private planning = false;
  private readonly load: NeighbourhoodLoad;

  constructor(private readonly sim: Simulation, readonly grid: GridSpec = DEFAULT_GRID) {
    this.load = new NeighbourhoodLoad(sim.homes, sim.spec.startTimeOfDayMs ?? 0);
  }

  setStrategy(strategy: ChargingStrategy): void {
    this.strategy = strategy;
    if (strategy === 'coordinated' && !this.planning) {
      this.planning = true;
      // Replan on the clock's quarter hours (a slot never straddles a step of the base-load profile) and one
      // minute before each, so a lower limit is in force before the base load steps up — like the start time of
      // an OCPP charging-profile period, rather than a reaction after the fact.
      const tick = (): void => {
        this.replan();
        const untilBoundary = this.untilNextSlot(this.sim.now);
        this.sim.kernel.scheduler.schedule(untilBoundary > LEAD_MS ? untilBoundary - LEAD_MS : untilBoundary, tick, 'energy-manager');
      };
      tick();
    }
  }

  /**
   * Plug the car into its home wallbox, asking for `needKwh` more energy (default: charge to 80 %) by its
   * departure (`departureMin`, minutes after midnight; default the grid's charging deadline, 07:00).
   */
  plugIn(vehicleId: string, needKwh?: number, departureMin?: number): void {
    const vehicle = this.sim.vehicle(vehicleId);
    const homeId = vehicle.spec.homeId;
    const evse = homeId ? this.sim.home(homeId).firstOfType('evse') : undefined;
    if (homeId === undefined || evse === undefined) throw new Error(`vehicle ${vehicleId} has no home wallbox to plug into`);
    const battery = vehicle.parts.battery;
    const ctx = battery.context as unknown as TractionBatteryContext;
    const soc = stateOfChargeAt(ctx, this.sim.now);
    const target = needKwh === undefined ? 80 : Math.min(100, soc + (needKwh / ctx.capacityKwh) * 100);
    battery.send({ type: 'CHARGING.SET_TARGET', targetSocPercent: target });
    evse.send({ type: 'EVSE.PLUG_IN' });
    evse.send({ type: 'EVSE.EV_POWER_REQUEST', kw: ctx.maxAcPowerKw });
    // Under an external CSMS the limit is the one its profiles set (perhaps before the car arrived): left alone.
    const limitKw = this.strategy === 'external-csms' ? Math.min(Number(evse.context.maxPowerKw), Number(evse.context.powerLimitKw))
      : this.strategy === 'coordinated' ? 0 : Number(evse.context.maxPowerKw);
    if (this.strategy !== 'external-csms') evse.send({ type: 'EVSE.SET_POWER_LIMIT', powerLimitKw: limitKw });
    evse.send({ type: 'EVSE.START_CHARGING' });
    const departureAt = nextTimeOfDay(this.sim.now, this.sim.spec.startTimeOfDayMs ?? 0, departureMin ?? this.grid.deadlineMin);
    const requestedKwh = ((target - soc) / 100) * ctx.capacityKwh;
    const session: Session = { vehicleId, homeId, evse, targetSocPercent: target, limitKw, departureAt, requestedKwh, plugOrder: this.plugCount++ };
    // A car plugged in again (always at its own home's wallbox) takes its previous session's place in both orders.
    const previous = this.sessions.get(vehicleId);
    this.sessions.set(vehicleId, session);
    if (previous !== undefined) this.forgetAtEvse(previous, session);
    else this.sessionsByEvse.set(evse, [...(this.sessionsByEvse.get(evse) ?? []), session]);
    // The session is known before the battery starts: a car plugged in already full completes at once, and its
    // `charging.completed` must find the session to tell the wallbox to stop (else it delivers to a full pack).
    battery.send({ type: 'CHARGING.PLUG_IN', chargerPowerLimitKw: limitKw });
    battery.send({ type: 'CHARGING.START' });
    // The charge it leaves with is read at the departure itself: charging on after it would flatter the report.
    this.sim.kernel.scheduler.scheduleAt(departureAt, () => {
      if (this.sessions.get(vehicleId) === session) this.departed.set(vehicleId, this.chargeAtDeparture(session));
    }, `departure:${vehicleId}`);
    if (this.strategy === 'coordinated') this.replan();
  }

  unplug(vehicleId: string): void {
    const session = this.sessions.get(vehicleId);
    if (session === undefined) return;
    session.evse.send({ type: 'EVSE.UNPLUG' });
    this.sim.vehicle(vehicleId).parts.battery.send({ type: 'CHARGING.UNPLUG' });
    this.sessions.delete(vehicleId);
    this.forgetAtEvse(session);
  }

  /**
   * Take a session off its wallbox's list, or put `replacement` (the same car's, so the same wallbox) in its place:
   * a car plugged in again keeps its place in `sessions`, so it keeps its place here too — both orders are the
   * order cars are told of a change. Every session is on its wallbox's list from plug-in to unplug.
   */
  private forgetAtEvse(session: Session, replacement?: Session): void {
    const list = this.sessionsByEvse.get(session.evse)!;
    const i = list.indexOf(session);
    if (replacement !== undefined) list[i] = replacement;
    else list.splice(i, 1);
    if (list.length === 0) this.sessionsByEvse.delete(session.evse);
  }

  onTwinEvent(twin: TwinActor, event: EmittedEvent): void {
    if (event.type === 'evse.power_changed') {
      for (const s of [...(this.sessionsByEvse.get(twin) ?? [])]) {
        this.sim.vehicle(s.vehicleId).parts.battery.send({ type: 'CHARGING.SET_POWER_LIMIT', chargerPowerLimitKw: Number(event.deliveredPowerKw) });
      }
    } else if (event.type === 'charging.completed') {
      const session = this.sessions.get(String(event.vehicleId));
      session?.evse.send({ type: 'EVSE.EV_POWER_REQUEST', kw: 0 });
    }
  }

  /** The charge of every plugged-in car at its departure: recorded if it has left, else as it stands now. */
  departures(): DepartureCharge[] {
    return [...this.sessions.values()].map((s) => {
      const left = this.departed.get(s.vehicleId);
      return left?.departureAt === s.departureAt ? left : this.chargeAtDeparture(s);
    });
  }

  /** Cars short of their target at departure (by more than the report's half a percent), each with its shortfall. */
  misses(): DepartureCharge[] {
    return this.departures().filter((d) => d.socPercent < d.targetSocPercent - 0.5);
  }

  private chargeAtDeparture(s: Session): DepartureCharge {
    const ctx = this.sim.vehicle(s.vehicleId).parts.battery.context as unknown as TractionBatteryContext;
    const socPercent = stateOfChargeAt(ctx, Math.min(this.sim.now, s.departureAt));
    const shortfallKwh = Math.max(0, ((s.targetSocPercent - socPercent) / 100) * ctx.capacityKwh);
    return { vehicleId: s.vehicleId, departureAt: s.departureAt, socPercent: round3(socPercent), targetSocPercent: round3(s.targetSocPercent), shortfallKwh: round3(shortfallKwh) };
  }

  /** Energy (kWh) the car still needs to reach its target. */
  remainingKwh(vehicleId: string): number {
    const s = this.sessions.get(vehicleId);
    if (s === undefined) return 0;
    const ctx = this.sim.vehicle(vehicleId).parts.battery.context as unknown as TractionBatteryContext;
    return Math.max(0, ((s.targetSocPercent - stateOfChargeAt(ctx, this.sim.now)) / 100) * ctx.capacityKwh);
  }

  /** Milliseconds from t to the next quarter hour of the wall clock (a full slot when t is on one). */
  private untilNextSlot(t: number): number {
    const intoSlot = (((this.sim.spec.startTimeOfDayMs ?? 0) + t) % SLOT_MS + SLOT_MS) % SLOT_MS;
    return SLOT_MS - intoSlot;
  }

  /** Valley filling: find the lowest flat load level that still delivers every car's energy by the deadline. */
  private replan(): void {
    const now = this.sim.now;
    const startOfDay = this.sim.spec.startTimeOfDayMs ?? 0;
    const deadline = nextTimeOfDay(now, startOfDay, this.grid.deadlineMin);
    // In the tariff peak the plan is no charging whatever the cars need: only limits still above zero change, so
    // a plug-in in the evening peak costs no energy sums and no plan over the night. (The deadline is the next
    // 07:00, always after now: there is always a first slot.)
    if (inPeak(this.grid, minuteOfDay((now + Math.min(deadline, now + this.untilNextSlot(now))) / 2, startOfDay))) {
      this.stopAll();
      return;
    }
    const remaining = new Map<Session, number>();
    for (const s of this.sessions.values()) remaining.set(s, this.remainingKwh(s.vehicleId));
    const active = [...this.sessions.values()].filter((s) => remaining.get(s)! > 0.01);
    if (active.length === 0) return;
    const limitKw = this.grid.transformerKva * this.grid.maxLoadShare;
    const maxEvKw = active.reduce((sum, s) => sum + Number(s.evse.context.maxPowerKw), 0);
    const slots: { hours: number; base: number; allowed: boolean }[] = [];
    for (let t = now; t < deadline; ) {
      const end = Math.min(deadline, t + this.untilNextSlot(t));
      // Plan against the slot's highest base load, so the limit holds for all of it.
      const base = Math.max(this.load.baseLoadKw(t), this.load.baseLoadKw(end - 1));
      slots.push({ hours: (end - t) / 3_600_000, base, allowed: !inPeak(this.grid, minuteOfDay((t + end) / 2, startOfDay)) });
      t = end;
    }
    const need = active.reduce((sum, s) => sum + remaining.get(s)!, 0) * 1.03; // margin for rounding
    // The level never exceeds the limit (the search's upper end), so level − base keeps below the limit too.
    const capacity = (level: number, slot: (typeof slots)[number]): number =>
      slot.allowed ? Math.max(0, Math.min(level - slot.base, maxEvKw)) : 0;
    const energyAt = (level: number): number => slots.reduce((sum, slot) => sum + capacity(level, slot) * slot.hours, 0);
    let lo = 0;
    let hi = limitKw;
    for (let i = 0; i < 40; i++) {
      const mid = (lo + hi) / 2;
      if (energyAt(mid) >= need) hi = mid;
      else lo = mid;
    }
    const first = slots[0]!;
    const second = slots[1];
    let power = capacity(hi, first);
    // Within the lead time of the next slot, never exceed what that slot allows either.
    if (second !== undefined && first.hours * 3_600_000 <= LEAD_MS + 1) power = Math.min(power, capacity(hi, second));
    // Short: even at the transformer limit the night cannot deliver every car's need.
    if (this.shortageRule === 'priority' && energyAt(hi) < need) this.allocateInOrder(active, remaining, power, first.hours);
    else this.allocate(active, remaining, power);
  }

  /** Under a shortage: whole wallboxes in priority order (charging-priority.ts), so most cars leave charged. */
  private allocateInOrder(active: Session[], remaining: Map<Session, number>, powerKw: number, slotHours: number): void {
    const cars = active.map((s) => ({
      vehicleId: s.vehicleId, departureAt: s.departureAt, requestedKwh: s.requestedKwh, plugOrder: s.plugOrder,
      maxKw: Number(s.evse.context.maxPowerKw), remainingKwh: remaining.get(s)!,
    }));
    const shares = allocateByPriority(cars, powerKw, slotHours);
    for (const s of active) {
      const kw = Math.floor(shares.get(s.vehicleId)! * 10) / 10; // rounded down: the shares never add up above the slot's power
      if (Math.abs(kw - s.limitKw) >= 0.05) this.setLimit(s, kw);
    }
  }

  /** Zero power for every car that still needs energy, as allocate(active, 0) would set. */
  private stopAll(): void {
    for (const s of this.sessions.values()) {
      if (s.limitKw >= 0.05 && this.remainingKwh(s.vehicleId) > 0.01) this.setLimit(s, 0);
    }
  }

  /** Share the slot's power among cars in proportion to what they still need, each within its wallbox maximum. */
  private allocate(active: Session[], remaining: Map<Session, number>, powerKw: number): void {
    const total = active.reduce((sum, s) => sum + remaining.get(s)!, 0); // above 0: every active car needs some
    for (const s of active) {
      const share = (powerKw * remaining.get(s)!) / total;
      const kw = Math.round(Math.min(Number(s.evse.context.maxPowerKw), share) * 10) / 10;
      if (Math.abs(kw - s.limitKw) < 0.05) continue;
      this.setLimit(s, kw);
    }
  }

  private setLimit(s: Session, kw: number): void {
    s.limitKw = kw;
    const entity = s.evse.id.split('/').pop()!;
    this.sim.sendFromHome(this.sim.homeCloudOf(s.evse.id.split('/')[1]!), s.evse.id, { capability: 'evse', name: 'set_power_limit', deviceId: entity, attributes: { power_limit_kw: kw } }, 'command');
  }
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
