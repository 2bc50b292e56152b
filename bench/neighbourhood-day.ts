// The workload of the foundation benchmark: a day of a 1,000-home, 1,000-car neighbourhood. Every car commutes
// (morning out, evening back through its home geofence, home mode confirmed), every household meter reports
// every 15 minutes and every driving car sends telemetry to its cloud every minute — realistic traffic, all of
// it event-driven on the virtual clock.
import { createKernel } from '../twins/kernel';
import { installStandardApps } from '../twins/sim/apps';
import { Simulation } from '../twins/sim/simulation';
import { standardHomeDevices } from '../twins/sim/standard-home';
import { nodeEventLogHost } from '../engine/host-event-log';
import { nodeEd25519 } from '../engine/security/node-ed25519';
import { HOME_CLOUD, VEHICLE_CLOUD } from '../twins/bus/addresses';
import type { Architecture } from '../twins/bus/envelope';

export const DAY_MS = 24 * 3_600_000;

/** The neighbourhood of `size` homes and cars, each car paired with its home; cloud-cloud unless told otherwise. */
export function buildNeighbourhood(size: number, seed = 1, architecture: Architecture = 'cloud-cloud'): Simulation {
  const ids = Array.from({ length: size }, (_, i) => i + 1);
  const sim = new Simulation({
    seed, architecture, retainEventLines: false, startTimeOfDayMs: 0,
    map: { kind: 'generate', options: { homes: size, workplaces: Math.max(4, Math.ceil(size / 100)) } },
    users: ids.map((i) => ({ id: `u${i}`, homeId: `h${i}`, vehicleId: `car${i}`, preferences: { temperature: 24, lighting: 'soft' as const } })),
    homes: ids.map((i) => ({ id: `h${i}`, devices: standardHomeDevices() })),
    vehicles: ids.map((i) => ({ id: `car${i}`, homeId: `h${i}`, ownerId: `u${i}`, at: 'home' })),
  }, { ...nodeEventLogHost(), signatures: nodeEd25519() });
  installStandardApps(sim);
  return sim;
}

export function scheduleDay(sim: Simulation): void {
  const k = sim.kernel;
  const rng = k.random.stream('bench/commute');
  // Drivers confirm the arrival prompt a few seconds after it appears.
  sim.use({
    onTwinEvent(twin, event) {
      if (event.type === 'prompt.shown' && twin.id.startsWith('vehicle/')) k.scheduler.schedule(3_000, () => twin.send({ type: 'PROMPT.CONFIRM' }));
    },
  });
  for (const vehicle of sim.vehicles.values()) {
    const home = sim.home(vehicle.spec.homeId!);
    const work = sim.placeFor('work', home.id);
    const leave = 7 * 3_600_000 + rng.int(0, 2 * 3_600_000);
    const back = 17 * 3_600_000 + rng.int(0, 2 * 3_600_000);
    k.scheduler.scheduleAt(leave, () => telemetryWhileDriving(sim, vehicle.id, vehicle.driveTo(work).arriveAt));
    k.scheduler.scheduleAt(back, () => telemetryWhileDriving(sim, vehicle.id, vehicle.driveTo(home.place).arriveAt));
  }
  for (const home of sim.homes.values()) {
    const meterReport = (): void => {
      sim.sendFromHome(`home/${home.id}/gateway`, HOME_CLOUD, {
        capability: 'sensor', name: 'state_changed', deviceId: 'sensor.household_power', attributes: { state: home.baseLoadKw(sim.now), unit_of_measurement: 'kW' },
      }, 'event');
      k.scheduler.schedule(15 * 60_000, meterReport);
    };
    k.scheduler.schedule(rng.int(0, 15 * 60_000), meterReport);
  }
}

function telemetryWhileDriving(sim: Simulation, vehicleId: string, arriveAt: number): void {
  const vehicle = sim.vehicle(vehicleId);
  const report = (): void => {
    if (sim.now >= arriveAt) return;
    sim.sendFromCar(vehicleId, VEHICLE_CLOUD, { capability: 'vehicle', name: 'state_changed', deviceId: `vehicle.${vehicleId}`, attributes: { speed: vehicle.positionAt(sim.now).speedKph } }, 'event');
    sim.kernel.scheduler.schedule(60_000, report);
  };
  report();
}

export { createKernel };
