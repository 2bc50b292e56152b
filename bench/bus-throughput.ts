// Bus throughput under a steady offered load, one configuration per process: `node --import tsx
// bench/bus-throughput.ts <direct|cloud-cloud> <records|summary> <messages per virtual ms>` prints msgs/s as JSON.
// A fresh process per configuration because measuring several in one let each inherit the last one's JIT
// feedback and heap: the same configuration ran at half speed after the baselines or another architecture.
import { nodeSha256Hasher } from '../engine/host-hasher';
import { HOME_CLOUD } from '../twins/bus/addresses';
import { createBus, staticTopology } from '../twins/bus';
import { createGatewayFleet } from '../twins/gateways';
import { createKernel } from '../twins/kernel';
import type { Json } from '../twins/kernel/types';

export type BusArchitecture = 'direct' | 'cloud-cloud';

/** Messages per wall second for one round of `n` messages, `perMs` sent each virtual millisecond. */
export function busMessagesPerSecond(n: number, architecture: BusArchitecture, records: boolean, perMs: number): number {
  const kernel = createKernel({ seed: 1, retainLines: false, hasher: nodeSha256Hasher() });
  const bus = createBus({
    kernel, architecture, topology: staticTopology(), gateways: createGatewayFleet({ kernel }),
    ...(records ? {} : { canonicalData: (env) => ({ id: env.id, status: env.status }) }),
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
  const start = performance.now();
  kernel.clock.runUntilIdle();
  const ms = performance.now() - start;
  if (bus.stats().delivered !== n) throw new Error(`bus benchmark lost messages: ${JSON.stringify(bus.stats())}`);
  return (n / ms) * 1000;
}

/** Median of three timed rounds after an untimed warm-up round. */
export function steadyBusMessagesPerSecond(n: number, architecture: BusArchitecture, records: boolean, perMs: number): number {
  busMessagesPerSecond(n / 4, architecture, records, perMs);
  const rounds = [0, 1, 2].map(() => busMessagesPerSecond(n, architecture, records, perMs)).sort((a, b) => a - b);
  return rounds[1]!;
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  const [architecture, mode, perMs] = process.argv.slice(2);
  if ((architecture !== 'direct' && architecture !== 'cloud-cloud') || (mode !== 'records' && mode !== 'summary') || !(Number(perMs) > 0)) {
    console.error('usage: bus-throughput.ts <direct|cloud-cloud> <records|summary> <messages per virtual ms>');
    process.exit(2);
  }
  console.log(JSON.stringify({ msgsPerSecond: steadyBusMessagesPerSecond(200_000, architecture, mode === 'records', Number(perMs)) }));
}
