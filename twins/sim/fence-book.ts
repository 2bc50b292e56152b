// The geofences each car watches: its home's, the ones a scenario names it in, and those for every car. A car only
// ever checks its own fences, which keeps a 1,000-car city linear: strangers' home fences are not its concern.
import type { Geofence } from '../world';

const ALL_VEHICLES = '*';

export class FenceBook {
  /** Fences by the vehicle that watches them; fences under ALL_VEHICLES concern every car. */
  private readonly byVehicle = new Map<string, Geofence[]>();
  private readonly homeFences = new Map<string, Geofence>();

  setHomeFence(homeId: string, fence: Geofence): void {
    this.homeFences.set(homeId, fence);
  }

  /** Watch a fence for one vehicle, or for every vehicle when none is named. */
  add(fence: Geofence, vehicleId: string = ALL_VEHICLES): void {
    const list = this.byVehicle.get(vehicleId) ?? [];
    list.push(fence);
    this.byVehicle.set(vehicleId, list);
  }

  /** The fences a vehicle's trips are checked against: its home's, its own and the ones for every car. */
  for(vehicleId: string, homeId: string | undefined): Geofence[] {
    const homeFence = homeId === undefined ? undefined : this.homeFences.get(homeId);
    return [...(homeFence ? [homeFence] : []), ...(this.byVehicle.get(vehicleId) ?? []), ...(this.byVehicle.get(ALL_VEHICLES) ?? [])];
  }
}
