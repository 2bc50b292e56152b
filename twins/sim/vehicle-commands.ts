// What each command does to the car — its effect — and so what the car demands of its sender. The car judges a
// command by this table, not by the capability the sender claims: two commands with the same effect meet the same
// check, and a command the car does not know is still refused to a stranger.
//
// Effects and their checks (seed §3.4.7: "digital signatures on critical control commands (unlock door, start car)"):
//   start         vehicle_remote/remote_start — critical: signed, fresh, unused nonce, a grant covering it.
//                 On a real EV, remote start makes the car ready to drive (climate on, drivetrain ready for keyless
//                 driving). The twin models the cabin part only (it preconditions), but the check follows what the
//                 command does on a real car.
//   unlock        vehicle_lock/unlock — critical.
//   lock          vehicle_lock/lock — not critical: locking takes nothing from the owner.
//   cabin-climate vehicle_climate/precondition, turn_on, set_temperature, turn_off — not critical: the cabin twin
//                 runs the HVAC and nothing else (the drive twin stays parked; preconditioning stops by itself after
//                 its time limit). A car only takes it from a party paired with it.
//   display, status, navigation, media — not critical, paired parties only (status reads the car's location).
// Every effect needs the sender to be paired with the car (or be its own cloud); critical ones need the signature.
import type { Intent } from './ecosystem-codec';

export type VehicleEffect = 'start' | 'unlock' | 'lock' | 'cabin-climate' | 'display' | 'status' | 'navigation' | 'media' | 'unknown';

export interface VehicleCommand {
  effect: VehicleEffect;
  /** True when the effect is one of the seed's critical controls: the command must carry a valid signature. */
  critical: boolean;
}

const EFFECTS: Record<string, VehicleEffect> = {
  'vehicle_remote/remote_start': 'start',
  'vehicle_lock/unlock': 'unlock',
  'vehicle_lock/lock': 'lock',
  'vehicle_climate/precondition': 'cabin-climate',
  'vehicle_climate/turn_on': 'cabin-climate',
  'vehicle_climate/set_temperature': 'cabin-climate',
  'vehicle_climate/turn_off': 'cabin-climate',
  'vehicle_display/notify': 'display',
  'vehicle_display/show_pip': 'display',
  'vehicle_display/close_pip': 'display',
  'vehicle_display/prompt': 'display',
  'vehicle/get_state': 'status',
  'vehicle_navigation/set_destination': 'navigation',
  'vehicle_media/play_media': 'media',
};

/** Every `capability/command` the car knows, with its effect (for its capability description). */
export const VEHICLE_COMMAND_EFFECTS: Readonly<Record<string, VehicleEffect>> = EFFECTS;

const CRITICAL_EFFECTS: ReadonlySet<VehicleEffect> = new Set(['start', 'unlock']);

/** The effect of `intent` on the car, and whether that effect is critical. */
export function vehicleCommandOf(intent: Pick<Intent, 'capability' | 'name'>): VehicleCommand {
  const key = `${intent.capability}/${intent.name}`;
  const effect = Object.hasOwn(EFFECTS, key) ? EFFECTS[key]! : 'unknown';
  return { effect, critical: CRITICAL_EFFECTS.has(effect) };
}
