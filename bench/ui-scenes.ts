// The scenes the UI benchmark opens in the live app: a 1,000-car neighbourhood whose cars all set off for work at
// once (written as a scenario file to a temporary folder the bench's server serves, so no protocol command is
// needed), and a steady stream of car–home round trips pushed through the engine's real path (bus → batcher →
// WebSocket), changing at every hop as virtual time runs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioRun } from '../engine/runner/scenario-run';
import { roundTripCommand } from './round-trips';

export const CITY_SCENARIO = 'bench-city-1000';

/**
 * A 1,000-home, 1,000-car neighbourhood (like bench/neighbourhood-day.ts's world) where every car drives to work at
 * 07:30 plus a second: a commute across a generated town takes minutes of virtual time, so at a few times real
 * speed every car is still moving while the map is measured. Returns the catalogue handle of the file.
 */
export function writeCityScenario(dir: string, cars = 1000): string {
  const ids = Array.from({ length: cars }, (_, i) => i + 1);
  const scenario = {
    scenario: CITY_SCENARIO,
    title: `UI benchmark — ${cars} cars commuting`,
    seed: 1,
    architectures: ['cloud-cloud'],
    startTime: '07:30',
    duration: '2h',
    map: { generate: { workplaces: Math.max(4, Math.ceil(cars / 100)) } },
    entities: {
      users: ids.map((i) => ({ id: `u${i}`, home: `h${i}`, vehicle: `car${i}`, preferences: { temperature: 24, lighting: 'soft' } })),
      homes: ids.map((i) => ({ id: `h${i}`, devices: 'standard' })),
      vehicles: ids.map((i) => ({ id: `car${i}`, owner: `u${i}`, home: `h${i}`, at: 'home' })),
    },
    steps: ids.map((i) => ({ id: `drive-${i}`, at: '1s', do: { drive: { vehicle: `car${i}`, to: 'work' } } })),
    expect: [],
    // A load test checks nothing, and says so: the loader refuses a scene that checks nothing without it.
    verdict: 'none',
  };
  // JSON is YAML: the scenario loader reads it as any other scenario file.
  writeFileSync(join(dir, `${CITY_SCENARIO}.yaml`), JSON.stringify(scenario));
  return `${dir.split(/[\\/]/).pop()}/${CITY_SCENARIO}.yaml`;
}

/**
 * Starts `count` round trips (bench/round-trips.ts) from the scene's first car to devices of its home — a command
 * out through the clouds, the device's state change, the response back — numbered from `from`. Each is two messages
 * in the flow view, and each of those changes at every hop while virtual time runs, as in any live run.
 */
export function sendRoundTrips(run: ScenarioRun, count: number, from: number): void {
  const sim = run.sim;
  const vehicle = [...sim.vehicles.values()][0]!;
  const homeId = vehicle.spec.homeId!;
  for (let i = from; i < from + count; i++) {
    const { device, intent } = roundTripCommand(i);
    sim.sendFromCar(vehicle.id, `home/${homeId}/${device}`, intent, 'command');
  }
}

/**
 * Start `perTick` car–home round trips every 50 ms (the UI bench's tick), advancing the virtual clock by `advanceMs`
 * each tick when given (else the session's pacer runs the clock as in any live run). Returns the stop function.
 */
/** The UI bench's feeding tick. */
export const TICK_MS = 50;

export function sendRoundTripsEvery50ms(run: ScenarioRun, perTick: number, advanceMs?: number): () => void {
  let started = 0;
  const timer = setInterval(() => {
    sendRoundTrips(run, perTick, started);
    started += perTick;
    if (advanceMs !== undefined) run.sim.kernel.clock.runUntil(run.sim.now + advanceMs);
  }, TICK_MS);
  return () => clearInterval(timer);
}
