// Home-cloud commands (Home Assistant service-call style) turned into the device machines' events, and the
// attributes a device reports for `get_state`. The table is the home gateway's "driver" for each device type.
import type { TwinActor } from './twin-actor';
import type { Intent, JsonObject } from './ecosystem-codec';
import type { Json } from '../kernel/types';

type EventOf = (attributes: JsonObject, by: string) => { type: string; [key: string]: unknown } | undefined;

const num = (v: Json | undefined): number | undefined => (typeof v === 'number' ? v : undefined);
const text = (v: Json | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

/** capability → command → machine event. Capabilities follow the device type (HA domain), with HA aliases. */
const COMMANDS: Record<string, Record<string, EventOf>> = {
  climate: {
    set_temperature: (a) => ({ type: 'CLIMATE.SET_TEMPERATURE', targetTemperature: num(a.temperature), ...(text(a.hvac_mode) ? { hvacMode: a.hvac_mode } : {}) }),
    set_hvac_mode: (a) => ({ type: 'CLIMATE.SET_HVAC_MODE', hvacMode: text(a.hvac_mode) }),
    turn_on: () => ({ type: 'CLIMATE.TURN_ON' }),
    turn_off: () => ({ type: 'CLIMATE.TURN_OFF' }),
  },
  light: {
    turn_on: (a) => ({
      type: 'LIGHT.TURN_ON',
      ...(num(a.brightness_pct) !== undefined ? { brightness: Math.round((num(a.brightness_pct)! * 255) / 100) } : {}),
      ...(num(a.color_temp_kelvin) !== undefined ? { colorTempKelvin: a.color_temp_kelvin } : {}),
      ...(a.scene === 'soft' ? { scene: 'soft' } : {}),
    }),
    turn_off: () => ({ type: 'LIGHT.TURN_OFF' }),
  },
  cover: {
    open_cover: () => ({ type: 'COVER.OPEN' }),
    close_cover: () => ({ type: 'COVER.CLOSE' }),
    stop_cover: () => ({ type: 'COVER.STOP' }),
    set_cover_position: (a) => ({ type: 'COVER.SET_POSITION', position: num(a.position) }),
  },
  fan: {
    turn_on: (a) => ({ type: 'FAN.TURN_ON', ...(num(a.percentage) !== undefined ? { percentage: a.percentage } : {}), ...(text(a.preset_mode) ? { presetMode: a.preset_mode } : {}) }),
    turn_off: () => ({ type: 'FAN.TURN_OFF' }),
    set_percentage: (a) => ({ type: 'FAN.SET_PERCENTAGE', percentage: num(a.percentage) }),
  },
  lock: {
    lock: () => ({ type: 'DOOR.LOCK' }),
    unlock: (_a, by) => ({ type: 'DOOR.UNLOCK', by }),
  },
  media_player: {
    announce: (a) => ({ type: 'SPEAKER.ANNOUNCE', text: text(a.message) ?? '' }),
    play_media: (a) => ({ type: 'MEDIA.PLAY_PLAYLIST', playlist: { id: text(a.media_content_id) ?? 'unknown', tracks: [text(a.media_content_id) ?? 'track'] } }),
    media_pause: () => ({ type: 'MEDIA.PAUSE' }),
    volume_set: (a) => ({ type: 'MEDIA.SET_VOLUME', volumeLevel: num(a.volume_level) }),
  },
  screen: {
    notify: (a) => ({
      type: 'NOTIFICATION.POST',
      notification: { id: text(a.notification_id) ?? 'n', title: text(a.title) ?? '', body: text(a.message) ?? '', severity: text(a.severity) ?? 'info', at: 0 },
    }),
    show_pip: (a) => ({ type: 'PIP.SHOW', pip: { source: text(a.source) ?? 'camera', title: text(a.title) ?? '' } }),
    close_pip: () => ({ type: 'PIP.CLOSE' }),
  },
  evse: {
    set_power_limit: (a) => ({ type: 'EVSE.SET_POWER_LIMIT', powerLimitKw: num(a.power_limit_kw) }),
    start_charging: () => ({ type: 'EVSE.START_CHARGING' }),
    stop_charging: () => ({ type: 'EVSE.STOP_CHARGING' }),
  },
  camera: {
    play_stream: (_a, by) => ({ type: 'CAMERA.START_STREAM', viewer: by }),
  },
};

const ALIASES: Record<string, string> = { ev_charger: 'evse' };

export type CommandOutcome = { ok: true; attributes: JsonObject } | { ok: false; error: string };

/** Apply a home-cloud command to a device twin; `get_state` only reads. */
export function applyDeviceCommand(twin: TwinActor, intent: Intent, by: string): CommandOutcome {
  if (intent.name !== 'get_state') {
    const table = COMMANDS[ALIASES[intent.capability] ?? intent.capability] ?? COMMANDS[twin.kind];
    const toEvent = table?.[intent.name];
    if (toEvent === undefined) return { ok: false, error: `${twin.id} (${twin.kind}) does not support '${intent.name}'` };
    const event = toEvent(intent.attributes, by);
    if (event === undefined) return { ok: false, error: `bad attributes for '${intent.name}' on ${twin.id}` };
    const rejection = twin.sendChecked(event);
    if (rejection !== undefined) return { ok: false, error: rejection };
  }
  return { ok: true, attributes: { state: twin.state } };
}
