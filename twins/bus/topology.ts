// A fixed topology for tests, benchmarks and simple scenarios: which phone projects into which car, and a
// local-range predicate (by default no car is ever in local range). The simulation supplies a live one that
// asks the world (geofences, positions) instead.
import type { SimTime } from '../kernel/types';
import type { BusTopology } from './bus-types';

export interface StaticTopologyOptions {
  /** vehicleId → userId of the phone paired with that car. */
  phones?: { [vehicleId: string]: string };
  inLocalRange?: (vehicleId: string, homeId: string, t: SimTime) => boolean;
}

export function staticTopology(options: StaticTopologyOptions = {}): BusTopology {
  const phones = new Map(Object.entries(options.phones ?? {}));
  const inLocalRange = options.inLocalRange ?? (() => false);
  return {
    phoneOfVehicle: (vehicleId) => phones.get(vehicleId),
    isLocalReachable: (vehicleId, homeId, t) => inLocalRange(vehicleId, homeId, t),
  };
}
