// Which commands are critical (seed §3.4.7: "digital signatures on critical control commands (unlock door, start
// car)") and the scopes access grants are written in. A critical command must carry a valid signature, a fresh
// timestamp and nonce, and an access grant whose scope covers it; everything else travels as before.
import { parseAddress } from '../bus/addresses';
import { MAPPING_BY_CAPABILITY } from '../gateways/hub-schemas';

export interface CriticalCommand {
  /** Home-vocabulary capability (HA domain) and command. */
  capability: string;
  command: string;
  /** Only when the target is a window (`cover.*window*`): opening curtains is not a security matter. */
  windowsOnly?: boolean;
  what: string;
}

export const CRITICAL_COMMANDS: readonly CriticalCommand[] = [
  { capability: 'lock', command: 'unlock', what: 'unlock a door' },
  { capability: 'cover', command: 'open_cover', windowsOnly: true, what: 'open a window' },
  { capability: 'cover', command: 'set_cover_position', windowsOnly: true, what: 'open a window' },
  { capability: 'alarm_control_panel', command: 'alarm_disarm', what: 'disarm security' },
  // Seeing inside the home is sensitive data (§3.4.7): released only to a sender whose grant covers it.
  { capability: 'camera', command: 'play_stream', what: 'view a home camera' },
  { capability: 'vehicle_remote', command: 'remote_start', what: 'start the car' },
  { capability: 'vehicle_lock', command: 'unlock', what: 'unlock the car' },
];

/** The critical command `capability/command` sent to `destination` is, if it is one. */
export function criticalCommandOf(capability: string, command: string, destination: string): CriticalCommand | undefined {
  for (const critical of CRITICAL_COMMANDS) {
    if (critical.capability !== capability || critical.command !== command) continue;
    if (critical.windowsOnly && !isWindow(destination)) continue;
    return critical;
  }
  return undefined;
}

function isWindow(destination: string): boolean {
  const parsed = parseAddress(destination);
  return parsed?.kind === 'device' && parsed.entityId.includes('window');
}

/** Scope a grant needs for a command: `<vehicle-cloud service>:<home command>`, e.g. `home.lock:unlock`. */
export function scopeOf(capability: string, command: string): string {
  const service = MAPPING_BY_CAPABILITY.get(capability)?.service ?? `home.${capability}`;
  return `${service}:${command}`;
}

/** True when one of `scopes` is `scope` itself, its service's wildcard (`home.climate:*`) or `*`. */
export function scopeAllows(scopes: readonly string[], scope: string): boolean {
  const service = scope.slice(0, scope.indexOf(':'));
  return scopes.some((s) => s === scope || s === '*' || s === `${service}:*`);
}

/** What the home cloud grants a paired car: everything a driver does from the car, but not disarming security. */
export const VEHICLE_TO_HOME_SCOPES: readonly string[] = [
  'home.lock:unlock', 'home.lock:lock', 'home.climate:*', 'home.light:*', 'home.cover:*', 'home.fan:*', 'home.media:*',
  'home.camera:*', 'home.storage:*', 'home.screen:*',
];

/** What the vehicle cloud grants its paired home: remote start and cabin climate, but not unlocking the car. */
export const HOME_TO_VEHICLE_SCOPES: readonly string[] = [
  'vehicle.remote:*', 'vehicle.hvac:*', 'vehicle.doors:lock', 'vehicle.display:*', 'vehicle.navigation:*', 'vehicle.media:*', 'vehicle.status:*',
];

/**
 * What a controller enrolled without explicit grants gets (Home Assistant, an external service): every scope in
 * which no command is critical. Unlocking the door, opening a window, disarming security, starting or unlocking the
 * car need a scope the scenario grants by name (`connectors:`), and the door still needs the occupant's confirmation.
 */
export const NON_CRITICAL_HOME_SCOPES: readonly string[] = [
  'home.lock:lock', 'home.climate:*', 'home.light:*', 'home.cover:close_cover', 'home.cover:stop_cover', 'home.fan:*', 'home.media:*',
  'home.switch:*', 'home.scene:*', 'home.screen:*', 'home.charger:*',
];

/** The domain a scope is granted in: `home.*` scopes in the home's, `vehicle.*` scopes in its cars'. */
export function scopeSide(scope: string): 'home' | 'vehicle' | undefined {
  return scope.startsWith('home.') ? 'home' : scope.startsWith('vehicle.') ? 'vehicle' : undefined;
}
