// What Home Assistant publishes on a device's command topics, turned into a home-cloud command (HA service-call
// style), or refused with the reason. Numbers are checked against the ranges the discovery config announced
// (brightness 0–255, colour temperature 2000–6500 K, climate 16–30 °C, positions and percentages 0–100): before,
// `brightness 99999` was answered ok and silently ignored by the light.
import type { Json } from '../../twins/kernel/types';

export type HaCommand = { name: string; attributes: { [key: string]: Json } };
/** A command, or why the payload is not one. */
export type HaTranslation = { ok: true; command: HaCommand } | { ok: false; error: string };

type Translate = (payload: string, topic: string) => HaTranslation;

/** Ranges announced in the discovery configs (ha-entities.ts takes them from here). */
export const HA_RANGES = {
  brightness: [0, 255],
  color_temp_kelvin: [2000, 6500],
  temperature: [16, 30],
  position: [0, 100],
  percentage: [0, 100],
} as const satisfies Record<string, readonly [number, number]>;

const ok = (name: string, attributes: { [key: string]: Json } = {}): HaTranslation => ({ ok: true, command: { name, attributes } });
const refuse = (error: string): HaTranslation => ({ ok: false, error });
const notA = (kind: string) => (payload: string, topic: string) => refuse(`'${payload.slice(0, 40)}' is not a ${kind} command on ${topic}`);

/** A number within the announced range of `attribute`, then `build`; otherwise the reason it is refused. */
function ranged(attribute: keyof typeof HA_RANGES, build: (value: number) => HaTranslation): Translate {
  const [min, max] = HA_RANGES[attribute];
  return (payload, topic) => {
    const value = payload.trim() === '' ? NaN : Number(payload);
    if (!Number.isFinite(value)) return refuse(`${attribute} '${payload.slice(0, 40)}' is not a number (on ${topic})`);
    if (value < min || value > max) return refuse(`${attribute} ${value} is out of range ${min}–${max} (on ${topic})`);
    return build(value);
  };
}

const words = (kind: string, table: Record<string, HaCommand['name']>): Translate => (payload, topic) =>
  Object.hasOwn(table, payload) ? ok(table[payload]!) : notA(kind)(payload, topic);

/** The modes the climate twin knows, announced as the entity's `modes`. */
export const HA_HVAC_MODES = ['off', 'cool', 'heat', 'auto', 'fan_only'];

/** Per device type and command-topic attribute ('' = the main command topic). */
const HA_COMMANDS: Record<string, Record<string, Translate>> = {
  light: {
    '': words('light', { ON: 'turn_on', OFF: 'turn_off' }),
    brightness: ranged('brightness', (v) => ok('turn_on', { brightness_pct: Math.round((v * 100) / 255) })),
    color_temp_kelvin: ranged('color_temp_kelvin', (v) => ok('turn_on', { color_temp_kelvin: v })),
  },
  climate: {
    mode: (p, topic) => (HA_HVAC_MODES.includes(p) ? ok('set_hvac_mode', { hvac_mode: p }) : refuse(`hvac mode '${p.slice(0, 40)}' is not one of ${HA_HVAC_MODES.join(', ')} (on ${topic})`)),
    temperature: ranged('temperature', (v) => ok('set_temperature', { temperature: v })),
  },
  cover: {
    '': words('cover', { OPEN: 'open_cover', CLOSE: 'close_cover', STOP: 'stop_cover' }),
    position: ranged('position', (v) => ok('set_cover_position', { position: v })),
  },
  fan: {
    '': words('fan', { ON: 'turn_on', OFF: 'turn_off' }),
    percentage: ranged('percentage', (v) => ok('set_percentage', { percentage: v })),
    preset_mode: (p) => ok('turn_on', { preset_mode: p }),
  },
  lock: {
    '': words('lock', { LOCK: 'lock', UNLOCK: 'unlock' }),
  },
};

/** The command HA's `payload` on `topic` stands for, for a device of type `kind`. */
export function translateHaCommand(kind: string, attribute: string | undefined, payload: string, topic: string): HaTranslation {
  const table = Object.hasOwn(HA_COMMANDS, kind) ? HA_COMMANDS[kind]! : undefined;
  const translate = table !== undefined && Object.hasOwn(table, attribute ?? '') ? table[attribute ?? '']! : undefined;
  return translate === undefined ? notA(kind)(payload, topic) : translate(payload, topic);
}
