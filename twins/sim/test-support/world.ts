// A one-home, one-car world for the simulation's tests.
import type { Architecture } from '../../bus/envelope';
import { Attacker, installStandardApps, type StandardApps } from '../apps';
import { Simulation } from '../simulation';
import type { SimulationSpec } from '../spec';
import { standardHomeDevices } from '../standard-home';

export function homeWithCar(architecture: Architecture, seed = 1, at = 'home', extra: Partial<SimulationSpec> = {}): { sim: Simulation; apps: StandardApps } {
  const sim = new Simulation({
    seed, architecture, map: { kind: 'generate', options: { homes: 4 } },
    users: [{ id: 'alice', homeId: 'h1', vehicleId: 'car1', preferences: { temperature: 23, lighting: 'soft' } }],
    homes: [{ id: 'h1', devices: standardHomeDevices() }],
    vehicles: [{ id: 'car1', homeId: 'h1', ownerId: 'alice', at }],
    ...extra,
  });
  return { sim, apps: installStandardApps(sim) };
}

/** Doorbell, the driver confirms: the door opens on the signed unlock — the legitimate command attacks replay. */
export function legitimateUnlock(architecture: Architecture) {
  const world = homeWithCar(architecture);
  const { sim } = world;
  const attacker = new Attacker(sim);
  sim.kernel.clock.runUntil(1_000);
  sim.home('h1').device('lock.front_door').send({ type: 'DOORBELL.PRESSED' });
  sim.kernel.clock.runUntil(5_000);
  sim.vehicle('car1').parts.screen.send({ type: 'PROMPT.CONFIRM' });
  sim.kernel.clock.runUntil(10_000);
  return { ...world, attacker, lock: sim.home('h1').device('lock.front_door') };
}
