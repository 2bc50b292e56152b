// Two brands used by the brand tests: a carmaker whose cloud nests its data and says doorLock LOCKED/UNLOCKED,
// and a home ecosystem that reports °F and lock_state 1/0 under its own command names.
import type { BrandSpec } from './brand-adapter';

export const VOLTA: BrandSpec = {
  id: 'volta',
  side: 'vehicle',
  schema: {
    keys: { vin: 'vehicleId', service: 'domain', action: 'op', result: 'status' },
    nest: 'body.data',
    fields: { 'Vehicle.Cabin.Door.Row1.DriverSide.IsLocked': 'doorLock', celsius: 'tempC' },
    values: { 'Vehicle.Cabin.Door.Row1.DriverSide.IsLocked': { true: 'LOCKED', false: 'UNLOCKED' } },
    names: { 'home.climate': 'HVAC_HOME', setTemperature: 'SET_TEMP' },
  },
};

export const THERMIA: BrandSpec = {
  id: 'thermia',
  side: 'home',
  schema: {
    keys: { deviceId: 'device', capability: 'type', command: 'cmd', attributes: 'props' },
    fields: { temperature: 'setpointF', current_temperature: 'roomF', state: 'lock_state' },
    values: { state: { locked: 1, unlocked: 0 } },
    units: { temperature: { canonical: 'celsius', brand: 'fahrenheit' }, current_temperature: { canonical: 'celsius', brand: 'fahrenheit' } },
    names: { set_temperature: 'setpoint' },
  },
};
