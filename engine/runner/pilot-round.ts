// One round of the seed's cross-brand pilot (§4.1.1(2)): remote control of the home's air conditioning and
// lights from the car, and the car's status read from home — the three accesses whose success rate, latency and
// failure rate the pilots report per brand pair. Each household starts at its own seeded moment within `spread`,
// so a district's rounds do not all leave in the same millisecond.
import { vehicleAddress } from '../../twins/bus/addresses';
import type { Simulation } from '../../twins/sim/simulation';

export interface PilotRound {
  vehicle: string;
  spread?: number;
  temperature: number;
}

/** Schedules the round; returns why it cannot run (the action then fails with that reason), or undefined. */
export function startPilotRound(sim: Simulation, round: PilotRound): string | undefined {
  const vehicles = round.vehicle === '*' ? [...sim.vehicles.values()].filter((v) => v.spec.homeId !== undefined) : [sim.vehicle(round.vehicle)];
  if (vehicles.length === 0) return 'pilot: no car has a home, so no household can run the round';
  const homeless = vehicles.find((v) => v.spec.homeId === undefined);
  if (homeless !== undefined) return `pilot: vehicle ${homeless.id} has no home`;
  const starts = sim.kernel.random.stream('scenario/pilot');
  for (const vehicle of vehicles) {
    const homeId = vehicle.spec.homeId;
    if (homeId === undefined) continue;
    const delay = round.vehicle === '*' ? Math.round(starts.next() * (round.spread ?? 0)) : 0;
    sim.kernel.scheduler.schedule(delay, () => runRound(sim, vehicle.id, homeId, round.temperature), `pilot:${vehicle.id}`);
  }
  return undefined;
}

function runRound(sim: Simulation, vehicleId: string, homeId: string, temperature: number): void {
  const home = sim.home(homeId);
  const climate = home.firstOfType('climate');
  const light = home.firstOfType('light');
  const entity = (address: string): string => address.split('/')[2]!;
  if (climate !== undefined) {
    sim.sendFromCar(vehicleId, climate.id, { capability: 'climate', name: 'set_temperature', deviceId: entity(climate.id), attributes: { temperature } }, 'command');
  }
  if (light !== undefined) {
    sim.sendFromCar(vehicleId, light.id, { capability: 'light', name: 'turn_on', deviceId: entity(light.id), attributes: {} }, 'command');
  }
  sim.sendFromHome(sim.automationHost(homeId), vehicleAddress(vehicleId), { capability: 'vehicle', name: 'get_state', deviceId: `vehicle.${vehicleId}`, attributes: {} }, 'query');
}
