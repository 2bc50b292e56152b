// The registry of home device machines, keyed by device type — the Home Assistant domain that prefixes each
// entity id (`climate.living_room` is a `climate`). The simulation builds a home from a scenario's device
// list by looking each type up here.
import { alarmControlPanelMachine } from './alarm-control-panel.machine';
import { binarySensorMachine } from './binary-sensor.machine';
import { cameraMachine } from './camera.machine';
import { climateMachine } from './climate.machine';
import { coverMachine } from './cover.machine';
import { evseMachine } from './evse.machine';
import { fanMachine } from './fan.machine';
import { lightMachine } from './light.machine';
import { lockMachine } from './lock.machine';
import { mediaPlayerMachine } from './media-player.machine';
import { screenMachine } from './screen.machine';
import { storageMachine } from './storage.machine';
import { vacuumMachine } from './vacuum.machine';

export const deviceMachines = {
  climate: climateMachine,
  light: lightMachine,
  cover: coverMachine,
  fan: fanMachine,
  lock: lockMachine,
  binary_sensor: binarySensorMachine,
  camera: cameraMachine,
  media_player: mediaPlayerMachine,
  storage: storageMachine,
  evse: evseMachine,
  screen: screenMachine,
  alarm_control_panel: alarmControlPanelMachine,
  vacuum: vacuumMachine,
} as const;

export type DeviceType = keyof typeof deviceMachines;

export const DEVICE_TYPES = Object.keys(deviceMachines) as DeviceType[];

/** The device type of an entity id (`'climate.living_room'` → `'climate'`), or undefined if unknown. */
export function deviceTypeOf(entityId: string): DeviceType | undefined {
  const domain = entityId.slice(0, entityId.indexOf('.'));
  return (DEVICE_TYPES as string[]).includes(domain) ? (domain as DeviceType) : undefined;
}
