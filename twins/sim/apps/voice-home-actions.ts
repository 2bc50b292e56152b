// What a home intent of the voice grammar (twins/sim/intents) does to the home: the device commands, one per device
// the intent names, in Home Assistant service terms. The same table serves the car's assistant (the car sends them)
// and the home speaker (the home's automation host sends them). A room with no such device is a refusal with its
// reason — never the nearest other device.
import type { Intent } from '../ecosystem-codec';
import type { HomeTwin } from '../home-twin';
import type { IntentName, ParsedIntent } from '../intents/grammar';
import type { TwinActor } from '../twin-actor';
import { isWindowCover } from '../../home/cover-kind';

export interface DeviceCommand {
  twin: TwinActor;
  intent: Intent;
}

export type HomeAction = { ok: true; commands: DeviceCommand[] } | { ok: false; reason: string };

type Target = { type: string; what: string; select?: (entity: string) => boolean; capability: string; command: string };

const TARGETS: Partial<Record<IntentName, Target>> = {
  'light.on': { type: 'light', what: 'light', capability: 'light', command: 'turn_on' },
  'light.off': { type: 'light', what: 'light', capability: 'light', command: 'turn_off' },
  'ac.on': { type: 'climate', what: 'AC', capability: 'climate', command: 'turn_on' },
  'ac.off': { type: 'climate', what: 'AC', capability: 'climate', command: 'turn_off' },
  'ac.set': { type: 'climate', what: 'AC', capability: 'climate', command: 'set_temperature' },
  'curtains.open': { type: 'cover', what: 'curtains', select: (e) => !isWindowCover(e), capability: 'cover', command: 'open_cover' },
  'curtains.close': { type: 'cover', what: 'curtains', select: (e) => !isWindowCover(e), capability: 'cover', command: 'close_cover' },
  'window.close': { type: 'cover', what: 'window', select: isWindowCover, capability: 'cover', command: 'close_cover' },
  'purifier.on': { type: 'fan', what: 'air purifier', select: (e) => e.includes('purifier'), capability: 'fan', command: 'turn_on' },
  'purifier.off': { type: 'fan', what: 'air purifier', select: (e) => e.includes('purifier'), capability: 'fan', command: 'turn_off' },
  'vacuum.start': { type: 'vacuum', what: 'robot vacuum', capability: 'vacuum', command: 'start' },
  'vacuum.stop': { type: 'vacuum', what: 'robot vacuum', capability: 'vacuum', command: 'stop' },
  'camera.show': { type: 'camera', what: 'camera', capability: 'camera', command: 'play_stream' },
  'alarm.arm_away': { type: 'alarm_control_panel', what: 'alarm panel', capability: 'alarm_control_panel', command: 'alarm_arm_away' },
  'alarm.arm_home': { type: 'alarm_control_panel', what: 'alarm panel', capability: 'alarm_control_panel', command: 'alarm_arm_home' },
  'alarm.disarm': { type: 'alarm_control_panel', what: 'alarm panel', capability: 'alarm_control_panel', command: 'alarm_disarm' },
  'door.lock': { type: 'lock', what: 'door lock', capability: 'lock', command: 'lock' },
  'door.unlock': { type: 'lock', what: 'door lock', capability: 'lock', command: 'unlock' },
};

/** The intents that act on the home's own devices: the home controls of the car screen too. */
export const HOME_INTENTS = Object.keys(TARGETS) as IntentName[];

/** True for the intents that act on the home's own devices. */
export function isHomeIntent(intent: IntentName): boolean {
  return Object.hasOwn(TARGETS, intent);
}

const entityOf = (twin: TwinActor): string => twin.id.split('/').pop()!;

/** The commands `parsed` stands for in `home`, or why there are none. */
export function homeAction(home: HomeTwin, parsed: ParsedIntent): HomeAction {
  const target = TARGETS[parsed.intent];
  if (target === undefined) return { ok: false, reason: `${parsed.intent} is not a home device intent` };
  const room = parsed.slots.room;
  const devices = home.devicesOfType(target.type).filter((twin) => {
    const name = entityOf(twin).slice(target.type.length + 1);
    return (target.select?.(entityOf(twin)) ?? true) && (room === undefined || room === 'all' || name.startsWith(room));
  });
  if (devices.length === 0) {
    return { ok: false, reason: `home ${home.id} has no ${target.what}${room !== undefined && room !== 'all' ? ` in the ${room.replace('_', ' ')}` : ''}` };
  }
  const { temperature, mode } = parsed.slots;
  // A mode alone changes the mode; a temperature (with or without a mode) is a setpoint.
  const command = parsed.intent === 'ac.set' && temperature === undefined ? 'set_hvac_mode' : target.command;
  const attributes = parsed.intent !== 'ac.set' ? {} : {
    ...(temperature !== undefined ? { temperature } : {}), ...(mode !== undefined ? { hvac_mode: mode } : {}),
  };
  return { ok: true, commands: devices.map((twin) => ({ twin, intent: { capability: target.capability, name: command, deviceId: entityOf(twin), attributes } })) };
}
