// "Home mode" (seed §2.2): lights on soft, AC to the driver's preferred temperature, purifier and diffuser on,
// curtains open — the commands the car sends when the driver confirms on approach, built from the unified
// account's preferences and the devices the home actually has. It never opens a window: an empty home with an
// open window is a security and weather risk, and opening one is a critical command of its own. It adapts to the
// weather alerts in force for the home: in a rainstorm every window is shut (closing is always safe); in a heatwave
// the AC precools — cooling mode, a setpoint below the driver's usual one — so the home is bearable on arrival.
import type { Intent } from '../ecosystem-codec';
import type { Simulation } from '../simulation';
import { isWindowCover } from '../../home/cover-kind';
import { driverOrOwner } from '../user-index';

/** Precooling in a heatwave: this much below the driver's preferred temperature, never below the floor. */
const PRECOOL_DELTA_C = 2;
const PRECOOL_FLOOR_C = 20;

/** The setpoint a heatwave precools to for a driver who prefers `preferred` °C. */
export function precoolSetpoint(preferred: number): number {
  return Math.max(PRECOOL_FLOOR_C, preferred - PRECOOL_DELTA_C);
}

export function homeModeIntents(sim: Simulation, homeId: string, vehicleId: string): Intent[] {
  const home = sim.home(homeId);
  const owner = driverOrOwner(sim.users, vehicleId, sim.vehicle(vehicleId).spec.ownerId);
  const prefs = owner?.preferences ?? {};
  const intents: Intent[] = [];
  const entity = (twinId: string): string => twinId.split('/').pop()!;
  for (const light of home.devicesOfType('light')) {
    if (prefs.lighting === 'off') continue;
    const brightness = prefs.lighting === 'bright' ? 100 : 30;
    intents.push({ capability: 'light', name: 'turn_on', deviceId: entity(light.id), attributes: { brightness_pct: brightness, color_temp_kelvin: prefs.lighting === 'bright' ? 4000 : 2700 } });
  }
  const climate = home.devicesOfType('climate')[0];
  const heatwave = home.weatherAlerts.has('heatwave');
  if (climate !== undefined) {
    const preferred = prefs.temperature ?? 24;
    intents.push({
      capability: 'climate', name: 'set_temperature', deviceId: entity(climate.id),
      attributes: heatwave
        ? { temperature: precoolSetpoint(preferred), hvac_mode: 'cool' }
        : { temperature: preferred, hvac_mode: prefs.hvacMode ?? 'cool' },
    });
  }
  for (const fan of home.devicesOfType('fan')) intents.push({ capability: 'fan', name: 'turn_on', deviceId: entity(fan.id), attributes: {} });
  for (const cover of home.devicesOfType('cover')) {
    if (isWindowCover(cover.id)) {
      if (home.weatherAlerts.has('rainstorm') && cover.state !== 'closed') intents.push({ capability: 'cover', name: 'close_cover', deviceId: entity(cover.id), attributes: {} });
      continue;
    }
    intents.push({ capability: 'cover', name: 'open_cover', deviceId: entity(cover.id), attributes: {} });
  }
  return intents;
}
