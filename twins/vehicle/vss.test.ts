import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { MS_PER_HOUR } from './battery-physics';
import { bodyMachine } from './body.machine';
import { cabinHvacMachine } from './cabin-hvac.machine';
import { driveMachine } from './drive.machine';
import { tiresMachine } from './tires.machine';
import { tractionBatteryMachine } from './traction-battery.machine';
import { doorSignalPath, tirePressurePath, vehicleSignals, VSS, type VssPath } from './vss';

function vehicle() {
  const clock = new SimulatedClock();
  const vehicleId = 'ev-1';
  const battery = createActor(tractionBatteryMachine, { clock, input: { vehicleId, capacityKwh: 75, socPercent: 40, consumptionKwhPer100Km: 15 } }).start();
  const body = createActor(bodyMachine, { clock, input: { vehicleId } }).start();
  const hvac = createActor(cabinHvacMachine, { clock, input: { vehicleId, ambientTemperature: 30, targetTemperature: 22 } }).start();
  const drive = createActor(driveMachine, { clock, input: { vehicleId, latitude: 31.23, longitude: 121.47, odometerKm: 100 } }).start();
  const tires = createActor(tiresMachine, { clock, input: { vehicleId, pressuresKpa: { 'Row2.Right': 210 } } }).start();
  const signals = (t: number) =>
    vehicleSignals({ battery: battery.getSnapshot(), body: body.getSnapshot(), hvac: hvac.getSnapshot(), drive: drive.getSnapshot(), tires: tires.getSnapshot() }, t);
  return { clock, battery, body, hvac, drive, signals };
}

describe('VSS mapping', () => {
  it('names per-door and per-wheel paths the VSS 4 way', () => {
    expect(doorSignalPath('Row1.DriverSide', 'IsLocked')).toBe('Vehicle.Cabin.Door.Row1.DriverSide.IsLocked');
    expect(doorSignalPath('Row2.PassengerSide', 'Window.Position')).toBe('Vehicle.Cabin.Door.Row2.PassengerSide.Window.Position');
    expect(tirePressurePath('Row1.Left')).toBe('Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure');
  });

  it('reports a parked, locked car', () => {
    const { signals } = vehicle();
    const s = signals(0);
    expect(s[VSS.stateOfCharge]).toBe(40);
    expect(s[VSS.range]).toBe(200_000); // 30 kWh at 15 kWh/100 km, in metres
    expect(s[VSS.isCharging]).toBe(false);
    expect(s[VSS.isChargingCableConnected]).toBe(false);
    expect(s['Vehicle.Cabin.Door.Row1.DriverSide.IsLocked']).toBe(true);
    expect(s['Vehicle.Cabin.Door.Row1.DriverSide.Window.Position']).toBe(0);
    expect(s[VSS.trunkIsLocked]).toBe(true);
    expect(s['Vehicle.Chassis.Axle.Row2.Wheel.Right.Tire.Pressure']).toBe(210);
    expect(s[VSS.latitude]).toBe(31.23);
    expect(s[VSS.speed]).toBe(0);
    expect(s[VSS.traveledDistance]).toBe(100);
    expect(s[VSS.cabinTemperature]).toBe(30);
    expect(s[VSS.driverSetpoint]).toBe(22);
    // Every door × signal and every wheel is present: 19 fixed + 12 door + 4 tire signals.
    expect(Object.keys(s)).toHaveLength(Object.keys(VSS).length + 12 + 4);
  });

  it('evaluates charging and cabin temperature lazily at the requested time', () => {
    const { battery, hvac, signals } = vehicle();
    battery.send({ type: 'CHARGING.PLUG_IN', at: 0, chargerPowerLimitKw: 7.5 });
    battery.send({ type: 'CHARGING.START', at: 0 });
    hvac.send({ type: 'HVAC.TURN_ON', at: 0 });
    const s = signals(MS_PER_HOUR);
    expect(s[VSS.isCharging]).toBe(true);
    expect(s[VSS.isChargingCableConnected]).toBe(true);
    expect(s[VSS.stateOfCharge]).toBe(50);
    expect(s[VSS.currentPower]).toBe(7500);
    expect(s[VSS.chargeRate]).toBe(50); // 7.5 kW at 15 kWh/100 km
    expect(s[VSS.timeToComplete]).toBe(3 * 3600); // 80 % limit: 30 % of 75 kWh left at 7.5 kW
    expect(s[VSS.cabinTemperature]).toBe(22);
  });

  it('reports speed only while driving', () => {
    const { drive, signals } = vehicle();
    drive.send({ type: 'TRIP.START', at: 0, tripId: 't' });
    drive.send({ type: 'TRIP.PROGRESS', at: 1000, tripId: 't', distanceKm: 0.01, energyKwh: 0.002, speedKmh: 36, latitude: 31.24, longitude: 121.47 });
    const s: Record<VssPath, unknown> = signals(1000);
    expect(s[VSS.speed]).toBe(36);
    expect(s[VSS.latitude]).toBe(31.24);
  });
});
