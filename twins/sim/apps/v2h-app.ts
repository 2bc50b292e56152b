// Vehicle-to-home (stage 4, "the car as a city node", seed §1.1): at the time-of-use tariff peak the home's energy
// manager (in the home cloud) draws from a plugged-in car through its bidirectional wallbox, so the home buys less
// at the peak price, and the car charges it back off-peak. V2H follows the home's own load (nothing is exported);
// V2G draws the wallbox's full discharge power and feeds the rest into the grid. Either way the car never goes
// below its floor: the energy for tomorrow's first trip plus a reserve (the battery enforces it, the wallbox is
// told when the car has nothing more to give). The manager sets the wallbox's discharge limit over the bus, as it
// sets charging limits, so the flow view shows each change as a message.
import { HOME_CLOUD } from '../../bus/addresses';
import { energyStoredKwhAt, type TractionBatteryContext } from '../../vehicle/battery-physics';
import type { EvseContext } from '../../home/evse.machine';
import type { Simulation, SimApp } from '../simulation';
import type { EmittedEvent, TwinActor } from '../twin-actor';
import type { ChargingApp } from './charging-app';
import { inPeak, minuteOfDay, type GridSpec } from './grid';

const SLOT_MS = 15 * 60_000;
const MINUTE_MS = 60_000;

export type V2hMode = 'v2h' | 'v2g';

export interface V2hPlan {
  vehicleId: string;
  /** Length of tomorrow's first trip, km: its energy (at the car's average consumption) stays in the pack. */
  firstTripKm: number;
  /** Energy kept on top of the trip, kWh. */
  reserveKwh: number;
  mode: V2hMode;
}

interface ActivePlan extends V2hPlan {
  /** Trip energy plus reserve, kWh: the car never gives below it. */
  floorKwh: number;
  floorSocPercent: number;
  /** Discharge limit last set on the wallbox, kW. */
  limitKw: number;
}

export class V2hApp implements SimApp {
  private readonly plans = new Map<string, ActivePlan>();
  /** Cars feeding their home now. */
  private readonly feeding = new Set<string>();
  /** Lowest (stored energy − floor) seen while each car fed its home, kWh: negative would be a broken promise. */
  readonly minMarginKwh = new Map<string, number>();
  private ticking = false;

  constructor(private readonly sim: Simulation, private readonly grid: GridSpec, private readonly charging: ChargingApp) {}

  get enabled(): boolean {
    return this.plans.size > 0;
  }

  planOf(vehicleId: string): Readonly<ActivePlan> | undefined {
    return this.plans.get(vehicleId);
  }

  /** Let the home draw from this car at the tariff peak. Its wallbox must be bidirectional. */
  enable(plan: V2hPlan): void {
    const vehicle = this.sim.vehicle(plan.vehicleId);
    const homeId = vehicle.spec.homeId;
    const evse = homeId === undefined ? undefined : this.sim.home(homeId).firstOfType('evse');
    if (evse === undefined) throw new Error(`vehicle ${plan.vehicleId} has no home wallbox to feed its home through`);
    if ((evse.context as unknown as EvseContext).maxDischargeKw === undefined) {
      throw new Error(`the wallbox of home ${homeId} charges only: give the home \`wallboxDischargeKw\` for V2H`);
    }
    if (!(plan.firstTripKm >= 0) || !(plan.reserveKwh >= 0)) throw new Error(`vehicle ${plan.vehicleId}: firstTripKm and reserveKwh must be ≥ 0`);
    const battery = vehicle.parts.battery.context as unknown as TractionBatteryContext;
    const floorKwh = (plan.firstTripKm * battery.consumptionKwhPer100Km) / 100 + plan.reserveKwh;
    const floorSocPercent = Math.min(100, (floorKwh / battery.capacityKwh) * 100);
    this.plans.set(plan.vehicleId, { ...plan, floorKwh, floorSocPercent, limitKw: 0 });
    if (!this.ticking) {
      this.ticking = true;
      this.tick();
    } else this.update(this.plans.get(plan.vehicleId)!);
  }

