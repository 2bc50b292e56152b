import { describe, expect, it } from 'vitest';
import {
  CRITICAL_COMMANDS, HOME_TO_VEHICLE_SCOPES, NON_CRITICAL_HOME_SCOPES, VEHICLE_TO_HOME_SCOPES, criticalCommandOf, scopeAllows, scopeOf, scopeSide,
} from './critical-commands';

/** `capability/command` pairs in the home vocabulary, read as the scope a grant needs for them. */
const scopes = (...commands: string[]): string[] => commands.map((c) => scopeOf(c.split('/')[0]!, c.split('/')[1]!));
/** The scopes of `wanted` that `granted` does not cover (empty when it covers them all). */
const uncovered = (granted: readonly string[], wanted: readonly string[]): string[] => wanted.filter((s) => !scopeAllows(granted, s));

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

  it('include viewing a home camera (sensitive data), but not stopping the stream or a camera name on another capability', () => {
    expect(criticalCommandOf('camera', 'play_stream', 'home/h1/camera.front_door')?.what).toBe('view a home camera');
    expect(criticalCommandOf('camera', 'stop_stream', 'home/h1/camera.front_door')).toBeUndefined();
    expect(criticalCommandOf('media_player', 'play_stream', 'home/h1/media_player.living_room')).toBeUndefined();
  });

  it('are scoped by the vehicle-cloud service and the home command, with service wildcards', () => {
    expect(scopeOf('lock', 'unlock')).toBe('home.lock:unlock');
    expect(scopeOf('vehicle_remote', 'remote_start')).toBe('vehicle.remote:remote_start');
    expect(scopeOf('alarm_control_panel', 'alarm_disarm')).toBe('home.alarm_control_panel:alarm_disarm');
    expect(scopeAllows(['home.climate:*'], 'home.climate:set_temperature')).toBe(true);
    expect(scopeAllows(['home.lock:lock'], 'home.lock:unlock')).toBe(false);
    expect(scopeAllows(['home.lock:*'], 'home.locksmith:unlock')).toBe(false);
  });

  it('scope a capability no mapping knows under home.<capability>, which no other service’s wildcard covers', () => {
    // An attacker may name any capability; it must still get a scope (no crash) and one that grants nothing by accident.
    expect(scopeOf('garage_door', 'open')).toBe('home.garage_door:open');
    expect(scopeAllows(VEHICLE_TO_HOME_SCOPES, scopeOf('garage_door', 'open'))).toBe(false);
    expect(scopeAllows(['home.garage_door:*'], scopeOf('garage_door', 'open'))).toBe(true);
  });
});

describe('the scopes a pairing grants', () => {
  it('let a paired car do what a driver does from the car in the home, each service by its own entry', () => {
    expect(uncovered(VEHICLE_TO_HOME_SCOPES, scopes(
      'lock/unlock', 'lock/lock', 'climate/set_temperature', 'light/turn_on', 'cover/open_cover', 'fan/set_percentage',
      'media_player/play_media', 'camera/play_stream', 'storage/open_media', 'screen/prompt',
    ))).toEqual([]);
  });

  it('never let a paired car disarm security, nor reach into another car', () => {
    expect(uncovered(VEHICLE_TO_HOME_SCOPES, scopes('alarm_control_panel/alarm_disarm', 'vehicle_remote/remote_start', 'vehicle_lock/unlock')))
      .toEqual(['home.alarm_control_panel:alarm_disarm', 'vehicle.remote:remote_start', 'vehicle.doors:unlock']);
  });

  it('let a paired home start the car, warm it, lock it, show, navigate, play and read it, each service by its own entry', () => {
    expect(uncovered(HOME_TO_VEHICLE_SCOPES, scopes(
      'vehicle_remote/remote_start', 'vehicle_climate/precondition', 'vehicle_lock/lock', 'vehicle_display/notify',
      'vehicle_navigation/set_destination', 'vehicle_media/play_media', 'vehicle/get_state',
    ))).toEqual([]);
  });

  it('never let a paired home unlock the car, nor command the home’s own devices under the car’s grant', () => {
    expect(uncovered(HOME_TO_VEHICLE_SCOPES, scopes('vehicle_lock/unlock', 'lock/unlock', 'climate/turn_on')))
      .toEqual(['vehicle.doors:unlock', 'home.lock:unlock', 'home.climate:turn_on']);
  });
});

describe('what a controller enrolled without explicit grants may do', () => {
  it('is every everyday home command, each service by its own entry', () => {
    expect(uncovered(NON_CRITICAL_HOME_SCOPES, scopes(
      'lock/lock', 'climate/set_temperature', 'light/turn_off', 'cover/close_cover', 'cover/stop_cover', 'fan/turn_on',
      'media_player/media_pause', 'switch/turn_on', 'scene/turn_on', 'screen/prompt', 'ev_charger/start_charging',
    ))).toEqual([]);
  });

  it('is no critical command: none of them is covered, whatever the target', () => {
    expect(uncovered(NON_CRITICAL_HOME_SCOPES, CRITICAL_COMMANDS.map((c) => scopeOf(c.capability, c.command)))).toHaveLength(CRITICAL_COMMANDS.length);
  });
});

describe('the side a scope is granted on', () => {
  it('is the home for home.*, the car for vehicle.*, and none for anything else', () => {
    expect(scopeSide('home.lock:unlock')).toBe('home');
    expect(scopeSide('vehicle.remote:*')).toBe('vehicle');
    // Neither a look-alike prefix nor the service name further in counts.
    expect(scopeSide('homes.lock:unlock')).toBeUndefined();
    expect(scopeSide('x.home.lock:unlock')).toBeUndefined();
    expect(scopeSide('x.vehicle.remote:*')).toBeUndefined();
    expect(scopeSide('*')).toBeUndefined();
  });
});
