// Twin state → Matter attributes, one device type at a time, at the node level (no network): the conversions that
// are easy to get backwards (a cover's lift counts from open, a contact is true while closed) and the twins Matter
// has no device type for.
import { describe, expect, it } from 'vitest';
import { DoorLock, EnergyEvse, SmokeCoAlarm, Thermostat, WindowCovering } from '@matter/main/clusters';
import { Simulation, standardHomeDevices } from '../../../twins';
import { nodeEventLogHost } from '../../host-event-log';
import { bridgedTypeOf, levelOf, liftOf, mergePatches } from './device-types';
import { isValidDiscriminator, isValidPasscode } from './passcode';
import { kwToMilliamps, levelToPercent, milliampsToKw, openPercentOf } from './twin-behaviors';

function home(extra: { type: string; entityId: string; deviceClass?: string }[] = []): Simulation {
  return new Simulation({
    seed: 1, architecture: 'direct', map: { kind: 'generate', options: { homes: 2 } },
    homes: [{ id: 'h1', devices: [...standardHomeDevices(), ...extra] }], vehicles: [],
  }, nodeEventLogHost());
}

const device = (sim: Simulation, entityId: string) => sim.home('h1').device(entityId);
const attributesOf = (sim: Simulation, entityId: string) => bridgedTypeOf(device(sim, entityId))!.attributes(device(sim, entityId), sim.now);

