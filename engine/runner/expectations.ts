// The expectations of a run, wired to its simulation: the canonical stream, the clock and the twins feed the one
// evaluator (evaluate/evaluator.ts), which the live storyboard and the final verdict both read. This file holds
// no judgement of its own: only the I/O the evaluator is kept free of (listening, scheduling, reading twins).
import type { Simulation } from '../../twins/sim/simulation';
import type { Expectation } from '../scenario';
import { normalizeTwinRef } from '../scenario/twin-refs';
import { Evaluator } from './evaluate/evaluator';
import type { StateReader } from './evaluate/field-matcher';
import type { ExpectationResult } from './result';

export class ExpectationMonitor {
  readonly evaluator: Evaluator;

  constructor(private readonly sim: Simulation, expectations: Expectation[], endTime: number) {
    this.evaluator = new Evaluator(expectations, { endTime, readState: twinReader(sim) });
    sim.kernel.events.onEvent((event) => this.evaluator.observe(event));
    for (const { id, at } of this.evaluator.readingsDue()) sim.kernel.scheduler.scheduleAt(at, () => this.evaluator.read(id, sim.now), `expect:${id}`);
  }

  /** Settle what the passing of time decides (missed deadlines), e.g. on the app's tick. */
  checkTime(): void {
    this.evaluator.advance(this.sim.now);
  }

  /** The final verdict of every expectation. */
  evaluate(metrics: Record<string, number>): ExpectationResult[] {
    return this.evaluator.finish(this.sim.now, metrics);
  }
}

/** readTwinPath over this simulation, accepting the short twin references scenarios use (`h1/lock.front_door`). */
export function twinReader(sim: Simulation): StateReader {
  return (twin, path) => readTwinPath(sim, normalizeTwinRef(twin), path);
}

/**
 * Reads `state`, `context.<dotted path>` or, on a vehicle address, a VSS signal path (`Vehicle.Speed`) or `etaMinutes`.
 * Throws with the twin's address when it does not exist, so a typo in a scenario is named.
 */
export function readTwinPath(sim: Simulation, address: string, path: string): unknown {
  const vehicle = /^vehicle\/([^/]+)$/.exec(address);
  // Not a VSS signal (VSS has no ETA): the minutes to the destination the car reports (unrounded), 0 when parked.
  if (vehicle && path === 'etaMinutes') return sim.vehicle(vehicle[1]!).etaSeconds(sim.now) / 60;
  if (vehicle && path.startsWith('Vehicle.')) return (sim.vehicle(vehicle[1]!).signals(sim.now) as Record<string, unknown>)[path];
  const twin = sim.twin(vehicle ? `${address}/${path.split('.')[0]}` : address) ?? sim.twin(address);
  if (twin === undefined) throw new Error(`expectation names ${address}, but no such twin exists`);
  const parts = path.split('.');
  if (vehicle && parts[0] === twin.kind) parts.shift(); // vehicle/car1 + screen.context.x → the screen part
  if (parts[0] === 'state') return twin.state;
  if (parts[0] === 'context') parts.shift();
  let value: unknown = twin.context;
  for (const key of parts) value = value === null || typeof value !== 'object' ? undefined : (value as Record<string, unknown>)[key];
  return value;
}

