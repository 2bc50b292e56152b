// A one-home, one-car world for the simulation's tests.
import type { Architecture } from '../../bus/envelope';
import { installStandardApps, type StandardApps } from '../apps';
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
