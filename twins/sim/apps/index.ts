// The standard apps every simulation runs: the car's head unit, the home's automations and the phone.
import type { Simulation } from '../simulation';
import { DEFAULT_GRID, type GridSpec } from './grid';
import { CarApp } from './car-app';
import { HomeAutomations } from './home-automations';
import { ChargingApp } from './charging-app';
import { PhoneApp } from './phone-app';
import { VoiceAssistant } from './voice-assistant';
import { Attacker } from './attacker';
import { PrecoolPlanner } from './precool';
import { EveningMode } from './evening-mode';
import { MediaApp } from './media';
import { OccupantConsent } from './occupant-consent';
import { V2hApp } from './v2h-app';
import { AccountApp } from './account-app';

export interface StandardApps {
  car: CarApp;
  home: HomeAutomations;
  phone: PhoneApp;
  voice: VoiceAssistant;
  charging: ChargingApp;
  precool: PrecoolPlanner;
  evening: EveningMode;
  media: MediaApp;
  consent: OccupantConsent;
  v2h: V2hApp;
  account: AccountApp;
}

export function installStandardApps(sim: Simulation, grid: GridSpec = DEFAULT_GRID): StandardApps {
  const car = new CarApp(sim);
  const home = new HomeAutomations(sim, car);
  const phone = new PhoneApp(sim);
  const voice = new VoiceAssistant(sim);
  const charging = new ChargingApp(sim, grid);
  const media = new MediaApp(sim);
  const consent = new OccupantConsent(sim);
  const precool = new PrecoolPlanner(sim);
  const evening = new EveningMode(sim, precool);
  const v2h = new V2hApp(sim, grid, charging);
  const account = new AccountApp(sim, sim.spec.accounts ?? []);
  sim.use(car).use(home).use(phone).use(voice).use(charging).use(media).use(consent).use(precool).use(v2h).use(account);
  // Predictions are made once every app listens (a prediction for now acts at once).
  evening.start();
  return { car, home, phone, voice, charging, media, consent, precool, evening, v2h, account };
}

export { AccountApp, Attacker, CarApp, ChargingApp, EveningMode, HomeAutomations, MediaApp, OccupantConsent, PhoneApp, PrecoolPlanner, V2hApp, VoiceAssistant };
export { ATTACK_KINDS, type AttackKind, type AttackOrder } from './attacker';
export * from './grid';
export * from './grid-monitor';
