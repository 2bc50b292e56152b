import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { DEVICE_TYPES, deviceMachines, deviceTypeOf } from './index';

describe('device registry', () => {
  it('covers the device types of the scenes', () => {
    expect(DEVICE_TYPES).toEqual(['climate', 'light', 'cover', 'fan', 'lock', 'binary_sensor', 'camera', 'media_player', 'storage', 'evse', 'screen', 'alarm_control_panel', 'vacuum']);
  });

  it('maps entity ids to device types', () => {
    expect(deviceTypeOf('climate.living_room')).toBe('climate');
    expect(deviceTypeOf('binary_sensor.kitchen_leak')).toBe('binary_sensor');
    expect(deviceTypeOf('vacuum.robot')).toBe('vacuum');
    expect(deviceTypeOf('water_heater.boiler')).toBeUndefined();
    expect(deviceTypeOf('no_dot')).toBeUndefined();
  });

  it('starts every device from just an entity id (binary sensors also need a device_class)', () => {
    for (const type of DEVICE_TYPES) {
      const input = { entityId: `${type}.test`, deviceClass: 'smoke' as const };
      // Each machine has its own input type; the registry is used generically by the simulation.
      const actor = createActor(deviceMachines[type] as typeof deviceMachines.binary_sensor, { clock: new SimulatedClock(), input }).start();
      expect(actor.getSnapshot().status, type).toBe('active');
      expect((actor.getSnapshot().context as { entityId: string }).entityId).toBe(`${type}.test`);
      actor.stop();
    }
  });
});
