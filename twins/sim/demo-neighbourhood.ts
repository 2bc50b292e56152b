// A demo neighbourhood that exercises every kind of event: commutes with geofence arrivals, the arrival prompt
// (confirmed, so home mode runs), a doorbell, a safety alarm. Used by the determinism test and the bare-context run.
import type { Architecture } from '../bus/envelope';
import { installStandardApps } from './apps';
import { Simulation, type SimulationOptions } from './simulation';
import { standardHomeDevices } from './standard-home';

export function runNeighbourhood(seed: number, architecture: Architecture = 'cloud-cloud', homes = 4, options: SimulationOptions = {}): Simulation {
  const ids = Array.from({ length: homes }, (_, i) => i + 1);
  const sim = new Simulation({
    seed, architecture, retainEventLines: false, map: { kind: 'generate', options: { homes } },
    users: ids.map((i) => ({ id: `u${i}`, homeId: `h${i}`, vehicleId: `car${i}` })),
    homes: ids.map((i) => ({ id: `h${i}`, devices: standardHomeDevices() })),
    vehicles: ids.map((i) => ({ id: `car${i}`, homeId: `h${i}`, ownerId: `u${i}`, at: 'work' })),
  }, options);
  installStandardApps(sim);
  // Drivers confirm whatever their car asks, a few seconds later.
  sim.kernel.events.onEvent((e) => {
    if (e.type !== 'twin.state' || !e.source.startsWith('vehicle/') || !e.source.endsWith('/screen')) return;
    if ((e.data.changes as { activePrompt?: unknown }).activePrompt) {
      const screen = sim.twin(e.source)!;
      sim.kernel.scheduler.schedule(3_000, () => screen.send({ type: 'PROMPT.CONFIRM' }));
    }
  });
  for (const i of ids) {
    const car = sim.vehicle(`car${i}`);
    sim.kernel.scheduler.schedule(i * 60_000, () => car.driveTo(sim.home(`h${i}`).place));
  }
  sim.kernel.scheduler.schedule(30 * 60_000, () => sim.home('h1').device('lock.front_door').send({ type: 'DOORBELL.PRESSED' }));
  sim.kernel.scheduler.schedule(40 * 60_000, () => sim.home('h2').device('binary_sensor.kitchen_leak').send({ type: 'SENSOR.DETECTED' }));
  sim.kernel.clock.runUntil(2 * 3600_000);
  return sim;
}
