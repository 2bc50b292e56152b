// The bus's view of the live world: which phone projects into which car (its driver's), and whether a car is
// close enough to a home for the local direct link (near-field / home Wi-Fi) — asked at the moment of each hop.
import type { BusTopology } from '../bus';
import type { Simulation } from './simulation';
import { driverOf } from './user-index';

export function buildTopology(sim: Simulation, localRangeM: number): BusTopology {
  return {
    vehicleCloudOf: (vehicleId) => sim.vehicleCloudOf(vehicleId),
    homeCloudOf: (homeId) => sim.homeCloudOf(homeId),
    phoneOfVehicle(vehicleId) {
      return driverOf(sim.users, vehicleId)?.id ?? sim.vehicles.get(vehicleId)?.spec.ownerId;
    },
    isLocalReachable(vehicleId, homeId, t) {
      const vehicle = sim.vehicles.get(vehicleId);
      const home = sim.homes.get(homeId);
      if (vehicle === undefined || home === undefined) return false;
      const p = vehicle.positionAt(t);
      return Math.hypot(p.x - home.place.x, p.y - home.place.y) <= localRangeM;
    },
  };
}
