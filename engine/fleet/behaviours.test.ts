import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../twins/kernel/random';
import { HomeBehaviour } from './home-behaviour';
import { VehicleBehaviour } from './vehicle-behaviour';

const random = (): ReturnType<SeededRandom['stream']> => new SeededRandom(3).stream('t');

describe('fleet behaviours', () => {
  it('a car applies precondition and lock commands to its VSS signals', () => {
    const car = new VehicleBehaviour(random(), 0);
    expect(car.apply('precondition', { on: true })).toEqual({ ok: true });
    expect(car.signals['Vehicle.Cabin.HVAC.IsAirConditioningActive']).toBe(true);
    expect(car.apply('unlock', undefined)).toEqual({ ok: true });
    expect(car.signals['Vehicle.Cabin.Door.Row1.DriverSide.IsLocked']).toBe(false);
  });

  it.each<[string, Record<string, unknown> | undefined]>([['precondition', undefined], ['precondition', { on: 'yes' }], ['open_trunk', {}], ['__proto__', {}]])('a car refuses %s %j', (command, args) => {
    const car = new VehicleBehaviour(random(), 0);
    const before = { ...car.signals };
    expect(car.apply(command, args).ok).toBe(false);
    expect(car.signals).toEqual(before);
  });

  it('a home applies light and setpoint commands; the room follows the setpoint', () => {
    const home = new HomeBehaviour(random());
    expect(home.apply('light', { on: true }).ok).toBe(true);
    expect(home.state['light.living_room'].state).toBe('on');
    expect(home.apply('setpoint', { temperature: 25 }).ok).toBe(true);
    const start = home.state['climate.living_room'].current_temperature;
    for (let i = 0; i < 60; i++) home.advance(60);
    expect(home.state['climate.living_room'].current_temperature).toBeGreaterThan(start);
    expect(home.state['climate.living_room'].current_temperature).toBeCloseTo(25, 0);
  });

  it.each<[string, Record<string, unknown> | undefined]>([['setpoint', { temperature: 99 }], ['setpoint', { temperature: Number.NaN }], ['setpoint', { temperature: '21' }], ['light', {}], ['unlock', {}]])('a home refuses %s %j', (command, args) => {
    const home = new HomeBehaviour(random());
    const before = JSON.stringify(home.state);
    expect(home.apply(command, args).ok).toBe(false);
    expect(JSON.stringify(home.state)).toBe(before);
  });

  it('a car\'s telemetry stays physical: speed within 0–130 km/h, charge within 5–100 %', () => {
    const car = new VehicleBehaviour(random(), 0);
    for (let i = 0; i < 500; i++) {
      const s = car.advance(10);
      expect(s['Vehicle.Speed']).toBeGreaterThanOrEqual(0);
      expect(s['Vehicle.Speed']).toBeLessThanOrEqual(130);
      expect(s['Vehicle.Powertrain.TractionBattery.StateOfCharge.Current']).toBeGreaterThanOrEqual(5);
    }
  });
});
