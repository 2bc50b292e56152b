// A fixed topology for tests, benchmarks and simple scenarios: which phone projects into which car, and a
// local-range predicate (by default no car is ever in local range). The simulation supplies a live one that
// asks the world (geofences, positions) instead.
import type { SimTime } from '../kernel/types';
import { homeCloudAddress, vehicleCloudAddress } from './addresses';
import type { BusTopology } from './bus-types';

export interface StaticTopologyOptions {
  /** vehicleId → userId of the phone paired with that car. */
  phones?: { [vehicleId: string]: string };
  inLocalRange?: (vehicleId: string, homeId: string, t: SimTime) => boolean;
  /** vehicleId → its carmaker brand, homeId → its home brand (many brands); the shared clouds when absent. */
  vehicleBrands?: { [vehicleId: string]: string };
  homeBrands?: { [homeId: string]: string };
}

export function staticTopology(options: StaticTopologyOptions = {}): BusTopology {
  const phones = new Map(Object.entries(options.phones ?? {}));
  const inLocalRange = options.inLocalRange ?? (() => false);
  const vehicleBrands = new Map(Object.entries(options.vehicleBrands ?? {}));
  const homeBrands = new Map(Object.entries(options.homeBrands ?? {}));
  return {
    phoneOfVehicle: (vehicleId) => phones.get(vehicleId),
    vehicleCloudOf: (vehicleId) => vehicleCloudAddress(vehicleBrands.get(vehicleId)),
    homeCloudOf: (homeId) => homeCloudAddress(homeBrands.get(homeId)),
    isLocalReachable: (vehicleId, homeId, t) => inLocalRange(vehicleId, homeId, t),
  };
}
