// The standard apps every simulation runs: the car's head unit, the home's automations and the phone.
import type { Simulation } from '../simulation';
import { CarApp } from './car-app';
import { HomeAutomations } from './home-automations';
import { PhoneApp } from './phone-app';

export interface StandardApps {
  car: CarApp;
  home: HomeAutomations;
  phone: PhoneApp;
}

export function installStandardApps(sim: Simulation): StandardApps {
  const car = new CarApp(sim);
  const home = new HomeAutomations(sim, car);
  const phone = new PhoneApp(sim);
  sim.use(car).use(home).use(phone);
  return { car, home, phone };
}

export { CarApp, HomeAutomations, PhoneApp };
