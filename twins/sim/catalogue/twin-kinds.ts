// Every kind of twin a scenario can address, with the names its machine defines: the events it accepts
// (`setState`), its states, and the paths of its context (`state` checks). Read from the machines the simulation
// builds (twins/home/devices, twins/vehicle) with the inputs it builds them with, so nothing here can drift.
// VSS paths come from the vehicle's own VSS mapping, evaluated on a freshly built car.
import type { AnyStateMachine } from 'xstate';
import { getInitialSnapshot } from 'xstate';
import { deviceMachines, type DeviceType } from '../../home/devices';
import { screenMachine } from '../../home/screen.machine';
import { vehicleMachines, vehicleSignals, type VehiclePart, type VehicleSnapshots } from '../../vehicle';
import { BATTERY_V2H_CONTEXT_KEYS } from '../../vehicle/battery-physics';
import { deviceInput } from '../home-twin';
import { vehiclePartInputs } from '../vehicle-twin';
import { acceptedEvents, contextShape, statePaths, type ContextShape } from './machine-names';

export interface TwinKindNames {
  /** `lock`, `climate` … for home devices; `battery`, `drive` … for vehicle parts; `phone` for a phone's screen. */
  kind: string;
  events: readonly string[];
  states: readonly string[];
  context: ContextShape;
}

const SAMPLE_VEHICLE = { id: 'catalogue', batteryKwh: 75, socPercent: 80 };
const SAMPLE_START = { lat: 0, lon: 0 };

function namesOf(kind: string, machine: AnyStateMachine, input: unknown): TwinKindNames {
  return { kind, events: acceptedEvents(machine), states: statePaths(machine), context: contextShape(machine, input) };
}

function build(): { devices: Map<string, TwinKindNames>; vehicleParts: Map<string, TwinKindNames>; phone: TwinKindNames } {
  const devices = new Map<string, TwinKindNames>();
  for (const [type, machine] of Object.entries(deviceMachines) as [DeviceType, AnyStateMachine][]) {
    // A binary sensor's context carries its device class; any class gives the same paths.
    const input = deviceInput({ entityId: `${type}.catalogue`, ...(type === 'binary_sensor' ? { deviceClass: 'moisture' } : {}) });
    // A bidirectional wallbox (V2H) has every field of a charge-only one and its discharge fields besides.
    devices.set(type, namesOf(type, machine, type === 'evse' ? { ...input, maxDischargeKw: 7.2 } : input));
  }
  const inputs = vehiclePartInputs(SAMPLE_VEHICLE, SAMPLE_START);
  const vehicleParts = new Map<string, TwinKindNames>();
  for (const [part, machine] of Object.entries(vehicleMachines) as [VehiclePart, AnyStateMachine][]) {
    vehicleParts.set(part, namesOf(part, machine, inputs[part]));
  }
  // The battery's discharge fields appear only once it feeds a home: known here all the same.
  for (const key of BATTERY_V2H_CONTEXT_KEYS) vehicleParts.get('battery')!.context.set(key, 'leaf');
  const phone = namesOf('phone', screenMachine, { entityId: 'phone/catalogue/screen' });
  return { devices, vehicleParts, phone };
}

let built: ReturnType<typeof build> | undefined;
const catalogue = (): ReturnType<typeof build> => (built ??= build());

/** Names of a home device type (`lock`), or undefined for a type the home does not know. */
export function deviceKindNames(type: string): TwinKindNames | undefined {
  return Object.hasOwn(deviceMachines, type) ? catalogue().devices.get(type) : undefined;
}

/** Names of each part of a vehicle (`battery`, `drive`, `screen` …), in the order the twin builds them. */
export function vehiclePartNames(): ReadonlyMap<string, TwinKindNames> {
  return catalogue().vehicleParts;
}

/** The part a bare `vehicle/<id>` address reaches (Simulation.twin): its drive. */
export const VEHICLE_DEFAULT_PART: VehiclePart = 'drive';

export function phoneNames(): TwinKindNames {
  return catalogue().phone;
}

let vss: readonly string[] | undefined;

/** Every VSS signal path the vehicle reports (Vehicle.Speed, Vehicle.Cabin.Door.Row1.DriverSide.IsLocked …). */
export function vssSignalPaths(): readonly string[] {
  if (vss === undefined) {
    const inputs = vehiclePartInputs(SAMPLE_VEHICLE, SAMPLE_START);
    const snapshot = (part: VehiclePart): unknown => getInitialSnapshot(vehicleMachines[part] as AnyStateMachine, inputs[part]);
    const snapshots = {
      battery: snapshot('battery'), body: snapshot('body'), hvac: snapshot('hvac'), drive: snapshot('drive'), tires: snapshot('tires'),
    } as VehicleSnapshots;
    vss = Object.keys(vehicleSignals(snapshots, 0)).sort();
  }
  return vss;
}
