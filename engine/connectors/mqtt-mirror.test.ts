// The mirror on real brokers: Mosquitto (MQTT 5, trace context as user properties, seen by mosquitto_sub) and the
// embedded aedes broker (MQTT 3.1.1, trace context inside the JSON payload).
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { traceparentOf, type Envelope } from '../../twins/bus/envelope';
import { startEmbeddedBroker } from '../broker/embedded-broker';
import { resolveBroker } from './broker-config';
import { ConnectorEvents } from './connector-events';
import { startMirror } from './mqtt-mirror';
import { MqttSession } from './mqtt-session';
import { killAll, observe, startMosquitto } from './test-support/mosquitto';
import { LOCK, confirmOnCarScreen, doorbellWorld, eventsOf, pressDoorbell } from './test-support/doorbell-world';
import { TopicScheme } from './topics';
import { startWsMqttBroker } from './test-support/ws-mqtt-broker';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(killAll);

/** Runs the doorbell scene on virtual time: ring, confirm on the car, let the unlock arrive. */
function runDoorbell(sim: ReturnType<typeof doorbellWorld>): Envelope {
  sim.kernel.clock.runUntil(1_000);
  pressDoorbell(sim);
  sim.kernel.clock.runUntil(5_000);
  confirmOnCarScreen(sim);
  sim.kernel.clock.runUntil(60_000);
  const unlock = eventsOf(sim, 'msg.delivered').find((e) => e.data.topic === 'lock/unlock');
  expect(unlock, 'the unlock was delivered').toBeDefined();
  return unlock!.data as unknown as Envelope;
}

describe('MQTT mirror', () => {
  it('on Mosquitto (MQTT 5): the doorbell flow is on the wire with traceparent user properties', async () => {
    const broker = await startMosquitto();
    cleanups.push(() => broker.stop());
    const observer = await observe(broker.port, ['twinbench/v1/#']);
    cleanups.push(() => observer.stop());
    const session = await MqttSession.connect(resolveBroker(broker.url), { events: new ConnectorEvents() });
    cleanups.push(() => session.close());
    expect(session.protocolVersion).toBe(5);
    const sim = doorbellWorld('cloud-cloud');
    startMirror(sim, session, new TopicScheme());

    const unlock = runDoorbell(sim);
    const traceparent = traceparentOf(unlock.traceId, unlock.spanId);
    const seen = await observer.waitFor((m) => m.topic === 'twinbench/v1/bus/cloud-cloud/vehicle:car1/home:h1:lock.front_door/delivered');
    expect(seen.userProperties).toContain(`traceparent:${traceparent}`);
    expect(seen.userProperties).toContain(`tracestate:twinbench=${unlock.id}`);
    expect(JSON.parse(seen.payload)).toMatchObject({ id: unlock.id, topic: 'lock/unlock', traceId: unlock.traceId, status: 'delivered' });

    // The doorbell event, the prompt and the unlock are one trace: the whole scene can be followed in a trace tool.
    const doorbell = await observer.waitFor((m) => m.topic.startsWith('twinbench/v1/bus/cloud-cloud/home:h1:lock.front_door/home-cloud/'));
    expect(doorbell.userProperties.find((p) => p.startsWith('traceparent:'))).toContain(unlock.traceId);

    // The lock's state is retained: a subscriber arriving now still learns the door is unlocked.
    await observer.waitFor((m) => m.topic === `twinbench/v1/${LOCK}/state` && JSON.parse(m.payload).state === 'unlocked');
    const late = await observe(broker.port, [`twinbench/v1/${LOCK}/state`]);
    cleanups.push(() => late.stop());
    const retained = await late.waitFor(() => true);
    expect(retained.retained).toBe(true);
    expect(JSON.parse(retained.payload)).toMatchObject({ address: LOCK, state: 'unlocked', kind: 'lock' });
    // And the domain event that started it all.
    await observer.waitFor((m) => m.topic === `twinbench/v1/${LOCK}/event` && JSON.parse(m.payload).type === 'doorbell.pressed');
  });

  it('on the embedded aedes broker (MQTT 3.1.1): falls back, and carries the trace context in the payload', async () => {
    const broker = await startEmbeddedBroker();
    cleanups.push(() => broker.close());
    const events = new ConnectorEvents();
    const session = await MqttSession.connect(resolveBroker(broker.url, broker.credentials), { events });
    cleanups.push(() => session.close());
    expect(session.protocolVersion).toBe(4);
    // An independent 3.1.1 client (mqtt.js itself, no Twinbench code) listens.
    const watcher = await MqttSession.connect(resolveBroker(broker.url, { protocol: 4, ...broker.credentials }), { events: new ConnectorEvents() });
    cleanups.push(() => watcher.close());
    const received: { topic: string; body: Record<string, unknown> }[] = [];
    await watcher.subscribe('twinbench/v1/bus/#', (topic, payload) => received.push({ topic, body: JSON.parse(payload.toString()) }));

    const sim = doorbellWorld('direct');
    startMirror(sim, session, new TopicScheme());
    const unlock = runDoorbell(sim);
    const deadline = Date.now() + 5_000;
    while (!received.some((r) => r.body.id === unlock.id) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const message = received.find((r) => r.body.id === unlock.id);
    expect(message?.topic).toBe('twinbench/v1/bus/direct/vehicle:car1/home:h1:lock.front_door/delivered');
    expect(message?.body).toMatchObject({ traceparent: traceparentOf(unlock.traceId, unlock.spanId), tracestate: `twinbench=${unlock.id}`, topic: 'lock/unlock' });
    expect(events.recent.map((e) => e.type)).toContain('connector.connected');
  });

  it('only observes: the run hashes the same with and without the mirror', async () => {
    const broker = await startEmbeddedBroker();
    cleanups.push(() => broker.close());
    const session = await MqttSession.connect(resolveBroker(broker.url, broker.credentials), { events: new ConnectorEvents() });
    cleanups.push(() => session.close());
    const mirrored = doorbellWorld('cloud-cloud');
    const mirror = startMirror(mirrored, session, new TopicScheme());
    runDoorbell(mirrored);
    const plain = doorbellWorld('cloud-cloud');
    runDoorbell(plain);
    expect(mirror.stats().envelopes).toBeGreaterThan(10);
    expect(mirrored.kernel.events.hash()).toBe(plain.kernel.events.hash());
  });

  it('over ws:// (MQTT over WebSocket) as well', async () => {
    const broker = await startWsMqttBroker();
    cleanups.push(() => broker.close());
    const session = await MqttSession.connect(resolveBroker(broker.url), { events: new ConnectorEvents() });
    cleanups.push(() => session.close());
    const watcher = await MqttSession.connect(resolveBroker(broker.url), { events: new ConnectorEvents() });
    cleanups.push(() => watcher.close());
    const topics: string[] = [];
    await watcher.subscribe('twinbench/v1/bus/#', (topic) => topics.push(topic));
    const sim = doorbellWorld('local');
    startMirror(sim, session, new TopicScheme());
    runDoorbell(sim);
    const deadline = Date.now() + 5_000;
    while (!topics.includes('twinbench/v1/bus/local/vehicle:car1/home:h1:lock.front_door/delivered') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(topics).toContain('twinbench/v1/bus/local/vehicle:car1/home:h1:lock.front_door/delivered');
  });
});
