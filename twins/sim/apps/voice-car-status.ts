// The speaker's answers about the car (seed §2.2, "status query": tyre pressure, charge, door/window lock state,
// ETA), worded from the car's live status as the home ecosystem names it (car-app.ts statusAttributes). Every
// answer carries the numbers or states it is based on, so a scenario can check them against the car's VSS state.
import type { Intent } from '../ecosystem-codec';
import type { IntentName } from '../intents/grammar';

export function isCarStatusIntent(intent: IntentName): boolean {
  return intent.startsWith('car.status.');
}

const WINDOWS = ['driver_window_position', 'passenger_window_position', 'rear_left_window_position', 'rear_right_window_position'];
const DOORS = ['driver_door_locked', 'passenger_door_locked', 'rear_left_door_locked', 'rear_right_door_locked'];

export function describeCarStatus(intent: IntentName, a: Intent['attributes']): string {
  const soc = Math.round(Number(a.battery_level));
  switch (intent) {
    case 'car.status.tyres': {
      const p = ['tire_pressure_front_left', 'tire_pressure_front_right', 'tire_pressure_rear_left', 'tire_pressure_rear_right'].map((k) => a[k]);
      return `Tyre pressures are ${p.join(', ')} kPa`;
    }
    case 'car.status.range':
      return `Range is ${String(a.range_km)} km with the battery at ${soc} %`;
    case 'car.status.lock': {
      const unlocked = DOORS.filter((k) => a[k] === false).length;
      return unlocked === 0 ? 'Your car is locked' : `Your car is unlocked (${unlocked} of ${DOORS.length} doors)`;
    }
    case 'car.status.windows': {
      const open = Math.max(0, ...WINDOWS.map((k) => Number(a[k] ?? 0)));
      return open === 0 ? "Your car's windows are closed" : `A window of your car is ${open} % open`;
    }
    case 'car.status.charging':
      return a.charging === true ? `Your car is charging, the battery is at ${soc} %` : `Your car is not charging, the battery is at ${soc} %`;
    case 'car.status.location': {
      const moving = Number(a.speed ?? 0) > 0;
      // Three decimals (about 100 m): enough to find the car, less than the car knows (seed §5(4), minimisation).
      return `Your car is ${moving ? 'driving' : 'parked'} at ${Number(a.latitude).toFixed(3)}, ${Number(a.longitude).toFixed(3)}`;
    }
    default: {
      const eta = Number(a.eta_minutes);
      return eta > 0 ? `Arriving in ${eta} minutes` : 'The car is parked';
    }
  }
}
