// The routine agent's charging (issue #21 part 3, "schedule charging"): when the car is plugged in at home it
// learns the habit (plug-in time, energy per session, from the wallbox's own session events) and, from the predicted
// next departure, plans when to charge (charging-plan.ts): charged by then, in off-peak hours where it can. A plug-in
// in the tariff peak is deferred with the same command an energy manager or the user's app sends — the wallbox's
// `evse/set_power_limit`, 0 kW now and its full power at the planned start — over the bus, as the enrolled agent.
// A plug-in off-peak needs nothing: the wallbox charges at once and that is already the cheap plan.
// The decision goes through the agent's confidence rule: act, ask, or leave the car charging at once (the safe
// default: a car charged early costs more, a car charged late strands its driver).
import { gatewayAddress, vehicleAddress } from '../../bus/addresses';
import { stateOfChargeAt, type TractionBatteryContext } from '../../vehicle/battery-physics';
import type { Intent } from '../ecosystem-codec';
import type { Simulation } from '../simulation';
import type { EmittedEvent, TwinActor } from '../twin-actor';
import { planCharging, type ChargingPlan, type Tariff } from './charging-plan';
import { dayOf, minuteOf } from './household';
import { clock, type RoutineLearner } from './routine-learner';

/** The car should be charged this long before it is predicted to leave: a departure earlier than usual still finds it ready. */
export const CHARGE_MARGIN_MIN = 60;

export interface ChargingSchedulerOptions {
  vehicleId: string;
  homeId: string;
  party: string;
  tariff: Tariff;
  startOfDayMs: number;
  learner: RoutineLearner;
  /** Learn the habit (not when learning is disabled). */
  learns: boolean;
  /** Plan charging (the learning agent; not its controls). */
  plans: boolean;
  nextDeparture(): { day: number; at: number; confidence: number; explanation: string } | undefined;
  /** The agent's confidence rule: act (call `act`), ask, or do nothing; `withinMin` is the question's horizon. */
  decide(day: number, confidence: number, explanation: string, act: (confidence: number, explanation: string) => void, withinMin: number): void;
}

export class ChargingScheduler {
  private plugMinute: number | undefined;
  /** The home's wallbox, looked up once: every twin's events pass through onTwinEvent. */
  private readonly evse: TwinActor | undefined;

  constructor(private readonly sim: Simulation, private readonly o: ChargingSchedulerOptions) {
    this.evse = sim.home(o.homeId).firstOfType('evse');
  }

  onTwinEvent(twin: TwinActor, event: EmittedEvent): void {
    if (twin !== this.evse) return;
    if (event.type === 'evse.session_started') {
      this.plugMinute = minuteOf(this.sim.now, this.o.startOfDayMs);
      if (this.o.plans) this.plan(twin);
    } else if (event.type === 'evse.session_ended' && this.plugMinute !== undefined && this.o.learns) {
      this.o.learner.observeCharging(this.plugMinute, Number(event.energyKwh));
      this.plugMinute = undefined;
    }
  }

  private plan(evse: TwinActor): void {
    const next = this.o.nextDeparture();
    if (next === undefined) return; // no departure it can predict: leave the car charging at once
    const battery = this.sim.vehicle(this.o.vehicleId).parts.battery.context as unknown as TractionBatteryContext;
    const soc = stateOfChargeAt(battery, this.sim.now);
    const needKwh = Math.max(0, ((battery.targetSocPercent - soc) / 100) * battery.capacityKwh);
    if (needKwh < 0.05) return;
    // Plan for what the car reports it needs, or what it usually takes if that is more (a margin the habit gives).
    const habit = this.o.learner.chargingHabit();
    const kwh = Math.max(needKwh, habit?.energyKwh ?? 0);
    const kw = Math.min(Number(evse.context.maxPowerKw), battery.maxAcPowerKw);
    const plan = planCharging({ now: this.sim.now, departureAt: next.at, kwh, kw, tariff: this.o.tariff, startOfDayMs: this.o.startOfDayMs, marginMin: CHARGE_MARGIN_MIN });
    if (!plan.deferred) return; // charging at once is already the plan
    const t = this.o.tariff;
    const explanation = `${next.explanation}; ${needKwh.toFixed(1)} kWh to ${Math.round(battery.targetSocPercent)} % takes ${Math.ceil((kwh / kw) * 60)} min at ${kw} kW`
      + (habit !== undefined ? ` (usually plugged in at ${clock(habit.plugInMinute)} taking ${habit.energyKwh.toFixed(1)} kWh, ${habit.samples} sessions)` : '')
      + `; charging from ${clock(minuteOf(plan.startAt, this.o.startOfDayMs))} (${t.offPeakPrice} ${t.currency}/kWh off-peak, ${t.peakPrice} in the peak), ready by ${clock(minuteOf(plan.readyAt, this.o.startOfDayMs))}: `
      + `${plan.costAtOnce} → ${plan.costPlanned} ${t.currency}`;
    // The question: may it wait until it is ready? (The occupant says no only if she needs the car before then.)
    const withinMin = Math.ceil((plan.readyAt - this.sim.now) / 60_000);
    this.o.decide(next.day, next.confidence, explanation, (confidence, why) => this.defer(evse, plan, kw, confidence, why), withinMin);
  }

  private defer(evse: TwinActor, plan: ChargingPlan, kw: number, confidence: number, explanation: string): void {
    const limit = (powerKw: number): Intent => ({ capability: 'evse', name: 'set_power_limit', deviceId: evse.id.split('/').pop()!, attributes: { power_limit_kw: powerKw } });
    this.sim.sendFromHome(gatewayAddress(this.o.homeId), evse.id, limit(0), 'command', { signer: this.o.party });
    this.sim.kernel.scheduler.scheduleAt(plan.startAt, () => {
      this.sim.sendFromHome(gatewayAddress(this.o.homeId), evse.id, limit(kw), 'command', { signer: this.o.party });
    }, 'agent:charge');
    const day = dayOf(this.sim.now, this.o.startOfDayMs);
    this.sim.kernel.events.emit('agent.acted', this.o.party, {
      need: 'charging', day, topic: 'evse/set_power_limit', target: evse.id, confidence, explanation,
      startAt: Math.round(plan.startAt), readyAt: Math.round(plan.readyAt), vehicle: vehicleAddress(this.o.vehicleId),
    });
  }
}
