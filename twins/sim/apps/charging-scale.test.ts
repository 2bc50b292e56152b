// The charging scene's cost must grow with the neighbourhood, not with its square. Timing would be flaky on a
// shared machine, so this counts the work instead: how often a home's base load is read and how often a car's
// remaining energy is computed, for a neighbourhood and one four times larger. The quadratic paths this guards
// against — every home's base load summed for every slot of every replan, every car's need recomputed at every
// plug-in of the evening — grow sixteenfold; the linear ones fourfold.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Simulation } from '../simulation';
import { HomeTwin } from '../home-twin';
import { standardHomeDevices } from '../standard-home';
import { ChargingApp } from './charging-app';
import { GridMonitor } from './grid-monitor';
import { DEFAULT_GRID } from './grid';

const HOUR = 3_600_000;

/** An evening of n homes, each with a car that plugs in within 90 minutes after 17:30. */
function evening(homes: number): { baseLoadReads: number; needReads: number; limitCommands: number } {
  const baseLoad = vi.spyOn(HomeTwin.prototype, 'baseLoadKw');
  const need = vi.spyOn(ChargingApp.prototype, 'remainingKwh');
  const ids = Array.from({ length: homes }, (_, i) => i + 1);
  const sim = new Simulation({
    seed: 3, architecture: 'cloud-cloud', retainEventLines: false, startTimeOfDayMs: 17 * HOUR,
    map: { kind: 'generate', options: { homes } },
    homes: ids.map((i) => ({ id: `h${i}`, devices: standardHomeDevices() })),
    vehicles: ids.map((i) => ({ id: `ev${i}`, homeId: `h${i}`, at: 'home' })),
  });
  const grid = { ...DEFAULT_GRID, transformerKva: 5 * homes };
  const charging = new ChargingApp(sim, grid);
  sim.use(charging);
  new GridMonitor(sim, grid);
  charging.setStrategy('coordinated');
  const arrivals = sim.kernel.random.stream('test/plug-in');
  for (const id of ids) sim.kernel.scheduler.schedule(HOUR / 2 + Math.round(arrivals.next() * 1.5 * HOUR), () => charging.plugIn(`ev${id}`, 12));
  sim.kernel.clock.runUntil(6 * HOUR); // past the peak: the first plan that charges
  const counts = { baseLoadReads: baseLoad.mock.calls.length, needReads: need.mock.calls.length, limitCommands: sim.bus.stats().sent };
  baseLoad.mockRestore();
  need.mockRestore();
  return counts;
}

describe('charging peak shaving scales linearly with the neighbourhood', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads base loads and energy needs in proportion to homes, not to homes × plug-ins', () => {
    const small = evening(30);
    const large = evening(120);
    // The plan still acts: after the peak every car gets a limit (so the counts are of a working controller).
    expect(small.limitCommands).toBeGreaterThan(0);
    expect(large.baseLoadReads / small.baseLoadReads).toBeLessThan(4.5);
    expect(large.needReads / small.needReads).toBeLessThan(4.5);
  });
});
