// Two fleet shards on two nodes of a real 3-node NATS cluster (JetStream + MQTT listener, MQTT 3.1.1): every
// car's home lives in the other shard, on the other node, so every command crosses the cluster's routes. All
// clients connect, every command is answered, and the merged report adds up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeFleetReports } from './fleet-merge';
import type { FleetOptions } from './fleet-plan';
import { runFleet } from './run-fleet';
import { killAllNats, startNatsCluster, type NatsCluster } from './test-support/nats-cluster';

let cluster: NatsCluster;
beforeAll(async () => {
  cluster = await startNatsCluster(3);
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
  killAllNats();
});

describe('fleet across a NATS cluster', () => {
  it('runs two shards on different nodes: all connected, every command answered across nodes, merged report adds up', async () => {
    const plan = (index: number, broker: string): FleetOptions => ({
      vehicles: 20, homes: 20, brokers: [broker], durationS: 3, commandRate: 10, shard: { index, total: 2 },
      mqttVersion: 4, seed: 11, telemetryPeriodS: 1, commandTimeoutS: 5,
    });
    // The shards meet on the cluster's start barrier (start-barrier.ts): each waits for the other's clients.
    const [a, b] = await Promise.all([
      runFleet(plan(1, cluster.nodes[0]!.mqttUrl)),
      runFleet(plan(2, cluster.nodes[1]!.mqttUrl)),
    ]);
    for (const r of [a!, b!]) {
      expect(r.clients, cluster.log().slice(-1500)).toMatchObject({ total: 20, connected: 20, everConnected: 20 });
      expect(r.commands.attempted).toBeGreaterThan(15);
      expect(r.commands.answered, JSON.stringify(r.failures)).toBe(r.commands.attempted);
      // Shard 1 simulates the even cars and the odd homes: car i's home i is always in the other shard.
      expect(r.commands.crossShard).toBe(r.commands.attempted);
      expect(r.failureRate).toBe(0);
      expect(r.start).toMatchObject({ shardsReady: 2, shardsTotal: 2, timedOut: false });
    }
    const { report, missing } = mergeFleetReports([{ file: 'a.json', report: a! }, { file: 'b.json', report: b! }]);
    expect(missing).toEqual([]);
    expect(report.shards).toEqual([{ index: 1, total: 2 }, { index: 2, total: 2 }]);
    expect(report.clients).toMatchObject({ total: 40, connected: 40, everConnected: 40 });
    expect(report.commands.attempted).toBe(a!.commands.attempted + b!.commands.attempted);
    expect(report.commands.answered).toBe(report.commands.attempted);
    // Each shard's devices answered exactly the other shard's commands.
    expect(a!.commands.handled).toBe(b!.commands.attempted);
    expect(b!.commands.handled).toBe(a!.commands.attempted);
    expect(report.latency.samples).toBe(report.commands.answered);
    expect(report.brokers).toEqual([cluster.nodes[0]!.mqttUrl, cluster.nodes[1]!.mqttUrl]);
  }, 60_000);
});
