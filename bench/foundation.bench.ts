// Foundation benchmarks (issue #2): a day of 1,000 homes and 1,000 cars, and bus throughput — each beside a raw
// baseline measured in the same run (bare XState actor, bare virtual-clock callbacks), so the ratio says what
// Twinbench costs on top of its building blocks whatever the machine's speed.
import { createActor, setup } from 'xstate';
import { nodeSha256Hasher } from '../engine/host-hasher';
import { HOME_CLOUD } from '../twins/bus/addresses';
import { createBus, staticTopology } from '../twins/bus';
import { createGatewayFleet } from '../twins/gateways';
import { createKernel, VirtualClock } from '../twins/kernel';
import type { Json } from '../twins/kernel/types';
import type { BenchResult } from './bench-result';
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

function busMessagesPerSecond(n: number, architecture: 'direct' | 'cloud-cloud', canonicalEnvelopes: boolean, perMs: number): number {
  const kernel = createKernel({ seed: 1, retainLines: false, hasher: nodeSha256Hasher() });
  const bus = createBus({
    kernel, architecture, topology: staticTopology(), gateways: createGatewayFleet({ kernel }),
    ...(canonicalEnvelopes ? {} : { canonicalData: (env) => ({ id: env.id, status: env.status }) }),
  });
  bus.register('home/h1/light.hallway', () => undefined);
  bus.register(HOME_CLOUD, () => undefined);
  const payload: Json = architecture === 'direct'
    ? { deviceId: 'light.hallway', capability: 'light', command: 'turn_on', attributes: { brightness_pct: 30 } }
    : { vin: 'LSVAU2180N2183294', service: 'home.light', action: 'turnOn', params: { brightnessPercent: 30 }, target: 'light.hallway', ts: 0 };
  // A steady offered load: perMs messages every virtual millisecond until n are sent. With ~100 ms of path
  // latency, perMs × 100 messages are in flight at once — the figure that decides how much GC costs.
  let sent = 0;
  const tick = (): void => {
    for (let i = 0; i < perMs && sent < n; i++, sent++) bus.send({ source: 'vehicle/car1', destination: 'home/h1/light.hallway', topic: 'light/turn_on', kind: 'command', payload });
    if (sent < n) kernel.scheduler.schedule(1, tick);
  };
  kernel.scheduler.schedule(0, tick);
  const { ms } = time(() => kernel.clock.runUntilIdle());
  if (bus.stats().delivered !== n) throw new Error(`bus benchmark lost messages: ${JSON.stringify(bus.stats())}`);
  return (n / ms) * 1000;
}

/**
 * Median of three timed rounds after an untimed warm-up: a single cold round measures the JIT compiling the bus
 * as much as the bus (the first configuration measured came out at half its steady rate).
 */
function steadyBusMessagesPerSecond(n: number, architecture: 'direct' | 'cloud-cloud', canonicalEnvelopes: boolean, perMs: number): number {
  busMessagesPerSecond(n / 4, architecture, canonicalEnvelopes, perMs);
  const rounds = [0, 1, 2].map(() => busMessagesPerSecond(n, architecture, canonicalEnvelopes, perMs)).sort((a, b) => a - b);
  return rounds[1]!;
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

  for (const [architecture, perMs] of [['direct', 10], ['cloud-cloud', 10], ['direct', 100]] as const) {
    for (const canonical of [false, true]) {
      const rate = steadyBusMessagesPerSecond(200_000, architecture, canonical, perMs);
      results.push({
        name: `bus ${architecture}, ~${perMs * 100} in flight, ${canonical ? 'message records (the default)' : 'a summary line'} in the canonical stream (target ≥ 200k)`,
        value: Math.round(rate), unit: 'msgs/s', baseline: Math.round(clockBaseline), ratio: rate / clockBaseline,
        note: `${architecture === 'direct' ? 3 : 5} hops per message; median of 3 rounds after a warm-up; baseline: bare virtual-clock callbacks; node ${youngGeneration()}`,
      });
    }
  }
  const build = time(() => buildNeighbourhood(1000));
  const sim = build.value;
  scheduleDay(sim);
  const day = time(() => sim.kernel.clock.runUntil(DAY_MS));
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
  results.push({ name: 'neighbourhood day: bus messages per wall second', value: Math.round((stats.sent / day.ms) * 1000), unit: 'msgs/s' });

  return results;
}
