// Home-cloud commands (Home Assistant service-call style) turned into the device machines' events, and the
// attributes a device reports for `get_state`. The table is the home gateway's "driver" for each device type.
import type { TwinActor } from './twin-actor';
import type { Intent, JsonObject } from './ecosystem-codec';
import type { Json } from '../kernel/types';

export type EventOf = (attributes: JsonObject, by: string) => { type: string; [key: string]: unknown } | undefined;

const num = (v: Json | undefined): number | undefined => (typeof v === 'number' ? v : undefined);
const text = (v: Json | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
/** A required number within [min, max]; undefined (the command is refused as bad attributes) otherwise. */
const within = (v: Json | undefined, min: number, max: number): number | undefined => (typeof v === 'number' && v >= min && v <= max ? v : undefined);
/** An hvac_mode the climate twin knows (room-thermal HvacMode). */
const hvacMode = (v: Json | undefined): string | undefined => (typeof v === 'string' && ['off', 'cool', 'heat', 'auto', 'fan_only'].includes(v) ? v : undefined);
/** An optional number: absent is fine (''), present must be within [min, max] (undefined refuses the command). */
const optionalWithin = (v: Json | undefined, min: number, max: number): number | '' | undefined => (v === undefined ? '' : within(v, min, max));
/** Builds the event only when every required attribute is present and valid. */
const needs = <T extends object>(values: (number | string | undefined)[], event: () => T): T | undefined => (values.includes(undefined) ? undefined : event());

/** capability → command → machine event. Capabilities follow the device type (HA domain), with HA aliases. */
const COMMANDS: Record<string, Record<string, EventOf>> = {
  climate: {
    set_temperature: (a) => needs([within(a.temperature, -50, 100), a.hvac_mode === undefined ? '' : hvacMode(a.hvac_mode)], () => ({
      type: 'CLIMATE.SET_TEMPERATURE', targetTemperature: a.temperature, ...(a.hvac_mode !== undefined ? { hvacMode: a.hvac_mode } : {}),
    })),
    set_hvac_mode: (a) => needs([hvacMode(a.hvac_mode)], () => ({ type: 'CLIMATE.SET_HVAC_MODE', hvacMode: a.hvac_mode })),
    turn_on: () => ({ type: 'CLIMATE.TURN_ON' }),
    turn_off: () => ({ type: 'CLIMATE.TURN_OFF' }),
  },
  light: {
    // Present but out of range is refused, not silently left out while the light answers ok.
    turn_on: (a) => needs([optionalWithin(a.brightness_pct, 0, 100), optionalWithin(a.color_temp_kelvin, 1_000, 20_000)], () => ({
      type: 'LIGHT.TURN_ON',
      ...(a.brightness_pct !== undefined ? { brightness: Math.round((num(a.brightness_pct)! * 255) / 100) } : {}),
      ...(a.color_temp_kelvin !== undefined ? { colorTempKelvin: a.color_temp_kelvin } : {}),
      ...(a.scene === 'soft' ? { scene: 'soft' } : {}),
    })),
    turn_off: () => ({ type: 'LIGHT.TURN_OFF' }),
  },
  cover: {
    open_cover: () => ({ type: 'COVER.OPEN' }),
    close_cover: () => ({ type: 'COVER.CLOSE' }),
    stop_cover: () => ({ type: 'COVER.STOP' }),
    set_cover_position: (a) => needs([within(a.position, 0, 100)], () => ({ type: 'COVER.SET_POSITION', position: a.position })),
  },
  fan: {
    turn_on: (a) => needs([optionalWithin(a.percentage, 0, 100)], () => ({
      type: 'FAN.TURN_ON', ...(a.percentage !== undefined ? { percentage: a.percentage } : {}), ...(text(a.preset_mode) ? { presetMode: a.preset_mode } : {}),
    })),
    turn_off: () => ({ type: 'FAN.TURN_OFF' }),
    set_percentage: (a) => needs([within(a.percentage, 0, 100)], () => ({ type: 'FAN.SET_PERCENTAGE', percentage: a.percentage })),
  },
  lock: {
    lock: () => ({ type: 'DOOR.LOCK' }),
    unlock: (_a, by) => ({ type: 'DOOR.UNLOCK', by }),
  },
  media_player: {
    announce: (a) => ({ type: 'SPEAKER.ANNOUNCE', text: text(a.message) ?? '' }),
    play_media: (a) => ({ type: 'MEDIA.PLAY_PLAYLIST', playlist: { id: text(a.media_content_id) ?? 'unknown', tracks: [text(a.media_content_id) ?? 'track'] } }),
    media_pause: () => ({ type: 'MEDIA.PAUSE' }),
    volume_set: (a) => needs([within(a.volume_level, 0, 1)], () => ({ type: 'MEDIA.SET_VOLUME', volumeLevel: a.volume_level })),
  },
  screen: {
    notify: (a) => ({
      type: 'NOTIFICATION.POST',
      notification: { id: text(a.notification_id) ?? 'n', title: text(a.title) ?? '', body: text(a.message) ?? '', severity: text(a.severity) ?? 'info', at: 0 },
    }),
    show_pip: (a) => ({ type: 'PIP.SHOW', pip: { source: text(a.source) ?? 'camera', title: text(a.title) ?? '' } }),
    close_pip: () => ({ type: 'PIP.CLOSE' }),
    // A question for the family (the arriving driver's "start a video call?"), answered on the screen itself.
    prompt: (a) => needs([text(a.prompt_id), text(a.title), optionalWithin(a.expires_after_ms, 1, 3_600_000)], () => ({
      type: 'PROMPT.SHOW',
      prompt: { id: a.prompt_id, question: a.title, options: ['confirm', 'decline'], expiresAfterMs: num(a.expires_after_ms) ?? 30_000 },
    })),
  },
  evse: {
    set_power_limit: (a) => needs([within(a.power_limit_kw, 0, 1_000)], () => ({ type: 'EVSE.SET_POWER_LIMIT', powerLimitKw: a.power_limit_kw })),
    start_charging: () => ({ type: 'EVSE.START_CHARGING' }),
    stop_charging: () => ({ type: 'EVSE.STOP_CHARGING' }),
  },
  camera: {
    play_stream: (_a, by) => ({ type: 'CAMERA.START_STREAM', viewer: by }),
    stop_stream: (_a, by) => ({ type: 'CAMERA.STOP_STREAM', viewer: by }),
  },
  // The NAS: an upload is committed once its bytes are in (the transfer is a flow); a film is opened to stream it.
  storage: {
    save_clip: (a, by) => needs([text(a.clip_id), within(a.size_bytes, 0, Number.MAX_SAFE_INTEGER)], () => ({
      type: 'STORAGE.SAVE_CLIP', clip: { clipId: a.clip_id, source: by, sizeBytes: a.size_bytes },
    })),
    open_media: (a) => needs([text(a.media_content_id)], () => ({ type: 'STORAGE.OPEN_MEDIA', mediaId: a.media_content_id })),
  },
  // HA alarm_control_panel services; alarm_disarm is critical and verified before it gets here.
  alarm_control_panel: {
    alarm_arm_home: (_a, by) => ({ type: 'ALARM.ARM_HOME', by }),
    alarm_arm_away: (_a, by) => ({ type: 'ALARM.ARM_AWAY', by }),
    alarm_disarm: (_a, by) => ({ type: 'ALARM.DISARM', by }),
  },
};

const ALIASES: Record<string, string> = { ev_charger: 'evse' };

/** The command table and its aliases, read-only, for the name catalogue (twins/sim/catalogue/topics.ts). */
export const DEVICE_COMMANDS: Readonly<Record<string, Readonly<Record<string, EventOf>>>> = COMMANDS;
export const DEVICE_COMMAND_ALIASES: Readonly<Record<string, string>> = ALIASES;

export type CommandOutcome = { ok: true; attributes: JsonObject } | { ok: false; error: string };

const own = <T>(table: Record<string, T>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

/**
 * The command table (device type) a command to `twin` is executed with: the twin's own type, when the capability
 * names it (or an alias of it). A light's command sent to a lock names nothing, and neither does `__proto__`.
 */
export function commandTableOf(twin: TwinActor, capability: string): string | undefined {
  const named = own(ALIASES, capability) ?? capability;
  return named === twin.kind && own(COMMANDS, named) !== undefined ? named : undefined;
}

/** Apply a home-cloud command to a device twin; `get_state` only reads. */
export function applyDeviceCommand(twin: TwinActor, intent: Intent, by: string): CommandOutcome {
  if (intent.name !== 'get_state') {
    const tableName = commandTableOf(twin, intent.capability);
    const toEvent = tableName === undefined ? undefined : own(COMMANDS[tableName]!, intent.name);
    if (toEvent === undefined) return { ok: false, error: `${twin.id} (${twin.kind}) does not support '${intent.capability}/${intent.name}'` };
    const event = toEvent(intent.attributes, by);
    if (event === undefined) return { ok: false, error: `bad attributes for '${intent.name}' on ${twin.id}` };
    const rejection = twin.sendChecked(event);
    if (rejection !== undefined) return { ok: false, error: rejection };
  }
  return { ok: true, attributes: { state: twin.state } };
}
