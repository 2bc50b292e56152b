// Precooling for a heatwave arrival (seed §4.1.3 "predict arrival and pre-start the AC"): when a car heads home in a
// heatwave, the home starts its AC early enough for the room to reach the precool setpoint by the predicted
// arrival — the start is found from the room thermal model (twins/home/room-thermal.ts), not a fixed radius. The
// plan follows the prediction: from the driver's calendar before the car leaves (evening-mode.ts), then from the
// car's ETA at departure and after a reroute. Once the AC has started it is left to run. At every arrival home the
// room temperature is reported (`home.arrived`): the figure the precool is judged by.
import type { TimerHandle } from '../../kernel/types';
import { currentTemperatureAt, timeToReachMs, type ClimateContext } from '../../home';
import type { SimApp, Simulation } from '../simulation';
import { driverOrOwner } from '../user-index';
import type { PredictedArrival } from '../arrival-prediction';
import type { EtaUpdate } from '../vehicle-twin';
import { precoolSetpoint } from './home-mode';

/** Within this of the setpoint the room counts as cooled. */
const REACHED_C = 0.5;
/** A predicted arrival is looked at this long before it: whether a heatwave is on is decided then. */
const LOOK_AHEAD_MS = 2 * 3_600_000;

export class PrecoolPlanner implements SimApp {
  private readonly planned = new Map<string, TimerHandle>();
  /** Cars whose home's AC is already precooling for them (until they arrive). */
  private readonly started = new Set<string>();

  constructor(private readonly sim: Simulation) {}

  onEta(update: EtaUpdate): void {
    const homeId = this.sim.vehicle(update.vehicleId).spec.homeId;
    if (homeId === undefined || update.destination !== this.sim.home(homeId).place.id) return;
    if (update.reason === 'arrived') {
      this.started.delete(update.vehicleId);
      return this.reportArrival(update.vehicleId, homeId);
    }
    if (update.reason === 'departed' || update.reason === 'rerouted') this.plan(update.vehicleId, homeId, update.arriveAt);
  }

  /** A predicted arrival before the car has left (the calendar's): planned once it is near enough to know the weather. */
  expectArrival(prediction: PredictedArrival): void {
    const lookAt = Math.max(this.sim.now, prediction.arriveAt - LOOK_AHEAD_MS);
    this.sim.kernel.scheduler.scheduleAt(lookAt, () => {
      if (!this.sim.vehicle(prediction.vehicleId).isDriving) this.plan(prediction.vehicleId, prediction.homeId, prediction.arriveAt);
    }, `precool-look:${prediction.vehicleId}`);
  }

  private plan(vehicleId: string, homeId: string, arriveAt: number): void {
    const home = this.sim.home(homeId);
    const climate = home.firstOfType('climate');
    if (climate === undefined || home.spec.precool === 'off' || !home.weatherAlerts.has('heatwave') || this.started.has(vehicleId)) return;
    const previous = this.planned.get(vehicleId);
    if (previous !== undefined) this.sim.kernel.scheduler.cancel(previous);
    const vehicle = this.sim.vehicle(vehicleId);
    const preferred = driverOrOwner(this.sim.users, vehicle.id, vehicle.spec.ownerId)?.preferences?.temperature ?? 24;
    const target = precoolSetpoint(preferred);
    const startAt = this.startFor(climate.context as unknown as ClimateContext, target, arriveAt);
    this.sim.kernel.events.emit('home.precool_planned', climate.id, {
      home: homeId, vehicle: vehicle.id, startAt, arriveAt, target, leadMinutes: Math.round((arriveAt - startAt) / 6_000) / 10,
    });
    this.planned.set(vehicle.id, this.sim.kernel.scheduler.scheduleAt(startAt, () => {
      this.planned.delete(vehicle.id);
      this.started.add(vehicle.id);
      this.sim.sendFromHome(this.sim.automationHost(homeId), climate.id, {
        capability: 'climate', name: 'set_temperature', deviceId: climate.id.split('/').pop()!, attributes: { temperature: target, hvac_mode: 'cool' },
      }, 'command');
    }, `precool:${vehicle.id}`));
  }

  /**
   * The latest start that still reaches the target by `arriveAt`. The room keeps warming until the AC starts, so the
   * need is evaluated at the start it implies; a few rounds settle it (the drift over minutes is a fraction of a degree).
   */
  private startFor(room: ClimateContext, target: number, arriveAt: number): number {
    const now = this.sim.now;
    let startAt = now;
    for (let round = 0; round < 4; round++) {
      const need = timeToReachMs(room, startAt, 'cool', target, REACHED_C);
      startAt = Number.isFinite(need) ? Math.max(now, Math.round(arriveAt - need)) : now;
    }
    return startAt;
  }

  private reportArrival(vehicleId: string, homeId: string): void {
    const climate = this.sim.home(homeId).firstOfType('climate');
    if (climate === undefined) return;
    const room = climate.context as unknown as ClimateContext;
    this.sim.kernel.events.emit('home.arrived', climate.id, {
      vehicle: vehicleId, roomTemperature: Math.round(currentTemperatureAt(room, this.sim.now) * 10) / 10,
      targetTemperature: room.targetTemperature, hvacMode: room.hvacMode,
    });
  }
}
