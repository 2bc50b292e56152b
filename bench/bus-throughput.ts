// Bus throughput under a steady offered load, one configuration per process: `node --import tsx
// bench/bus-throughput.ts <direct|cloud-cloud> <records|summary> <messages per virtual ms>` prints msgs/s as JSON.
// `bus-throughput.ts hashers <direct|cloud-cloud> <per ms>` compares where the event stream is hashed (inline, on
// the worker thread, not at all) in alternating rounds of one process: the bus code is the same in all three.
// A fresh process per configuration because measuring several in one let each inherit the last one's JIT
// feedback and heap: the same configuration ran at half speed after the baselines or another architecture.
import { nodeEventLogHost, nodeSha256Hasher, nodeUtf8Decoder } from '../engine/host-event-log';
import { HOME_CLOUD } from '../twins/bus/addresses';
import { createBus, staticTopology } from '../twins/bus';
import { createGatewayFleet } from '../twins/gateways';
import { createKernel } from '../twins/kernel';
import type { StreamHasher } from '../twins/kernel';
import type { Json } from '../twins/kernel/types';

export type BusArchitecture = 'direct' | 'cloud-cloud';

/** Send to, from and about car k of the neighbourhood: its VIN and its home's hallway light. */
function pairOf(k: number): { car: string; light: string; vin: string } {
  return { car: `vehicle/car${k}`, light: `home/h${k}/light.hallway`, vin: `LSVAU2180N${String(2_000_000 + k).padStart(7, '0')}` };
}

/**
 * Messages per wall second for one round of `n` messages, `perMs` sent each virtual millisecond, message i from
 * car i mod `pairs` to its own home's light: a neighbourhood's worth of distinct routes, each message with a payload
 * of its own (in the car's schema on cloud-cloud, the home's on direct), as a running scenario sends them.
 */
export interface BusRound {
  msgsPerSecond: number;
  /** The most messages in flight at once (sampled each time the sender runs). */
  peakInFlight: number;
}

export function busMessagesPerSecond(n: number, architecture: BusArchitecture, records: boolean, perMs: number, pairs: number, hasher?: StreamHasher): BusRound {
  const kernel = createKernel({ seed: 1, retainLines: false, hasher: hasher ?? nodeEventLogHost().hasher, decodeUtf8: nodeUtf8Decoder });
  const bus = createBus({
    kernel, architecture, topology: staticTopology(), gateways: createGatewayFleet({ kernel }),
    ...(records ? {} : { canonicalData: (env) => ({ id: env.id, status: env.status }) }),
  });
  const parties = Array.from({ length: pairs }, (_, k) => pairOf(k + 1));
  for (const { light } of parties) bus.register(light, () => undefined);
  bus.register(HOME_CLOUD, () => undefined);
  const payloadFor = (vin: string, brightness: number, ts: number): Json => architecture === 'direct'
    ? { deviceId: 'light.hallway', capability: 'light', command: 'turn_on', attributes: { brightness_pct: brightness } }
    : { vin, service: 'home.light', action: 'turnOn', params: { brightnessPercent: brightness }, target: 'light.hallway', ts };
  // A steady offered load: perMs messages every virtual millisecond until n are sent (below 1, one message every
  // 1/perMs ms). With ~100 ms of path latency (direct; ~200 on cloud-cloud), perMs × 100 (200) messages are in
  // flight at once: the figure that decides how much of a message's objects are still in the CPU's caches when its
  // next hop comes, and how much GC costs.
  const burst = Math.max(1, perMs);
  const interval = Math.max(1, 1 / perMs);
  let sent = 0;
  let peakInFlight = 0;
  const tick = (): void => {
    peakInFlight = Math.max(peakInFlight, bus.stats().inFlight);
    for (let i = 0; i < burst && sent < n; i++, sent++) {
      const { car, light, vin } = parties[sent % pairs]!;
      bus.send({ source: car, destination: light, topic: 'light/turn_on', kind: 'command', payload: payloadFor(vin, sent % 100, kernel.scheduler.now()) });
    }
    if (sent < n) kernel.scheduler.schedule(interval, tick);
  };
  kernel.scheduler.schedule(0, tick);
  const start = performance.now();
  kernel.clock.runUntilIdle();
  kernel.events.hash(); // timed too: with the hash on a worker thread, the run is done when its digest is
  const ms = performance.now() - start;
  if (bus.stats().delivered !== n) throw new Error(`bus benchmark lost messages: ${JSON.stringify(bus.stats())}`);
  return { msgsPerSecond: (n / ms) * 1000, peakInFlight };
}

/** Median of three timed rounds after an untimed warm-up round. */
export function steadyBusMessagesPerSecond(n: number, architecture: BusArchitecture, records: boolean, perMs: number, pairs: number): BusRound {
  busMessagesPerSecond(n / 4, architecture, records, perMs, pairs);
  const rounds = [0, 1, 2].map(() => busMessagesPerSecond(n, architecture, records, perMs, pairs)).sort((a, b) => a.msgsPerSecond - b.msgsPerSecond);
  return rounds[1]!;
}

const HASHERS = {
  inline: () => nodeSha256Hasher(),
  worker: () => nodeEventLogHost().hasher,
  none: (): StreamHasher => ({ update: () => undefined, digestHex: () => '' }),
} as const;

/** Medians of five alternating rounds per hashing placement, message records on, after a warm-up. */
export function busMessagesPerSecondByHasher(n: number, architecture: BusArchitecture, perMs: number, pairs: number): Record<keyof typeof HASHERS, number> {
  busMessagesPerSecond(n / 4, architecture, true, perMs, pairs);
  const kinds = Object.keys(HASHERS) as (keyof typeof HASHERS)[];
  const rounds = Object.fromEntries(kinds.map((k) => [k, [] as number[]])) as Record<keyof typeof HASHERS, number[]>;
  for (let round = 0; round < 5; round++) {
    for (const kind of kinds) rounds[kind].push(busMessagesPerSecond(n, architecture, true, perMs, pairs, HASHERS[kind]()).msgsPerSecond);
  }
  return Object.fromEntries(kinds.map((k) => [k, rounds[k].sort((a, b) => a - b)[2]!])) as Record<keyof typeof HASHERS, number>;
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1] && process.argv[2] === 'hashers') {
  const [architecture, perMs, pairs = '1000'] = process.argv.slice(3);
  if ((architecture !== 'direct' && architecture !== 'cloud-cloud') || !(Number(perMs) > 0) || !(Number(pairs) >= 1)) {
    console.error('usage: bus-throughput.ts hashers <direct|cloud-cloud> <messages per virtual ms> [car-home pairs, default 1000]');
    process.exit(2);
  }
  console.log(JSON.stringify(busMessagesPerSecondByHasher(200_000, architecture, Number(perMs), Number(pairs))));
} else if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  const [architecture, mode, perMs, pairs = '1000'] = process.argv.slice(2);
  if ((architecture !== 'direct' && architecture !== 'cloud-cloud') || (mode !== 'records' && mode !== 'summary') || !(Number(perMs) > 0) || !(Number(pairs) >= 1)) {
    console.error('usage: bus-throughput.ts <direct|cloud-cloud> <records|summary> <messages per virtual ms> [car-home pairs, default 1000]');
    process.exit(2);
  }
  console.log(JSON.stringify(steadyBusMessagesPerSecond(200_000, architecture, mode === 'records', Number(perMs), Number(pairs))));
}
