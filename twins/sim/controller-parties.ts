// Controllers that are not twins of the simulation: Home Assistant on the run's broker, a real service playing a
// party through a webhook, WebSocket or MQTT. Each is enrolled by name as a paired party, with a grant for the
// scopes it is given and no more, so its critical commands meet the car's policy: signed under its own key,
// covered by its grant, and for the door confirmed by the occupant. Nothing it sends is signed as the home's
// gateway or cloud, which need no grant.
import { NON_CRITICAL_HOME_SCOPES, partyAddress, scopeSide } from '../security';
import type { Simulation } from './simulation';

export const HA_CONTROLLER = 'ha-controller';

/**
 * Enrols `name` in every home (home scopes, granted by the home cloud) and in the cars paired with those homes
 * (vehicle scopes, granted by the vehicle cloud): the non-critical home scopes, plus the `granted` ones a
 * scenario names. Returns the party's address, the one to sign with.
 */
export function enrolController(sim: Simulation, name: string, granted: readonly string[] = []): string {
  const party = partyAddress(name);
  const unknown = granted.filter((s) => scopeSide(s) === undefined);
  const scopes = [...NON_CRITICAL_HOME_SCOPES, ...granted.filter((s) => !NON_CRITICAL_HOME_SCOPES.includes(s))];
  if (unknown.length > 0) throw new Error(`${name}: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a scope' : 'are not scopes'}; write home.<service>:<command> or vehicle.<service>:<command>, e.g. home.lock:unlock`);
  const home = scopes.filter((s) => scopeSide(s) === 'home');
  const vehicle = scopes.filter((s) => scopeSide(s) === 'vehicle');
  for (const homeId of sim.homes.keys()) {
    sim.security.enrol(party, `home:${homeId}`, sim.homeCloudOf(homeId), home);
  }
  if (vehicle.length > 0) {
    for (const v of sim.vehicles.values()) {
      if (v.spec.homeId !== undefined && sim.homes.has(v.spec.homeId)) sim.security.enrol(party, `vehicle:${v.id}`, sim.vehicleCloudOf(v.id), vehicle);
    }
  }
  return party;
}
