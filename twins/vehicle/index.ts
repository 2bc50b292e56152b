// Public surface of the vehicle twin: the EV's machines, their lazy physics, the VSS mapping and VINs. The
// car screen is the shared screen machine of twins/home (`carScreenMachine`).
//
// Wiring the simulation does between machines (they never talk to each other directly):
//   drive `energy.consumed`            ⇒ battery `BATTERY.ENERGY_USED`
//   EVSE `evse.power_changed`          ⇒ battery `CHARGING.SET_POWER_LIMIT` (PLUG_IN carries the first value)
//   battery `charging.completed`       ⇒ EVSE `EVSE.EV_POWER_REQUEST { kw: 0 }`
//   sentry `sentry.clip_saved`         ⇒ NAS `STORAGE.SAVE_CLIP`
import { screenMachine } from '../home/screen.machine';
import { bodyMachine } from './body.machine';
import { cabinHvacMachine } from './cabin-hvac.machine';
import { driveMachine } from './drive.machine';
import { sentryMachine } from './sentry.machine';
import { tiresMachine } from './tires.machine';
import { tractionBatteryMachine } from './traction-battery.machine';

export * from './battery-physics';
export * from './body.machine';
export * from './cabin-hvac.machine';
export * from './cabin-thermal';
export * from './drive.machine';
export * from './sentry.machine';
export * from './tires.machine';
export * from './traction-battery.machine';
export * from './vin';
export * from './vss';

/** The car's screen is the same machine as every other screen. */
export const carScreenMachine = screenMachine;

/** The machines one vehicle twin is made of, keyed by part. */
export const vehicleMachines = {
  battery: tractionBatteryMachine,
  body: bodyMachine,
  hvac: cabinHvacMachine,
  drive: driveMachine,
  sentry: sentryMachine,
  tires: tiresMachine,
  screen: carScreenMachine,
} as const;

export type VehiclePart = keyof typeof vehicleMachines;
