// A broker killed mid-run: the mirror queues (bounded, drops counted and reported), an MQTT external party's
// messages fail as outages in the canonical stream, the run goes on, and everything reconnects once the broker is
// back on the same port — and what was retained there (twin states, Home Assistant configs) is said again.
import mqtt from 'mqtt';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ConnectorEvent } from './connector-events';
import { attachConnectors } from './index';
import { doorbellWorld, eventsOf, pressDoorbell } from './test-support/doorbell-world';
import { killAll, observe, startMosquitto } from './test-support/mosquitto';
import { until } from './test-support/until';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(killAll);


/** A home cloud written against the twinbench/v1 MQTT wire: accepts every message (plain mqtt.js, not our code). */
function responder(url: string): mqtt.MqttClient {
  const client = mqtt.connect(url, { protocolVersion: 5, reconnectPeriod: 100 });
  client.on('connect', () => client.subscribe('acme/home-cloud/messages'));
  client.on('message', (_topic, payload) => {
    const request = JSON.parse(payload.toString());
    client.publish(request.replyTo, JSON.stringify({ correlationId: request.correlationId, body: { ok: true } }));
  });
  return client;
}

describe('broker killed mid-run', () => {
  it('records failures, counts queued and dropped messages, and reconnects when the broker returns', async () => {
    const broker = await startMosquitto();
    cleanups.push(() => broker.stop());
    const home = responder(broker.url);
    cleanups.push(() => void home.end(true));
    await until(() => home.connected, 'the responder');
    await new Promise((r) => setTimeout(r, 100)); // its SUBSCRIBE

    const sim = doorbellWorld('direct');
    const seen: ConnectorEvent[] = [];
    const connectors = await attachConnectors(sim, {
      broker: broker.url,
      brokerOptions: { queueLimit: 40, reconnectInitialDelayMs: 100, reconnectMaxDelayMs: 300 },
      externals: { 'home-cloud': { mqtt: 'acme/home-cloud', timeoutMs: 1_000 } },
      onEvent: (e) => seen.push(e),
    });
    cleanups.push(() => connectors.close());

    // Healthy: the doorbell event crosses the MQTT wire to the home cloud and is delivered there.
    await connectors.runUntil(1_000);
    pressDoorbell(sim);
    await connectors.runUntil(2_000);
    const first = eventsOf(sim, 'msg.delivered').filter((e) => e.data.destination === 'home-cloud');
    expect(first).toHaveLength(1);

    await broker.kill();
    await until(() => seen.some((e) => e.type === 'connector.disconnected'), 'the disconnection to be noticed');
    expect(connectors.stats().broker?.connected).toBe(false);

    // While it is down: the run goes on; the party's messages fail as outages; the mirror queues, then drops.
    pressDoorbell(sim);
    for (let i = 0; i < 30; i++) {
      for (const light of ['light.living_room', 'light.hallway']) {
        // Over the bus (gateway → light): each command and its response is a mirrored envelope.
        const intent = { capability: 'light', name: i % 2 === 0 ? 'turn_on' : 'turn_off', deviceId: light, attributes: {} };
        sim.sendFromHome('home/h1/gateway', `home/h1/${light}`, intent, 'command');
      }
      await connectors.runUntil(sim.now + 1_000);
    }
    const outage = eventsOf(sim, 'msg.failed').filter((e) => e.data.destination === 'home-cloud');
    expect(outage).toHaveLength(1);
    expect(outage[0]!.data).toMatchObject({ failure: 'outage' });
    expect(String(outage[0]!.data.error)).toContain('the broker is not connected');
    const down = connectors.stats().broker!;
    expect(down.queued).toBe(40);
    expect(down.dropped).toBeGreaterThan(0);
    expect(seen.filter((e) => e.type === 'connector.queue-overflow')).toHaveLength(1);
    expect(seen.some((e) => e.type === 'connector.endpoint-down' && e.endpoint.includes('home-cloud'))).toBe(true);

    // Back on the same port: the session reconnects (backoff), flushes its queue, and the party works again.
    await broker.restart();
    await until(() => connectors.stats().broker!.connected, 'the reconnection');
    const up = connectors.stats().broker!;
    expect(up).toMatchObject({ reconnects: 1, disconnects: 1, dropped: down.dropped });
    await until(() => connectors.stats().broker!.queued === 0, 'the queue to flush');
    expect(seen.find((e) => e.type === 'connector.connected' && e.data.reconnected === true)?.data).toMatchObject({ flushed: 40 });

    // The last state of each light survived the outage in the queue (retained states supersede, not drop).
    const late = await observe(broker.port, ['twinbench/v1/home/h1/light.living_room/state']);
    cleanups.push(() => late.stop());
    const retained = await late.waitFor(() => true);
    expect(JSON.parse(retained.payload).state).toBe(sim.home('h1').device('light.living_room').state);

    await until(() => home.connected, 'the responder to reconnect');
    await new Promise((r) => setTimeout(r, 200));
    pressDoorbell(sim);
    await connectors.runUntil(sim.now + 2_000);
    const delivered = eventsOf(sim, 'msg.delivered').filter((e) => e.data.destination === 'home-cloud');
    expect(delivered).toHaveLength(2);
    const hop = (delivered[1]!.data.hops as { to: string; measured?: boolean }[]).find((h) => h.to === 'home-cloud');
    expect(hop?.measured).toBe(true);
  });

  it('a broker that lost its retained store on restart gets every twin state and discovery config again', async () => {
    const broker = await startMosquitto(); // persistence false: a restart forgets every retained message
    cleanups.push(() => broker.stop());
    const sim = doorbellWorld('direct');
    const seen: ConnectorEvent[] = [];
    const connectors = await attachConnectors(sim, {
      broker: broker.url, haDiscovery: true,
      brokerOptions: { reconnectInitialDelayMs: 100, reconnectMaxDelayMs: 300 },
      onEvent: (e) => seen.push(e),
    });
    cleanups.push(() => connectors.close());
    await connectors.runUntil(1_000);

    await broker.kill();
    await until(() => seen.some((e) => e.type === 'connector.disconnected'), 'the disconnection to be noticed');
    await broker.restart();
    await until(() => connectors.stats().broker!.connected && connectors.stats().broker!.queued === 0, 'the reconnection');

    // Nothing changed during the outage, so nothing was queued: only a republish brings the retained store back.
    const LIGHT_CONFIG = 'homeassistant/light/twinbench_h1/light_living_room/config';
    const wanted = [
      LIGHT_CONFIG, 'homeassistant/sensor/twinbench_car1/state_of_charge/config',
      'twinbench/v1/home/h1/light.hallway/state', 'twinbench/v1/home/h1/lock.front_door/state', 'twinbench/v1/vehicle/car1/state',
      `twinbench/v1/runs/${connectors.runId}/status`, 'twinbench/v1/status',
    ];
    const deadline = Date.now() + 5_000;
    let late = await observe(broker.port, wanted);
    cleanups.push(() => late.stop());
    while (wanted.some((t) => !late.messages.some((m) => m.topic === t && m.retained)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      await late.stop();
      late = await observe(broker.port, wanted);
      cleanups.push(() => late.stop());
    }
    expect(wanted.filter((t) => !late.messages.some((m) => m.topic === t && m.retained))).toEqual([]);
    expect(late.messages.find((m) => m.topic === `twinbench/v1/runs/${connectors.runId}/status`)?.payload).toBe('online');
    expect(connectors.stats().haDiscovery?.announcements).toBe(2);
  });
});
