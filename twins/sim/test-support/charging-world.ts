// A small neighbourhood for the charging planner's unit tests: n homes with a car each, the charging app on a grid
// of the test's choosing, and a log of what the energy manager did — every wallbox limit it commanded (with the
// minute it was sent) and every replan it scheduled — so tests can assert exact kilowatts and exact times.
import { vi } from 'vitest';
import { ChargingApp } from '../apps/charging-app';
import type { Intent } from '../ecosystem-codec';
import { DEFAULT_GRID, type GridSpec } from '../apps/grid';
import { Simulation } from '../simulation';
import type { VehicleSpec } from '../spec';
import { standardHomeDevices } from '../standard-home';

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export interface LimitCommand {
  /** Virtual minutes since t = 0 when the command was sent. */
  minute: number;
  evse: string;
  kw: number;
  /** The rest of the call, for the tests that check the command itself. */
  source: string;
  intent: Intent;
  kind: string;
}

export interface ChargingWorld {
  sim: Simulation;
  charging: ChargingApp;
  /** Every message sent from a home party while the test ran (all of them the app's, in these worlds), in order. */
  commands: LimitCommand[];
  /** Every energy-manager tick scheduled: when (ms) and after what delay (ms). */
  ticks: { at: number; delayMs: number }[];
  /** Run the clock to a virtual minute. */
  until(minute: number): void;
  /** The commands sent so far as `minute evse kW` strings (compact, exact). */
  log(): string[];
}

export interface ChargingWorldOptions {
  homes?: number;
  /** Cars, the i-th (from 1) at home ((i − 1) mod homes) + 1; as many as homes by default. */
  cars?: number;
  /** The homes' brand (their cloud is home-cloud/<brand>). */
  brand?: string;
  /** Time of day at t = 0 in ms (undefined: the spec leaves it out, i.e. midnight). */
  startTimeOfDayMs?: number;
  socPercent?: number;
  /** Per car (by index), what differs from a 75 kWh pack at `socPercent`. */
  carSpecs?: Partial<Pick<VehicleSpec, 'batteryKwh' | 'socPercent'>>[];
  grid?: Partial<GridSpec>;
}

export function chargingWorld(o: ChargingWorldOptions = {}): ChargingWorld {
  const ids = Array.from({ length: o.homes ?? 1 }, (_, i) => i + 1);
  const sim = new Simulation({
    seed: 5, architecture: 'cloud-cloud', retainEventLines: false,
    ...(o.startTimeOfDayMs === undefined ? {} : { startTimeOfDayMs: o.startTimeOfDayMs }),
    map: { kind: 'generate', options: { homes: ids.length } },
    homes: ids.map((i) => ({ id: `h${i}`, devices: standardHomeDevices(), ...(o.brand === undefined ? {} : { brand: o.brand }) })),
    vehicles: Array.from({ length: o.cars ?? ids.length }, (_, i) => ({
      id: `ev${i + 1}`, homeId: `h${(i % ids.length) + 1}`, at: 'home', socPercent: o.socPercent ?? 40, ...o.carSpecs?.[i],
    })),
  });
  const charging = new ChargingApp(sim, { ...DEFAULT_GRID, ...o.grid });
  sim.use(charging);
  const commands: LimitCommand[] = [];
  const send = sim.sendFromHome.bind(sim);
  vi.spyOn(sim, 'sendFromHome').mockImplementation((source, destination, intent, kind, options) => {
    commands.push({ minute: sim.now / MINUTE, evse: destination, kw: Number(intent.attributes.power_limit_kw), source, intent, kind });
    return send(source, destination, intent, kind, options);
  });
  const ticks: { at: number; delayMs: number }[] = [];
  const schedule = sim.kernel.scheduler.schedule.bind(sim.kernel.scheduler);
  vi.spyOn(sim.kernel.scheduler, 'schedule').mockImplementation((delayMs, fn, label) => {
    if (label === 'energy-manager') ticks.push({ at: sim.now, delayMs });
    return schedule(delayMs, fn, label);
  });
  return {
    sim, charging, commands, ticks,
    until: (minute) => sim.kernel.clock.runUntil(minute * MINUTE),
    log: () => commands.map((c) => `${c.minute} ${c.evse.split('/')[1]} ${c.kw}`),
  };
}
