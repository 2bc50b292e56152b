// A home's devices in the scenario file: the Home Assistant domains the home twins model, one device's fields, and
// the `devices: standard` home of the seed's scenes. Apart from the rest of the entities because this is the
// vocabulary shared with the home twins (Home Assistant / Matter domains), and it changes when they gain a device.
import { z } from 'zod';
import { STANDARD_HOME } from '../../twins/sim/standard-home';
import { JsonRecord } from './schema-kit';

/** The device machines of twins/home (`deviceMachines`); a test keeps the two lists equal. */
export const DEVICE_TYPES = [
  'climate', 'light', 'cover', 'fan', 'lock', 'binary_sensor', 'camera', 'media_player', 'storage', 'evse', 'screen', 'alarm_control_panel', 'vacuum',
] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

export const DeviceSchema = z
  .strictObject({
    type: z.enum(DEVICE_TYPES).describe('Home Assistant domain of the device.'),
    id: z
      .string()
      .regex(/^[a-z0-9_]+$/, { error: 'a device id is a Home Assistant object_id: lower case, digits and "_"' })
      .describe('object_id: the entity id is `<type>.<id>`, e.g. lock.front_door.'),
    name: z.string().optional().describe('Friendly name.'),
    device_class: z
      .enum(['moisture', 'smoke', 'gas', 'door', 'window', 'motion', 'occupancy'])
      .optional()
      .describe('binary_sensor only: what it senses.'),
    initial: JsonRecord.optional().describe('Initial attributes, e.g. { hvac_mode: cool, target_temperature: 24 }.'),
  })
  .refine((device) => device.device_class === undefined || device.type === 'binary_sensor', {
    error: 'device_class applies to binary_sensor devices only',
    path: ['device_class'],
  })
  .transform((device) => ({ ...device, entityId: `${device.type}.${device.id}` }))
  .meta({ id: 'Device', description: 'A home device twin.' });
export type Device = z.output<typeof DeviceSchema>;

type DeviceSpec = Omit<Device, 'entityId' | 'name' | 'initial'>;
const device = (type: DeviceType, id: string, device_class?: Device['device_class']): DeviceSpec =>
  device_class ? { type, id, device_class } : { type, id };

/** `devices: standard`: the home of the seed's scenes (§2.2) — climate, lights, curtains, purifier, lock… */
export const STANDARD_HOME_DEVICES: readonly DeviceSpec[] = STANDARD_HOME.map((d) =>
  device(d.type as DeviceType, d.id, d.deviceClass as Device['device_class']),
);

export function standardDevices(): Device[] {
  return STANDARD_HOME_DEVICES.map((spec) => ({ ...spec, entityId: `${spec.type}.${spec.id}` }));
}
