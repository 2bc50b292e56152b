// The vehicle twin seen as COVESA VSS 4.x signals: the path constants this project uses, and the mapping
// from the vehicle machines' snapshots to `Record<VssPath, value>` at a virtual time `t`. The lazily folded
// quantities (SoC, range, cabin temperature) are evaluated at `t`, so a status query between events still
// reads the value the car would report then. Units are VSS's: percent, kWh, W, m, km, km/h, °C, kPa, degrees.
import type { SnapshotFrom } from 'xstate';
import { chargeRateKmPerHour, energyStoredKwhAt, rangeKmAt, stateOfChargeAt } from './battery-physics';
import { DOOR_POSITIONS, type bodyMachine, type DoorPosition } from './body.machine';
import type { cabinHvacMachine } from './cabin-hvac.machine';
import { cabinTemperatureAt } from './cabin-thermal';
import type { driveMachine } from './drive.machine';
import { WHEEL_POSITIONS, type tiresMachine, type WheelPosition } from './tires.machine';
import type { tractionBatteryMachine } from './traction-battery.machine';

const BATTERY = 'Vehicle.Powertrain.TractionBattery';

/** VSS paths of the signals the vehicle twin reports (fixed ones; per-door and per-wheel ones via functions). */
export const VSS = {
  stateOfCharge: `${BATTERY}.StateOfCharge.Current`,
  stateOfChargeEnergy: `${BATTERY}.StateOfCharge.CurrentEnergy`,
  netCapacity: `${BATTERY}.NetCapacity`,
  currentPower: `${BATTERY}.CurrentPower`,
  isCharging: `${BATTERY}.Charging.IsCharging`,
  isChargingCableConnected: `${BATTERY}.Charging.IsChargingCableConnected`,
  chargeLimit: `${BATTERY}.Charging.ChargeLimit`,
  chargeRate: `${BATTERY}.Charging.ChargeRate`,
  timeToComplete: `${BATTERY}.Charging.TimeToComplete`,
  range: 'Vehicle.Powertrain.Range',
  trunkIsOpen: 'Vehicle.Body.Trunk.Rear.IsOpen',
  trunkIsLocked: 'Vehicle.Body.Trunk.Rear.IsLocked',
  cabinTemperature: 'Vehicle.Cabin.HVAC.AmbientAirTemperature',
  driverSetpoint: 'Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature',
  exteriorTemperature: 'Vehicle.Exterior.AirTemperature',
  latitude: 'Vehicle.CurrentLocation.Latitude',
  longitude: 'Vehicle.CurrentLocation.Longitude',
  speed: 'Vehicle.Speed',
  traveledDistance: 'Vehicle.TraveledDistance',
} as const;

export type DoorSignal = 'IsLocked' | 'IsOpen' | 'Window.Position';
export type DoorSignalPath = `Vehicle.Cabin.Door.${DoorPosition}.${DoorSignal}`;
type AxleWheel<W extends string> = W extends `${infer Row}.${infer Side}` ? `${Row}.Wheel.${Side}` : never;
export type TirePressurePath = `Vehicle.Chassis.Axle.${AxleWheel<WheelPosition>}.Tire.Pressure`;
export type VssPath = (typeof VSS)[keyof typeof VSS] | DoorSignalPath | TirePressurePath;
export type VssValue = number | boolean;

/** `Vehicle.Cabin.Door.Row1.DriverSide.IsLocked` and friends. */
export function doorSignalPath(door: DoorPosition, signal: DoorSignal): DoorSignalPath {
  return `Vehicle.Cabin.Door.${door}.${signal}`;
}

/** `Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure` and friends. */
export function tirePressurePath(wheel: WheelPosition): TirePressurePath {
  const [row, side] = wheel.split('.') as [string, string];
  return `Vehicle.Chassis.Axle.${row}.Wheel.${side}.Tire.Pressure` as TirePressurePath;
}

export interface VehicleSnapshots {
  battery: SnapshotFrom<typeof tractionBatteryMachine>;
  body: SnapshotFrom<typeof bodyMachine>;
  hvac: SnapshotFrom<typeof cabinHvacMachine>;
  drive: SnapshotFrom<typeof driveMachine>;
  tires: SnapshotFrom<typeof tiresMachine>;
}

const round = (value: number, decimals: number): number => {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
};

/** Every VSS signal of the vehicle at virtual time `t`. Keys are inserted in a fixed order. */
export function vehicleSignals(snapshots: VehicleSnapshots, t: number): Record<VssPath, VssValue> {
  const battery = snapshots.battery.context;
  const charging = snapshots.battery.matches({ plugged: { charging: 'active' } });
  const hvac = snapshots.hvac.context;
  const drive = snapshots.drive.context;
  const signals: Partial<Record<VssPath, VssValue>> = {
    [VSS.stateOfCharge]: round(stateOfChargeAt(battery, t), 2),
    [VSS.stateOfChargeEnergy]: round(energyStoredKwhAt(battery, t), 3),
    [VSS.netCapacity]: battery.capacityKwh,
    [VSS.currentPower]: Math.round(battery.chargingPowerKw * 1000),
    [VSS.isCharging]: charging,
    [VSS.isChargingCableConnected]: snapshots.battery.matches('plugged'),
    [VSS.chargeLimit]: Math.round(battery.targetSocPercent),
    [VSS.chargeRate]: round(chargeRateKmPerHour(battery), 1),
    [VSS.timeToComplete]: charging && battery.chargeCompletesAt !== null
      ? Math.max(0, Math.ceil((battery.chargeCompletesAt - t) / 1000)) : 0,
    [VSS.range]: Math.round(rangeKmAt(battery, t) * 1000),
  };
  for (const door of DOOR_POSITIONS) {
    const state = snapshots.body.context.doors[door];
    signals[doorSignalPath(door, 'IsLocked')] = state.isLocked;
    signals[doorSignalPath(door, 'IsOpen')] = state.isOpen;
    signals[doorSignalPath(door, 'Window.Position')] = state.windowPosition;
  }
  signals[VSS.trunkIsOpen] = snapshots.body.context.trunk.isOpen;
  signals[VSS.trunkIsLocked] = snapshots.body.context.trunk.isLocked;
  signals[VSS.cabinTemperature] = round(cabinTemperatureAt(hvac, t), 1);
  signals[VSS.driverSetpoint] = hvac.targetTemperature;
  signals[VSS.exteriorTemperature] = hvac.ambientTemperature;
  for (const wheel of WHEEL_POSITIONS) signals[tirePressurePath(wheel)] = snapshots.tires.context.pressuresKpa[wheel];
  signals[VSS.latitude] = drive.latitude;
  signals[VSS.longitude] = drive.longitude;
  signals[VSS.speed] = snapshots.drive.matches('driving') ? drive.speedKmh : 0;
  signals[VSS.traveledDistance] = round(drive.odometerKm, 1);
  return signals as Record<VssPath, VssValue>;
}
