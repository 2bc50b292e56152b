// The standard apps every simulation runs: the car's head unit, the home's automations and the phone.
import type { Simulation } from '../simulation';
import { DEFAULT_GRID, type GridSpec } from './grid';
import { CarApp } from './car-app';
import { HomeAutomations } from './home-automations';
import { ChargingApp } from './charging-app';
import { PhoneApp } from './phone-app';
import { VoiceAssistant } from './voice-assistant';
import { Attacker } from './attacker';
import { MediaApp } from './media';

export interface StandardApps {
  car: CarApp;
  home: HomeAutomations;
  phone: PhoneApp;
  voice: VoiceAssistant;
  charging: ChargingApp;
  media: MediaApp;
}

export function installStandardApps(sim: Simulation, grid: GridSpec = DEFAULT_GRID): StandardApps {
  const car = new CarApp(sim);
  const home = new HomeAutomations(sim, car);
  const phone = new PhoneApp(sim);
  const voice = new VoiceAssistant(sim);
  const charging = new ChargingApp(sim, grid);
  const media = new MediaApp(sim);
  sim.use(car).use(home).use(phone).use(voice).use(charging).use(media);
  return { car, home, phone, voice, charging, media };
}

export { Attacker, CarApp, ChargingApp, HomeAutomations, MediaApp, PhoneApp, VoiceAssistant };
export { ATTACK_KINDS, type AttackKind, type AttackOrder } from './attacker';
export * from './grid';
export * from './grid-monitor';
