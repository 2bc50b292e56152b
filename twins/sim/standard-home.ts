// The home of the seed's scenes (§2.2): climate, lights, curtains and a window, purifier and diffuser, the smart
// lock with its doorbell and camera, the alarm panel, leak/smoke/gas sensors, the speaker, the central panel and TV, the NAS and
// the EV wallbox, the robot vacuum. One list, used by scenario files (`devices: standard`), tests and benchmarks alike.
import type { DeviceSpec } from './spec';

export const STANDARD_HOME: readonly { type: string; id: string; deviceClass?: string }[] = [
  { type: 'climate', id: 'living_room' },
  { type: 'climate', id: 'bedroom' },
  { type: 'light', id: 'living_room' },
  { type: 'light', id: 'hallway' },
  { type: 'cover', id: 'living_room_curtains' },
  { type: 'cover', id: 'living_room_window' },
  { type: 'fan', id: 'air_purifier' },
  { type: 'fan', id: 'aroma_diffuser' },
  { type: 'lock', id: 'front_door' },
  { type: 'alarm_control_panel', id: 'house' },
  { type: 'binary_sensor', id: 'kitchen_leak', deviceClass: 'moisture' },
  { type: 'binary_sensor', id: 'smoke', deviceClass: 'smoke' },
  { type: 'binary_sensor', id: 'gas', deviceClass: 'gas' },
  { type: 'camera', id: 'front_door' },
  { type: 'media_player', id: 'speaker' },
  { type: 'screen', id: 'central_panel' },
  { type: 'screen', id: 'tv' },
  { type: 'storage', id: 'nas' },
  { type: 'evse', id: 'wallbox' },
  { type: 'vacuum', id: 'robot' },
];

export function standardHomeDevices(): DeviceSpec[] {
  return STANDARD_HOME.map((d) => ({ type: d.type, entityId: `${d.type}.${d.id}`, ...(d.deviceClass ? { deviceClass: d.deviceClass } : {}) }));
}
