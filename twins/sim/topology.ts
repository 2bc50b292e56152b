// The bus's view of the live world: which phone projects into which car (its driver's), and whether a car is
// close enough to a home for the local direct link (near-field / home Wi-Fi) — asked at the moment of each hop.
import type { BusTopology } from '../bus';
import { getNode, hasNode } from '../world/road-graph';
import type { Simulation } from './simulation';
import { driverOf } from './user-index';

export function buildTopology(sim: Simulation, localRangeM: number): BusTopology {
  return {
    vehicleCloudOf: (vehicleId) => sim.vehicleCloudOf(vehicleId),
    homeCloudOf: (homeId) => sim.homeCloudOf(homeId),
    phoneOfVehicle(vehicleId) {
      return driverOf(sim.users, vehicleId)?.id ?? sim.vehicles.get(vehicleId)?.spec.ownerId;
    },
    /**
     * Near-field covers the home's grounds: the house and its driveway out to the street. The map has no
     * driveway — a parked car stands at the house, and a trip starts (and ends) at the road node the place is
     * attached to, up to ~170 m away in a generated city — so a car setting off was out of range from its first
     * millisecond, while still (really) rolling down its own driveway. Within range of the house or of that
     * street end counts: a car leaving is reachable for its first ~150 m of street, as it would be on the drive.
     */
    isLocalReachable(vehicleId, homeId, t) {
      const vehicle = sim.vehicles.get(vehicleId);
      const home = sim.homes.get(homeId);
      if (vehicle === undefined || home === undefined) return false;
      const p = vehicle.positionAt(t);
      if (Math.hypot(p.x - home.place.x, p.y - home.place.y) <= localRangeM) return true;
      if (!hasNode(sim.city.graph, home.place.nodeId)) return false;
      const street = getNode(sim.city.graph, home.place.nodeId); // where its driveway meets the street
      return Math.hypot(p.x - street.x, p.y - street.y) <= localRangeM;
    },
  };
}
