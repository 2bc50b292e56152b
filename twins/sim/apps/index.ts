// The standard apps every simulation runs: the car's head unit, the home's automations and the phone.
import type { Simulation } from '../simulation';
import { DEFAULT_GRID, type GridSpec } from './grid';
import { CarApp } from './car-app';
import { HomeAutomations } from './home-automations';
import { ChargingApp } from './charging-app';
import { PhoneApp } from './phone-app';
import { VoiceAssistant } from './voice-assistant';
import { Attacker } from './attacker';
import { V2hApp } from './v2h-app';
import { AccountApp } from './account-app';

export interface StandardApps {
  car: CarApp;
  home: HomeAutomations;
  phone: PhoneApp;
  voice: VoiceAssistant;
  charging: ChargingApp;
  v2h: V2hApp;
  account: AccountApp;
}

export function installStandardApps(sim: Simulation, grid: GridSpec = DEFAULT_GRID): StandardApps {
  const car = new CarApp(sim);
  const home = new HomeAutomations(sim, car);
  const phone = new PhoneApp(sim);
  const voice = new VoiceAssistant(sim);
  const charging = new ChargingApp(sim, grid);
  const v2h = new V2hApp(sim, grid, charging);
  const account = new AccountApp(sim, sim.spec.accounts ?? []);
  sim.use(car).use(home).use(phone).use(voice).use(charging).use(v2h).use(account);
  return { car, home, phone, voice, charging, v2h, account };
}

export { AccountApp, Attacker, CarApp, ChargingApp, HomeAutomations, PhoneApp, V2hApp, VoiceAssistant };
export { ATTACK_KINDS, type AttackKind, type AttackOrder } from './attacker';
export * from './grid';
export * from './grid-monitor';
