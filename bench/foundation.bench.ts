// Foundation benchmarks (issue #2): a day of 1,000 homes and 1,000 cars, and bus throughput — each beside a raw
// baseline measured in the same run (bare XState actor, bare virtual-clock callbacks), so the ratio says what
// Twinbench costs on top of its building blocks whatever the machine's speed.
import { createActor, setup } from 'xstate';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { VirtualClock } from '../twins/kernel';
import type { BenchResult } from './bench-result';
import type { BusRound } from './bus-throughput';
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

/** Callbacks per second through the bare virtual clock (heap push + pop + call). */
function bareClockCallbacksPerSecond(n: number): number {
  const clock = new VirtualClock();
  let sink = 0;
  for (let i = 0; i < n; i++) clock.scheduleAt(i % 1000, () => void sink++);
  const { ms } = time(() => clock.runUntilIdle());
  return (n / ms) * 1000;
}

/** Car–home pairs the bus benchmark spreads its messages over: the neighbourhood's 1,000 distinct routes. */
const BUS_PAIRS = 1000;

/**
 * Offered loads (messages per virtual ms). How many messages are in flight decides how much of a message's state is
 * still in the CPU's caches when its next hop comes: ~1,000 is a stress load; the neighbourhood day itself never has
 * more than 16 in flight, so ~20 on cloud-cloud (the day's architecture) is its own regime and the cost's floor.
 */
const BUS_LOADS = [
  { architecture: 'direct', perMs: 10, inFlight: '~1,000' },
  { architecture: 'cloud-cloud', perMs: 10, inFlight: '~2,000' },
  { architecture: 'direct', perMs: 100, inFlight: '~10,000' },
  { architecture: 'cloud-cloud', perMs: 0.1, inFlight: '~20' },
] as const;

/** One bus configuration in a fresh node process with this one's flags (see bus-throughput.ts for why). */
function isolatedBusMessagesPerSecond(architecture: 'direct' | 'cloud-cloud', records: boolean, perMs: number): BusRound {
  const script = fileURLToPath(new URL('./bus-throughput.ts', import.meta.url));
  const args = [
    ...process.execArgv.filter((a) => a.startsWith('--max-semi-space-size')), '--import', 'tsx', script,
    architecture, records ? 'records' : 'summary', String(perMs), String(BUS_PAIRS),
  ];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`bus benchmark (${architecture}, ${perMs}/ms) failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as BusRound;
}

/** Cloud-cloud bus with records, hashing inline / on the worker thread / not at all, in one child process. */
function busMessagesPerSecondByHasher(): { inline: number; worker: number; none: number } {
  const script = fileURLToPath(new URL('./bus-throughput.ts', import.meta.url));
  const args = [...process.execArgv.filter((a) => a.startsWith('--max-semi-space-size')), '--import', 'tsx', script, 'hashers', 'cloud-cloud', '10', String(BUS_PAIRS)];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`bus benchmark (hashers) failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as { inline: number; worker: number; none: number };
}

/** The young-generation setting this process runs with (the CLI's shebang and `npm run bench` pass 64 MiB). */
function youngGeneration(): string {
  const flag = process.execArgv.find((arg) => arg.startsWith('--max-semi-space-size'));
  return flag ?? 'default young generation (16 MiB semi-spaces)';
}

export async function benchFoundation(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const xstateBaseline = bareXStateEventsPerSecond(1_000_000);
  const clockBaseline = bareClockCallbacksPerSecond(1_000_000);
  results.push({ name: 'baseline: bare XState actor', value: Math.round(xstateBaseline), unit: 'events/s' });
  results.push({ name: 'baseline: bare virtual clock', value: Math.round(clockBaseline), unit: 'callbacks/s' });

  for (const { architecture, perMs, inFlight } of BUS_LOADS) {
    for (const canonical of [false, true]) {
      const round = isolatedBusMessagesPerSecond(architecture, canonical, perMs);
      const rate = round.msgsPerSecond;
      results.push({
        name: `bus ${architecture}, ${BUS_PAIRS.toLocaleString('en-US')} car–home routes, ${inFlight} in flight, ${canonical ? 'message records (the default)' : 'a summary line'} in the canonical stream (target ≥ 200k)`,
        value: Math.round(rate), unit: 'msgs/s', baseline: Math.round(clockBaseline), ratio: rate / clockBaseline,
        note: `${architecture === 'direct' ? 3 : 5} hops per message, each with its own payload; at most ${round.peakInFlight.toLocaleString('en-US')} in flight; own process, median of 3 rounds after a warm-up; baseline: bare virtual-clock callbacks; node ${youngGeneration()}`,
      });
    }
  }
  const byHasher = busMessagesPerSecondByHasher();
  results.push({
    name: 'bus cloud-cloud with message records, the event stream hashed on a worker thread (the default)', value: Math.round(byHasher.worker), unit: 'msgs/s',
    baseline: Math.round(byHasher.inline), ratio: byHasher.worker / byHasher.inline,
    note: `baseline: hashed inline on the simulation's thread; not hashed at all: ${Math.round(byHasher.none).toLocaleString('en-US')} msgs/s; medians of 5 alternating rounds in one process`,
  });
  const build = time(() => buildNeighbourhood(1000));
  const sim = build.value;
  scheduleDay(sim);
  const day = time(() => {
    sim.kernel.clock.runUntil(DAY_MS);
    return sim.kernel.events.hash(); // the day is done when its digest is (the hash runs on a worker thread)
  });
  const simSecondsPerWallSecond = DAY_MS / day.ms;
  const stats = sim.bus.stats();
  results.push({
    name: '24 h of 1,000 homes + 1,000 cars (target ≤ 10 s)', value: Math.round(day.ms) / 1000, unit: 's',
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
