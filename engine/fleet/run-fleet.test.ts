// The fleet against a real Mosquitto on loopback: clients connect and answer each other's commands (MQTT 5 and
// 3.1.1), a killed client's last will reaches an independent observer, and a broker that goes away or was never
// there gives failures by reason in the report instead of a crash.
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, killAll, observe, startMosquitto } from '../connectors/test-support/mosquitto';
import type { FleetOptions } from './fleet-plan';
import { runFleet } from './run-fleet';

afterAll(killAll);

const base = (broker: string, over: Partial<FleetOptions> = {}): FleetOptions => ({
  vehicles: 6, homes: 6, brokers: [broker], durationS: 1.5, commandRate: 20, shard: { index: 1, total: 1 },
  mqttVersion: 5, seed: 7, telemetryPeriodS: 0.5, commandTimeoutS: 2, ...over,
});

describe('fleet on Mosquitto', () => {
  it.each([5, 4] as const)('connects every client and answers every command (MQTT version %s)', async (mqttVersion) => {
    const broker = await startMosquitto();
    try {
      const watch = await observe(broker.port, ['twinbench/v1/fleet/+/+/telemetry', 'twinbench/v1/fleet/home/+/state']);
      const report = await runFleet(base(broker.url, { mqttVersion }));
      expect(report.clients).toMatchObject({ total: 12, connected: 12, everConnected: 12 });
      expect(report.commands.attempted).toBeGreaterThan(15);
      expect(report.commands.answered).toBe(report.commands.attempted);
      expect(report.commands.handled).toBe(report.commands.attempted);
      expect(report.failureRate).toBe(0);
      expect(report.latency.p50Ms).toBeGreaterThan(0);
      expect(report.latency.p99Ms).toBeGreaterThanOrEqual(report.latency.p50Ms!);
      const telemetry = await watch.waitFor((m) => m.topic === 'twinbench/v1/fleet/vehicle/vehicle-000000/telemetry');
      expect(JSON.parse(telemetry.payload).signals).toHaveProperty(['Vehicle.Powertrain.TractionBattery.StateOfCharge.Current']);
      await watch.stop();
    } finally {
      await broker.stop();
    }
  });

  it('publishes a killed client\'s retained `offline` last will, and `online` on connect', async () => {
    const broker = await startMosquitto();
    try {
      const watch = await observe(broker.port, ['twinbench/v1/fleet/+/+/availability']);
      await runFleet(base(broker.url, { vehicles: 2, homes: 2, durationS: 0.5, commandRate: 0 }), {
        onConnected: async (parties) => {
          const car = parties.find((p) => p.member.id === 'vehicle-000001')!;
          await watch.waitFor((m) => m.topic.endsWith('vehicle-000001/availability') && m.payload === 'online');
          car.client.kill();
        },
      });
      const will = await watch.waitFor((m) => m.topic === 'twinbench/v1/fleet/vehicle/vehicle-000001/availability' && m.payload === 'offline');
      expect(will.retained).toBe(false); // delivered live; the broker keeps the retained copy for late subscribers
      await watch.stop();
      const late = await observe(broker.port, ['twinbench/v1/fleet/vehicle/vehicle-000001/availability']);
      const kept = await late.waitFor(() => true);
      expect(kept).toMatchObject({ payload: 'offline', retained: true });
      await late.stop();
    } finally {
      await broker.stop();
    }
  });

  it('counts failures by reason when the broker goes away mid-run, and still reports', async () => {
    const broker = await startMosquitto();
    try {
      const report = await runFleet(base(broker.url, { durationS: 2, commandTimeoutS: 0.5 }), {
        onConnected: () => void setTimeout(() => void broker.kill(), 500),
      });
      expect(report.clients.everConnected).toBe(12);
      expect(report.clients.connected).toBe(0);
      expect(report.failures['not-connected']).toBeGreaterThan(0);
      expect(report.failureRate).toBeGreaterThan(0);
      expect(report.commands.answered).toBeLessThan(report.commands.attempted);
    } finally {
      await broker.stop();
    }
  });

  it('reports connect failures for a broker nobody listens on, without crashing', async () => {
    const port = await freePort();
    const report = await runFleet(base(`mqtt://127.0.0.1:${port}`, { vehicles: 3, homes: 3, durationS: 0.3 }));
    expect(report.clients).toMatchObject({ total: 6, connected: 0, everConnected: 0 });
    expect(report.clients.connectFailures.unreachable).toBeGreaterThanOrEqual(6);
    expect(report.failures['not-connected']).toBe(report.commands.attempted);
    expect(report.failureRate).toBe(1);
  });

  it('drops hostile payloads on its topics, answers a wrong command with ok:false, and ignores forged replies', async () => {
    const broker = await startMosquitto();
    const pub = (topic: string, message: string): void => {
      const r = spawnSync('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-q', '1', '-t', topic, '-m', message], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    };
    try {
      const command = 'twinbench/v1/fleet/home/home-000000/command';
      const watch = await observe(broker.port, ['attacker/#']);
      const report = await runFleet(base(broker.url, { vehicles: 2, homes: 2, durationS: 0.8, commandRate: 0 }), {
        onConnected: () => {
          pub(command, 'not json');
          pub(command, 'x'.repeat(20_000));
          pub(command, '42');
          pub(command, JSON.stringify({ command: 'light', args: { on: true }, correlationId: 'c1', replyTo: 'twinbench/v1/fleet/#' }));
          pub(command, JSON.stringify({ args: { on: true }, correlationId: 'c2', replyTo: 'attacker/r' }));
          pub(command, JSON.stringify({ command: 'unlock_front_door', correlationId: 'c3', replyTo: 'attacker/r', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }));
          pub('twinbench/v1/fleet/vehicle/vehicle-000000/reply', JSON.stringify({ correlationId: 'vehicle-000000-1', ok: true }));
        },
      });
      const refusal = await watch.waitFor((m) => m.topic === 'attacker/r');
      expect(JSON.parse(refusal.payload)).toMatchObject({ correlationId: 'c3', ok: false, error: 'a home does not understand "unlock_front_door"', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
      expect(watch.messages.filter((m) => m.topic === 'attacker/r')).toHaveLength(1); // c2 had no command name
      expect(report.commands.malformed).toBe(5);
      expect(report.commands.handled).toBe(1);
      expect(report.commands.answered).toBe(0); // the forged reply matched no command in flight
      await watch.stop();
    } finally {
      await broker.stop();
    }
  });

  it('counts refused connections (a broker that wants a login) by reason, without crashing', async () => {
    const broker = await startMosquitto({ anonymous: false });
    try {
      const report = await runFleet(base(broker.url, { vehicles: 2, homes: 2, durationS: 0.3 }));
      expect(report.clients).toMatchObject({ total: 4, connected: 0, everConnected: 0 });
      expect(report.clients.connectFailures.refused).toBeGreaterThanOrEqual(4);
      expect(report.clients.connectFailures.closed ?? 0).toBe(0); // a refusal is counted once, not again at its close
      expect(report.failureRate).toBe(report.commands.attempted > 0 ? 1 : 0);
    } finally {
      await broker.stop();
    }
  });

  it('stops early on abort and still returns the report', async () => {
    const broker = await startMosquitto();
    try {
      const controller = new AbortController();
      const started = performance.now();
      const report = await runFleet(base(broker.url, { durationS: 60 }), { onConnected: () => void setTimeout(() => controller.abort(), 300), signal: controller.signal });
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(report.interrupted).toBe(true);
      expect(report.clients.total).toBe(12);
    } finally {
      await broker.stop();
    }
  });
});
