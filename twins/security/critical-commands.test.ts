import { describe, expect, it } from 'vitest';
import { criticalCommandOf, scopeAllows, scopeOf } from './critical-commands';

describe('critical commands', () => {
  it('are unlocking doors and cars, opening windows (not curtains), disarming security and starting the car', () => {
    expect(criticalCommandOf('lock', 'unlock', 'home/h1/lock.front_door')?.what).toBe('unlock a door');
    expect(criticalCommandOf('lock', 'lock', 'home/h1/lock.front_door')).toBeUndefined();
    expect(criticalCommandOf('cover', 'open_cover', 'home/h1/cover.living_room_window')?.what).toBe('open a window');
    expect(criticalCommandOf('cover', 'set_cover_position', 'home/h1/cover.living_room_window')).toBeDefined();
    expect(criticalCommandOf('cover', 'open_cover', 'home/h1/cover.living_room_curtains')).toBeUndefined();
    expect(criticalCommandOf('alarm_control_panel', 'alarm_disarm', 'home/h1/alarm_control_panel.house')).toBeDefined();
    expect(criticalCommandOf('vehicle_remote', 'remote_start', 'vehicle/car1')?.what).toBe('start the car');
    expect(criticalCommandOf('climate', 'turn_on', 'home/h1/climate.living_room')).toBeUndefined();
  });

  it('are scoped by the vehicle-cloud service and the home command, with service wildcards', () => {
    expect(scopeOf('lock', 'unlock')).toBe('home.lock:unlock');
    expect(scopeOf('vehicle_remote', 'remote_start')).toBe('vehicle.remote:remote_start');
    expect(scopeOf('alarm_control_panel', 'alarm_disarm')).toBe('home.alarm_control_panel:alarm_disarm');
    expect(scopeAllows(['home.climate:*'], 'home.climate:set_temperature')).toBe(true);
    expect(scopeAllows(['home.lock:lock'], 'home.lock:unlock')).toBe(false);
    expect(scopeAllows(['home.lock:*'], 'home.locksmith:unlock')).toBe(false);
  });
});
