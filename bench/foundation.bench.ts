// Foundation benchmarks (issue #2): a day of 1,000 homes and 1,000 cars, and bus throughput on real car–home round
// trips — each beside a raw baseline measured in the same run (a bare XState actor; the bare virtual clock in the
// bus's own process at the bus's queue depth), so the ratio says what Twinbench costs on top of its building blocks
// whatever the machine's speed. Figures about the workload (hops, signatures, homes, events) are counted from it.
import { createActor, setup } from 'xstate';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isHeapFlag, type BenchResult } from './bench-result';
import type { Architecture } from '../twins/bus/envelope';
import type { BusMeasurement } from './bus-throughput';
import { buildNeighbourhood, DAY_MS, scheduleDay } from './neighbourhood-day';

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

/** Events per second through a bare XState actor (a toggle), no Twinbench around it. */
function bareXStateEventsPerSecond(n: number): number {
  const toggle = setup({}).createMachine({ initial: 'off', states: { off: { on: { TOGGLE: 'on' } }, on: { on: { TOGGLE: 'off' } } } });
  const actor = createActor(toggle).start();
  const { ms } = time(() => {
    for (let i = 0; i < n; i++) actor.send({ type: 'TOGGLE' });
  });
  return (n / ms) * 1000;
}

/** Car–home pairs the bus benchmark spreads its round trips over: the neighbourhood's 1,000 distinct routes. */
const BUS_PAIRS = 1000;
/** Round trips per timed round (two messages each). */
const BUS_ROUND_TRIPS = 8_000;

/**
 * Offered loads (round trips started per virtual ms). How many messages are in flight decides how much of a
 * message's state is still in the CPU's caches when its next hop comes: a few per ms keep thousands in flight, a
 * stress load; one every 20 ms is the neighbourhood day's own regime (it never has more than a few dozen).
 */
const BUS_LOADS: readonly { architecture: Architecture; perMs: number }[] = [
  { architecture: 'cloud-cloud', perMs: 5 },
  { architecture: 'direct', perMs: 5 },
  { architecture: 'cloud-cloud', perMs: 0.05 },
];

/** One bus configuration in a fresh node process with this one's flags (see bus-throughput.ts for why). */
function isolatedBus(architecture: Architecture, perMs: number): BusMeasurement {
  const script = fileURLToPath(new URL('./bus-throughput.ts', import.meta.url));
  const args = [
    ...process.execArgv.filter(isHeapFlag), '--import', 'tsx', script,
    architecture, String(perMs), String(BUS_PAIRS), String(BUS_ROUND_TRIPS),
  ];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`bus benchmark (${architecture}, ${perMs}/ms) failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as BusMeasurement;
}

/** The young-generation setting this process runs with (the CLI's shebang and `npm run bench` pass 64 MiB). */
function youngGeneration(): string {
  const flag = process.execArgv.find((arg) => arg.startsWith('--max-semi-space-size'));
  return flag ?? 'default young generation (16 MiB semi-spaces)';
}

const count = (x: number): string => Math.round(x).toLocaleString('en-US');

function busResult({ architecture, perMs, pairs, bus, bareClockCallbacksPerSecond, rounds }: BusMeasurement): BenchResult {
  return {
    name: `bus ${architecture}: car–home round trips (command, device state change, response), ${perMs} started per virtual ms`,
    value: Math.round(bus.messagesPerSecond), unit: 'msgs/s', baseline: Math.round(bareClockCallbacksPerSecond), baselineUnit: 'callbacks/s',
    ratio: bus.messagesPerSecond / bareClockCallbacksPerSecond,
    note: `${bus.hopsPerMessage.toFixed(2)} hops per message, ${Math.round(bus.translatedShare * 100)}% translated on the way (a translated message's record holds both payloads); ` +
      `${count(bus.signedCommands)} of ${count(bus.roundTrips)} commands signed and verified; ${bus.callbacksPerMessage.toFixed(2)} scheduler callbacks per message; ` +
      `${count(pairs)} car–home pairs; mean queue depth ${count(bus.meanQueueDepth)}, at most ${count(bus.peakInFlight)} messages in flight; ` +
      `baseline: bare virtual-clock callbacks/s at that queue depth, same process; own process, median of ${rounds} rounds after a warm-up; node ${youngGeneration()}`,
  };
}

export async function benchFoundation(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const xstateBaseline = bareXStateEventsPerSecond(1_000_000);
  results.push({ name: 'baseline: bare XState actor', value: Math.round(xstateBaseline), unit: 'events/s' });
  for (const { architecture, perMs } of BUS_LOADS) results.push(busResult(isolatedBus(architecture, perMs)));
  const build = time(() => buildNeighbourhood(1000));
  const sim = build.value;
  scheduleDay(sim);
  const day = time(() => {
    sim.kernel.clock.runUntil(DAY_MS);
    return sim.kernel.events.hash(); // the day is done when its digest is
  });
  const simSecondsPerWallSecond = DAY_MS / day.ms;
  const stats = sim.bus.stats();
  results.push({
    name: `${DAY_MS / 3_600_000} h of ${count(sim.homes.size)} homes + ${count(sim.vehicles.size)} cars (target ≤ 10 s)`, value: Math.round(day.ms) / 1000, unit: 's',
    note: `${Math.round(simSecondsPerWallSecond)} simulated s per wall s; building the world took ${(build.ms / 1000).toFixed(2)} s; ${sim.kernel.events.count} canonical events, ${stats.sent} bus messages`,
  });
  const twinEventsPerSecond = (sim.kernel.events.count / day.ms) * 1000;
  results.push({
    name: 'neighbourhood day: canonical events per wall second', value: Math.round(twinEventsPerSecond), unit: 'events/s',
    baseline: Math.round(xstateBaseline), ratio: twinEventsPerSecond / xstateBaseline,
    note: 'each event is a twin transition, message or crossing, hashed into the eventHash; baseline: bare XState actor',
  });
  results.push({
    name: 'neighbourhood day: bus messages per wall second', value: Math.round((stats.sent / day.ms) * 1000), unit: 'msgs/s',
    note: 'the day\'s own traffic spread over its wall time, not the bus\'s capacity (that is the bus lines above)',
  });

  return results;
}
