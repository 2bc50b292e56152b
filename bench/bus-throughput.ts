// Bus throughput under the traffic a running scenario makes: round trips between each car of a neighbourhood and
// devices in its own home — the command out, the device twin's state change, its response back — where opening a
// window is a critical command, signed by the car and verified at the home gateway and authorised at the home
// cloud (twins/security, node:crypto's Ed25519). Beside it, in the same process and at the same scheduler queue
// depth, the bare virtual clock: the floor the bus runs on. Every figure about the traffic (hops, translations,
// signatures, messages in flight) is counted from the envelopes, not assumed.
//
// One configuration per process: `node --import tsx bench/bus-throughput.ts <architecture> <round trips per
// virtual ms> [car-home pairs]` prints JSON. Several configurations in one process let each inherit the last one's
// JIT feedback and heap: the same configuration ran at half speed after another.
import { ARCHITECTURES, type Architecture, type Envelope } from '../twins/bus/envelope';
import { VirtualClock } from '../twins/kernel';
import type { Simulation } from '../twins/sim/simulation';
import { buildNeighbourhood } from './neighbourhood-day';
import { roundTripCommand } from './round-trips';

export interface BusRound {
  roundTrips: number;
  /** Commands and responses completed per wall second. */
  messagesPerSecond: number;
  /** Mean hops per message (command or response), from the envelopes. */
  hopsPerMessage: number;
  /** Share of messages a gateway translated on the way (a second payload in the record). */
  translatedShare: number;
  /** Commands that went out signed (their payload carries an auth block) and came back accepted. */
  signedCommands: number;
  /** Scheduler callbacks run per message: hops, twin transitions, timers. */
  callbacksPerMessage: number;
  /** Mean callbacks waiting in the scheduler's queue, sampled as commands are sent. */
  meanQueueDepth: number;
  /** The most messages in flight at once, sampled as commands are sent. */
  peakInFlight: number;
}

/**
 * One round of `n` round trips, `perMs` started each virtual millisecond (below 1, one every 1/perMs ms), round
 * trip i from car (i mod pairs) to its own home. Throws when any command fails or is refused: figures about
 * traffic that did not happen would be about something else.
 */
/** Round trips each world has carried: a round picks the command cycle up where the last one left it. */
const carried = new WeakMap<Simulation, number>();

export function busRound(sim: Simulation, n: number, perMs: number, pairs: number): BusRound {
  const clock = sim.kernel.clock;
  const first = carried.get(sim) ?? 0;
  carried.set(sim, first + n);
  const burst = Math.max(1, perMs);
  const interval = Math.max(1, 1 / perMs);
  let sent = 0;
  let done = 0;
  let hops = 0;
  let translated = 0;
  let signed = 0;
  const failures: string[] = [];
  let peakInFlight = 0;
  let depthSum = 0;
  let depthSamples = 0;
  const countMessage = (env: Envelope): void => {
    hops += env.hops.length;
    if (env.hops.some((hop) => hop.payload !== undefined)) translated++;
  };
  const roundTrip = (i: number): void => {
    const car = (i % pairs) + 1;
    const { device, intent } = roundTripCommand(Math.floor(i / pairs));
    const command = sim.sendFromCar(`car${car}`, `home/h${car}/${device}`, intent, 'command', {
      onResponse: (response, reply) => {
        done++;
        if (reply?.success !== true) failures.push(`${command.topic} to ${command.destination}: ${reply?.error ?? 'no answer'}`);
        countMessage(command);
        countMessage(response);
        const payload = command.payload;
        if (payload !== null && typeof payload === 'object' && !Array.isArray(payload) && payload.auth !== undefined) signed++;
      },
      onFailure: (reason) => {
        done++;
        failures.push(reason);
      },
    });
  };
  const tick = (): void => {
    peakInFlight = Math.max(peakInFlight, sim.bus.stats().inFlight);
    depthSum += clock.pending();
    depthSamples++;
    for (let b = 0; b < burst && sent < n; b++) roundTrip(first + sent++);
    if (sent < n) clock.schedule(interval, tick);
  };
  const executedBefore = clock.executed;
  clock.schedule(0, tick);
  const start = performance.now();
  while (done < n && clock.step()) { /* run until the last response is in */ }
  const ms = performance.now() - start;
  if (done !== n || failures.length > 0) {
    throw new Error(`bus benchmark: ${done} of ${n} round trips completed, ${failures.length} failed (first: ${failures[0] ?? 'none'})`);
  }
  const messages = 2 * n;
  return {
    roundTrips: n,
    messagesPerSecond: (messages / ms) * 1000,
    hopsPerMessage: hops / messages,
    translatedShare: translated / messages,
    signedCommands: signed,
    callbacksPerMessage: (clock.executed - executedBefore) / messages,
    meanQueueDepth: depthSum / depthSamples,
    peakInFlight,
  };
}

