// The home's evening mode follows the driver's predicted arrival, so a calendar entry that keeps them at work
// (overtime) moves it (seed §2.2 "Overtime: calendar says late ⇒ home mood mode shifted"). At the start of the run
// the home reads each household member's usual leaving time and calendar (unified account), predicts the arrival
// (twins/sim/arrival-prediction.ts) and sets the mood — soft warm lights — an arrival lead before it (the car's
// own home-mode prompt, on its live ETA, does the rest). The prediction also lets the precool planner start the AC before the car has even left.
import { predictEveningArrival, type PredictedArrival } from '../arrival-prediction';
import type { Simulation } from '../simulation';
import type { PrecoolPlanner } from './precool';

export class EveningMode {
  constructor(private readonly sim: Simulation, private readonly precool: PrecoolPlanner) {}

  /**
   * Predict every driver's evening arrival and schedule what follows from it. Call once, when the apps are installed:
   * the predictions are made as the run's clock starts, so whoever listens to the run sees them.
   */
  start(): void {
    // Only a household with a usual leaving time has anything to predict: other runs get no extra timer.
    if (![...this.sim.users.values()].some((u) => u.leavesWorkAtMs !== undefined)) return;
    this.sim.kernel.scheduler.scheduleAt(this.sim.now, () => this.predict(), 'evening-prediction');
  }

  private predict(): void {
    for (const user of this.sim.users.values()) {
      if (user.homeId === undefined || !this.sim.homes.has(user.homeId)) continue;
      const home = this.sim.home(user.homeId);
      const prediction = predictEveningArrival(user, this.sim.city, this.sim.placeFor('work', user.homeId), home.place, this.sim.spec.startTimeOfDayMs ?? 0);
      if (prediction === undefined || !this.sim.vehicles.has(prediction.vehicleId)) continue;
      const clock = (t: number): string => timeOfDay(t + (this.sim.spec.startTimeOfDayMs ?? 0));
      this.sim.kernel.events.emit('calendar.departure_predicted', `phone/${user.id}`, {
        user: user.id, home: user.homeId, departure: clock(prediction.departAt), because: prediction.because, arriveAt: prediction.arriveAt,
      });
      const leadMs = (this.sim.spec.arrivalLeadMinutes ?? 5) * 60_000;
      this.sim.kernel.scheduler.scheduleAt(Math.max(this.sim.now, prediction.arriveAt - leadMs), () => this.run(prediction, clock(prediction.arriveAt)), `evening-mode:${user.homeId}`);
      this.precool.expectArrival(prediction);
    }
  }

  private run(prediction: PredictedArrival, predictedArrival: string): void {
    const { homeId } = prediction;
    const home = this.sim.home(homeId);
    const host = this.sim.automationHost(homeId);
    this.sim.kernel.events.emit('home.evening_mode', `home/${homeId}`, { home: homeId, user: prediction.userId, predictedArrival });
    const entity = (id: string): string => id.split('/').pop()!;
    for (const light of home.devicesOfType('light')) {
      this.sim.sendFromHome(host, light.id, { capability: 'light', name: 'turn_on', deviceId: entity(light.id), attributes: { brightness_pct: 30, color_temp_kelvin: 2700 } }, 'command');
    }
  }
}

function timeOfDay(ms: number): string {
  const minutes = Math.floor(ms / 60_000) % 1440;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
