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
import type { Json } from '../kernel/types';
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

/** A numeric attribute the car checks: its range, and its unit for the refusal. */
export interface VehicleAttributeRange {
  minimum: number;
  maximum: number;
  unit: string;
  description: string;
}

/**
 * The cabin set-points an EV's climate takes: carmakers' apps offer about 15–32 °C (with LO/HI beyond it, which
 * the twin does not model); the cabin twin would otherwise chase any number, so the car refuses the rest.
 */
export const CABIN_TEMPERATURE: VehicleAttributeRange = { minimum: 15, maximum: 32, unit: '°C', description: 'cabin target temperature, °C' };

const PROMPT_LIFETIME: VehicleAttributeRange = { minimum: 1, maximum: 3_600_000, unit: 'ms', description: 'how long the driver has to answer, ms' };
const LATITUDE: VehicleAttributeRange = { minimum: -90, maximum: 90, unit: '°', description: 'WGS 84 latitude' };
const LONGITUDE: VehicleAttributeRange = { minimum: -180, maximum: 180, unit: '°', description: 'WGS 84 longitude' };

/** The numeric attributes each car command reads, with the ranges the car enforces (car-app.ts) and describes (capabilities.ts). */
export const VEHICLE_ATTRIBUTE_RANGES: Readonly<Record<string, Readonly<Record<string, VehicleAttributeRange>>>> = {
  'vehicle_climate/precondition': { temperature: CABIN_TEMPERATURE },
  'vehicle_climate/turn_on': { temperature: CABIN_TEMPERATURE },
  'vehicle_climate/set_temperature': { temperature: CABIN_TEMPERATURE },
  'vehicle_remote/remote_start': { temperature: CABIN_TEMPERATURE },
  'vehicle_display/prompt': { expires_after_ms: PROMPT_LIFETIME },
  'vehicle_navigation/set_destination': { latitude: LATITUDE, longitude: LONGITUDE },
};

/** Why the car refuses `topic`'s attributes (a number out of its range, or not a number), or undefined when it takes them. */
export function vehicleAttributeProblem(topic: string, attributes: { [key: string]: Json }): string | undefined {
  const ranges = Object.hasOwn(VEHICLE_ATTRIBUTE_RANGES, topic) ? VEHICLE_ATTRIBUTE_RANGES[topic]! : {};
  for (const [name, r] of Object.entries(ranges)) {
    const v = attributes[name];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < r.minimum || v > r.maximum) {
      return `${name} must be a number from ${r.minimum.toLocaleString('en')} to ${r.maximum.toLocaleString('en')} ${r.unit}, got ${JSON.stringify(v)}`;
    }
  }
  return undefined;
}

/** `value` brought within the cabin's range: what a home hands over when its own set-point is beyond the car's. */
export const cabinTemperatureWithin = (value: number): number => Math.min(CABIN_TEMPERATURE.maximum, Math.max(CABIN_TEMPERATURE.minimum, value));
