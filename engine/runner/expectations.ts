// The expectations a run is judged by. Event-based ones (within, never, eventually) watch the canonical stream as
// it happens; state ones look at a twin at a given virtual time; metric ones are checked against the final
// metrics. Every verdict carries a detail that says what was observed, so a red CI line is actionable.
import type { SimEvent } from '../../twins/kernel/event-log';
import type { Simulation } from '../../twins/sim/simulation';
import { toJson } from '../../twins/sim/to-json';
import { canonicalJson } from '../../twins/kernel/canonical-json';
import type { Expectation } from '../scenario';
import { describePattern, matchesEvent } from './event-matcher';
import type { ExpectationResult } from './result';

type Check = (metrics: Record<string, number>) => ExpectationResult;

export class ExpectationMonitor {
  private readonly checks: Check[] = [];
  private readonly listeners: ((event: SimEvent) => void)[] = [];

  constructor(private readonly sim: Simulation, expectations: Expectation[], private readonly stepFiredAt: (step: string) => number | undefined, private readonly endTime: number) {
    for (const e of expectations) this.add(e);
    sim.kernel.events.onEvent((event) => {
      for (const listener of this.listeners) listener(event);
    });
  }

  evaluate(metrics: Record<string, number>): ExpectationResult[] {
    return this.checks.map((check) => check(metrics));
  }

  private add(e: Expectation): void {
    const base = { id: e.id, kind: e.kind, ...(e.description !== undefined ? { description: e.description } : {}) };
    const result = (passed: boolean, detail: string): ExpectationResult => ({ ...base, passed, detail });
    switch (e.kind) {
      case 'within': {
        const seen: number[] = [];
        this.listeners.push((ev) => matchesEvent(e.event, ev) && seen.push(ev.t));
        this.checks.push(() => {
          const start = this.stepFiredAt(e.of.step);
          if (start === undefined) return result(false, `step ${e.of.step} never fired, so ${describePattern(e.event)} had no deadline to meet`);
          const first = seen.find((t) => t >= start);
          if (first === undefined) return result(false, `${describePattern(e.event)} never happened after step ${e.of.step} (budget ${e.ms} ms)`);
          const took = Math.round((first - start) * 10) / 10;
          return result(took <= e.ms, `${describePattern(e.event)} ${took} ms after step ${e.of.step} (budget ${e.ms} ms)`);
        });
        return;
      }
      case 'never': {
        let first: SimEvent | undefined;
        this.listeners.push((ev) => first === undefined && matchesEvent(e.event, ev) && (first = ev));
        this.checks.push(() => first === undefined
          ? result(true, `${describePattern(e.event)} never happened`)
          : result(false, `${describePattern(e.event)} happened at t=${Math.round(first.t)} ms (from ${first.source})`));
        return;
      }
      case 'eventually': {
        const by = e.by ?? this.endTime;
        let first: SimEvent | undefined;
        this.listeners.push((ev) => first === undefined && matchesEvent(e.event, ev) && (first = ev));
        this.checks.push(() => first !== undefined && first.t <= by
          ? result(true, `${describePattern(e.event)} at t=${Math.round(first.t)} ms (by ${by} ms)`)
          : result(false, first === undefined ? `${describePattern(e.event)} never happened (by ${by} ms)` : `${describePattern(e.event)} only at t=${Math.round(first.t)} ms, after the deadline ${by} ms`));
        return;
      }
      case 'state': {
        let observed: unknown;
        let looked = false;
        const look = (): void => {
          observed = readTwinPath(this.sim, e.twin, e.path);
          looked = true;
        };
        if (e.at !== undefined) this.sim.kernel.scheduler.scheduleAt(e.at, look, `expect:${e.id}`);
        this.checks.push(() => {
          if (!looked) look();
          const same = canonicalJson(toJson(observed)) === canonicalJson(toJson(e.equals));
          const when = e.at !== undefined ? `at t=${e.at} ms` : 'at the end';
          return result(same, `${e.twin} ${e.path} = ${JSON.stringify(toJson(observed))} ${when} (expected ${JSON.stringify(e.equals)})`);
        });
        return;
      }
      case 'metric':
        this.checks.push((metrics) => {
          const value = metrics[e.name];
          if (value === undefined) return result(false, `no metric named ${e.name}; known: ${Object.keys(metrics).sort().join(', ')}`);
          const bounds: string[] = [];
          let ok = true;
          if (e.lte !== undefined) { bounds.push(`≤ ${e.lte}`); ok &&= value <= e.lte; }
          if (e.gte !== undefined) { bounds.push(`≥ ${e.gte}`); ok &&= value >= e.gte; }
          if (e.eq !== undefined) { bounds.push(`= ${e.eq}`); ok &&= value === e.eq; }
          return result(ok, `${e.name} = ${round(value)} (expected ${bounds.join(' and ')})`);
        });
        return;
    }
  }
}

/**
 * Reads `state`, `context.<dotted path>` or, on a vehicle address, a VSS signal path (`Vehicle.Speed`).
 * Throws with the twin's address when it does not exist, so a typo in a scenario is named.
 */
export function readTwinPath(sim: Simulation, address: string, path: string): unknown {
  const vehicle = /^vehicle\/([^/]+)$/.exec(address);
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

const round = (x: number): number => Math.round(x * 1000) / 1000;