/**
 * Callbacks per second through a bare virtual clock kept at `depth` pending callbacks: each one, when it runs,
 * schedules the next 1–200 virtual ms ahead (a spread like the bus's link delays), until `callbacks` have run.
 * The heap's cost grows with its depth, so the bus is compared with the clock at the depth the bus ran at.
 */
export function bareClockCallbacksPerSecond(depth: number, callbacks: number): number {
  const clock = new VirtualClock();
  const slots = Math.max(1, Math.round(depth));
  let left = Math.max(callbacks, slots);
  let x = 1;
  const fire = (): void => {
    x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
    if (--left >= slots) clock.schedule(1 + (x % 200), fire);
  };
  const total = left;
  for (let i = 0; i < slots; i++) clock.schedule(i % 200, fire);
  const start = performance.now();
  clock.runUntilIdle();
  const ms = performance.now() - start;
  if (clock.executed !== total) throw new Error(`bare clock benchmark ran ${clock.executed} of ${total} callbacks`);
  return (total / ms) * 1000;
}

export interface BusMeasurement {
  architecture: Architecture;
  perMs: number;
  pairs: number;
  /** The median round by messages per second. */
  bus: BusRound;
  /** Median of the bare-clock rounds, each run right after a bus round at its mean queue depth. */
  bareClockCallbacksPerSecond: number;
  rounds: number;
}

/** A warm-up round, then `rounds` timed bus rounds each followed by a bare-clock round at its queue depth. */
export function measureBus(architecture: Architecture, perMs: number, pairs: number, n: number, rounds = 3): BusMeasurement {
  const sim = buildNeighbourhood(pairs, 1, architecture);
  busRound(sim, Math.ceil(n / 4), perMs, pairs);
  const bus: BusRound[] = [];
  const bare: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const round = busRound(sim, n, perMs, pairs);
    bus.push(round);
    bare.push(bareClockCallbacksPerSecond(round.meanQueueDepth, Math.max(200_000, round.callbacksPerMessage * 2 * n)));
  }
  const median = <T>(xs: T[], key: (x: T) => number): T => [...xs].sort((a, b) => key(a) - key(b))[Math.floor(xs.length / 2)]!;
  return { architecture, perMs, pairs, bus: median(bus, (b) => b.messagesPerSecond), bareClockCallbacksPerSecond: median(bare, (b) => b), rounds };
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  const [architecture, perMs, pairs = '1000', n = '20000'] = process.argv.slice(2);
  if (!ARCHITECTURES.includes(architecture as Architecture) || !(Number(perMs) > 0) || !(Number(pairs) >= 1) || !(Number(n) >= 4)) {
    console.error(`usage: bus-throughput.ts <${ARCHITECTURES.join('|')}> <round trips per virtual ms> [car-home pairs, default 1000] [round trips per round, default 20000]`);
    process.exit(2);
  }
  console.log(JSON.stringify(measureBus(architecture as Architecture, Number(perMs), Number(pairs), Number(n))));
}