  onTwinEvent(twin: TwinActor, event: EmittedEvent): void {
    if (event.type === 'evse.discharge_changed') {
      const plan = this.planAt(twin);
      if (plan === undefined) return;
      const battery = this.sim.vehicle(plan.vehicleId).parts.battery;
      const kw = Number(event.dischargedPowerKw);
      this.observeMargin(plan);
      if (kw > 0) {
        this.feeding.add(plan.vehicleId);
        battery.send({ type: 'DISCHARGE.START', powerKw: kw, floorSocPercent: plan.floorSocPercent });
      } else if (this.feeding.delete(plan.vehicleId)) {
        battery.send({ type: 'DISCHARGE.STOP' });
      }
    } else if (event.type === 'discharging.reserve_reached') {
      const plan = this.plans.get(String(event.vehicleId));
      if (plan === undefined) return;
      this.observeMargin(plan);
      // The car has nothing more to give: the wallbox hears it as the EV's offer falling to zero.
      this.charging.sessions.get(plan.vehicleId)?.evse.send({ type: 'EVSE.EV_DISCHARGE_OFFER', kw: 0 });
    }
  }

  /** Re-decide every quarter hour (the load profile steps on the hour) and at each edge of the tariff peak. */
  private tick(): void {
    for (const plan of this.plans.values()) {
      this.observeMargin(plan);
      this.update(plan);
    }
    this.sim.kernel.scheduler.schedule(this.untilNextDecision(this.sim.now), () => this.tick(), 'v2h-manager');
  }

  private update(plan: ActivePlan): void {
    const session = this.charging.sessions.get(plan.vehicleId);
    if (session === undefined) return;
    const evse = session.evse.context as unknown as EvseContext;
    const startOfDay = this.sim.spec.startTimeOfDayMs ?? 0;
    const peak = inPeak(this.grid, minuteOfDay(this.sim.now, startOfDay));
    const max = evse.maxDischargeKw ?? 0;
    const homeLoadKw = this.sim.home(session.homeId).baseLoadKw(this.sim.now);
    // A car at (or below) its floor has nothing to give: no limit is set, so the wallbox never even starts.
    const battery = this.sim.vehicle(plan.vehicleId).parts.battery.context as unknown as TractionBatteryContext;
    const spare = energyStoredKwhAt(battery, this.sim.now) - plan.floorKwh > 0.01;
    const want = !peak || !spare ? 0 : plan.mode === 'v2g' ? max : Math.min(max, homeLoadKw);
    const kw = Math.round(want * 10) / 10;
    if (Math.abs(kw - plan.limitKw) < 0.05) return;
    plan.limitKw = kw;
    const entity = session.evse.id.split('/').pop()!;
    this.sim.sendFromHome(HOME_CLOUD, session.evse.id, { capability: 'evse', name: 'set_discharge_limit', deviceId: entity, attributes: { discharge_limit_kw: kw } }, 'command');
  }

  /** The energy is linear between events, so its lowest point is at one: sampled at each, and each quarter hour. */
  private observeMargin(plan: ActivePlan): void {
    if (!this.feeding.has(plan.vehicleId)) return;
    const battery = this.sim.vehicle(plan.vehicleId).parts.battery.context as unknown as TractionBatteryContext;
    const margin = energyStoredKwhAt(battery, this.sim.now) - plan.floorKwh;
    const seen = this.minMarginKwh.get(plan.vehicleId);
    if (seen === undefined || margin < seen) this.minMarginKwh.set(plan.vehicleId, Math.round(margin * 1000) / 1000);
  }

  private planAt(evse: TwinActor): ActivePlan | undefined {
    for (const plan of this.plans.values()) if (this.charging.sessions.get(plan.vehicleId)?.evse === evse) return plan;
    return undefined;
  }

  /** Until the next quarter hour or the next edge of the tariff peak, whichever is first. */
  private untilNextDecision(t: number): number {
    const startOfDay = this.sim.spec.startTimeOfDayMs ?? 0;
    const intoSlot = (((startOfDay + t) % SLOT_MS) + SLOT_MS) % SLOT_MS;
    const minute = minuteOfDay(t, startOfDay);
    const toEdge = (edge: number): number => ((((edge - minute) % 1440) + 1440) % 1440 || 1440) * MINUTE_MS;
    return Math.min(SLOT_MS - intoSlot, toEdge(this.grid.peakStartMin), toEdge(this.grid.peakEndMin));
  }
}