describe('Matter attributes of the twins', () => {
  it('maps every standard device Matter has a type for, and none it has not', () => {
    const sim = home();
    const types = Object.fromEntries([...sim.home('h1').devices.values()].map((t) => [t.id.split('/')[2], bridgedTypeOf(t)?.matter ?? null]));
    expect(types).toMatchObject({
      'climate.living_room': 'Thermostat', 'light.hallway': 'DimmableLight', 'cover.living_room_window': 'WindowCovering',
      'fan.air_purifier': 'AirPurifier', 'evse.wallbox': 'EnergyEvse', 'fan.aroma_diffuser': 'Fan', 'lock.front_door': 'DoorLock',
      'binary_sensor.kitchen_leak': 'WaterLeakDetector', 'binary_sensor.smoke': 'SmokeCoAlarm',
      'binary_sensor.gas': null, 'camera.front_door': null, 'media_player.speaker': null, 'screen.tv': null, 'storage.nas': null,
    });
  });

  it('a light: on/off and its brightness as a level 1…254, and back to a percentage', () => {
    const sim = home();
    expect(attributesOf(sim, 'light.hallway')).toMatchObject({ onOff: { onOff: false } });
    device(sim, 'light.hallway').send({ type: 'LIGHT.TURN_ON', brightness: 255 });
    expect(attributesOf(sim, 'light.hallway')).toEqual({ onOff: { onOff: true }, levelControl: { currentLevel: 254 } });
    expect([levelOf(0), levelOf(128), levelOf(255)]).toEqual([1, 127, 254]);
    expect([levelToPercent(1), levelToPercent(127), levelToPercent(254)]).toEqual([1, 50, 100]);
  });

  it('a cover: Matter counts lift from open (0) to closed (10,000), the twin counts open percent', () => {
    expect([liftOf(100), liftOf(0), liftOf(25), liftOf(140), liftOf(-5)]).toEqual([0, 10_000, 7_500, 0, 10_000]);
    expect([openPercentOf(0), openPercentOf(10_000), openPercentOf(7_500)]).toEqual([100, 0, 25]);
    const sim = home();
    const closed = attributesOf(sim, 'cover.living_room_window').windowCovering!;
    expect(closed).toMatchObject({ currentPositionLiftPercent100ths: 10_000, operationalStatus: { global: WindowCovering.MovementStatus.Stopped } });
    device(sim, 'cover.living_room_window').send({ type: 'COVER.OPEN' });
    expect(attributesOf(sim, 'cover.living_room_window').windowCovering).toMatchObject({
      targetPositionLiftPercent100ths: 0, operationalStatus: { global: WindowCovering.MovementStatus.Opening },
    });
  });

  it('a lock: locked, unlocked and jammed', () => {
    const sim = home();
    expect(attributesOf(sim, 'lock.front_door')).toEqual({ doorLock: { lockState: DoorLock.LockState.Locked } });
    device(sim, 'lock.front_door').send({ type: 'DOOR.UNLOCK', by: 'test' });
    expect(attributesOf(sim, 'lock.front_door')).toEqual({ doorLock: { lockState: DoorLock.LockState.Unlocked } });
  });

  it('alarms: a leak is BooleanState true, smoke is a critical SmokeAlarm, a door contact is true while closed', () => {
    const sim = home([{ type: 'binary_sensor', entityId: 'binary_sensor.front_door_contact', deviceClass: 'door' }]);
    expect(attributesOf(sim, 'binary_sensor.kitchen_leak')).toEqual({ booleanState: { stateValue: false } });
    expect(attributesOf(sim, 'binary_sensor.front_door_contact')).toEqual({ booleanState: { stateValue: true } });
    for (const id of ['binary_sensor.kitchen_leak', 'binary_sensor.smoke', 'binary_sensor.front_door_contact']) device(sim, id).send({ type: 'SENSOR.DETECTED' });
    expect(attributesOf(sim, 'binary_sensor.kitchen_leak')).toEqual({ booleanState: { stateValue: true } });
    expect(attributesOf(sim, 'binary_sensor.smoke')).toEqual({ smokeCoAlarm: { smokeState: SmokeCoAlarm.AlarmState.Critical, expressedState: SmokeCoAlarm.ExpressedState.SmokeAlarm } });
    expect(attributesOf(sim, 'binary_sensor.front_door_contact')).toEqual({ booleanState: { stateValue: false } });
  });

  it('a thermostat: the room temperature and the target in hundredths of a degree, and the HVAC mode', () => {
    const sim = home();
    device(sim, 'climate.bedroom').send({ type: 'CLIMATE.SET_TEMPERATURE', targetTemperature: 21.5, hvacMode: 'heat' });
    const thermostat = attributesOf(sim, 'climate.bedroom').thermostat!;
    expect(thermostat).toMatchObject({ systemMode: Thermostat.SystemMode.Heat, occupiedHeatingSetpoint: 2150, occupiedCoolingSetpoint: 2150 });
    expect(Number.isInteger(thermostat.localTemperature)).toBe(true);
  });

  it('the wallbox: not plugged in, then charging, with its power limit as a current at 230 V', () => {
    expect([kwToMilliamps(11), milliampsToKw(16_000), milliampsToKw(kwToMilliamps(7.4))]).toEqual([47_826, 3.68, 7.4]);
    const sim = home();
    expect(attributesOf(sim, 'evse.wallbox').energyEvse).toMatchObject({ state: EnergyEvse.State.NotPluggedIn, sessionId: null });
    device(sim, 'evse.wallbox').send({ type: 'EVSE.PLUG_IN' });
    device(sim, 'evse.wallbox').send({ type: 'EVSE.SET_POWER_LIMIT', powerLimitKw: 7.4 });
    device(sim, 'evse.wallbox').send({ type: 'EVSE.START_CHARGING' });
    expect(attributesOf(sim, 'evse.wallbox').energyEvse).toEqual({
      state: EnergyEvse.State.PluggedInCharging, supplyState: EnergyEvse.SupplyState.ChargingEnabled, maximumChargeCurrent: 32_174, sessionId: 1,
    });
  });

  it('merges fixed and live attributes cluster by cluster', () => {
    expect(mergePatches({ doorLock: { lockType: 0, lockState: 0 } }, { doorLock: { lockState: 1 }, onOff: { onOff: true } })).toEqual({ doorLock: { lockType: 0, lockState: 1 }, onOff: { onOff: true } });
  });
});

describe('Matter setup codes', () => {
  it('refuses the passcodes the specification forbids and accepts the rest', () => {
    for (const bad of [0, 11111111, 99999999, 12345678, 87654321, 100000000, -1, 1.5]) expect(isValidPasscode(bad), String(bad)).toBe(false);
    for (const good of [1, 20202021, 99999998]) expect(isValidPasscode(good), String(good)).toBe(true);
    expect([isValidDiscriminator(0), isValidDiscriminator(4095), isValidDiscriminator(4096), isValidDiscriminator(-1)]).toEqual([true, true, false, false]);
  });
});
