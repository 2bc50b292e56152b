// External parties over WebSocket and over MQTT 3.1.1 (embedded aedes), speaking twinbench/v1: requests carry the
// trace context, replies continue the flow, and pushes from the party enter the bus.
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../twins/bus/envelope';
import { homePayload } from '../../twins/sim/ecosystem-codec';
import { startEmbeddedBroker } from '../broker/embedded-broker';
import { attachConnectors } from './index';
import { doorbellWorld, eventsOf, pressDoorbell } from './test-support/doorbell-world';
import { startWsServer } from './test-support/ws-server';
import { FrameReader, OPCODE, encodeFrame } from './ws-frames';
import { until } from './test-support/until';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const unlock = {
  destination: 'home/h1/lock.front_door', topic: 'lock/unlock', kind: 'command',
  payload: homePayload({ capability: 'lock', name: 'unlock', deviceId: 'lock.front_door', attributes: {} }, 'command'),
};

const lightOn = {
  destination: 'home/h1/light.living_room', topic: 'light/turn_on', kind: 'command',
  payload: homePayload({ capability: 'light', name: 'turn_on', deviceId: 'light.living_room', attributes: {} }, 'command'),
};


describe('ws-frames', () => {
  it('round-trips masked and unmasked frames of every length class, split anywhere', () => {
    for (const size of [0, 5, 125, 126, 1_000, 65_535, 65_536, 200_000]) {
      const payload = Buffer.alloc(size, 7);
      for (const masked of [true, false]) {
        const bytes = encodeFrame(OPCODE.text, payload, masked);
        const reader = new FrameReader();
        const frames = [...reader.push(bytes.subarray(0, 3)), ...reader.push(bytes.subarray(3))];
        expect(frames).toHaveLength(1);
        expect(frames[0]!.opcode).toBe(OPCODE.text);
        expect(frames[0]!.payload.equals(payload)).toBe(true);
      }
    }
  });
});

describe('external parties over WebSocket and MQTT 3.1.1', () => {
  it('WebSocket: the doorbell event crosses the socket with its traceparent; a push from the party turns a light on', async () => {
    const server = await startWsServer(() => ({ ok: true }));
    cleanups.push(() => server.close());
    const sim = doorbellWorld('direct');
    const connectors = await attachConnectors(sim, { externals: { 'home-cloud': { ws: server.url } } });
    cleanups.push(() => connectors.close());
    await connectors.runUntil(1_000);
    pressDoorbell(sim);
    await connectors.runUntil(5_000);
    const event = eventsOf(sim, 'msg.delivered').find((e) => e.data.destination === 'home-cloud')!.data as unknown as Envelope;
    const hop = event.hops.find((h) => h.to === 'home-cloud')!;
    expect(hop.measured).toBe(true);
    expect(server.received[0]).toMatchObject({ path: 'messages', traceparent: connectors.wireIds.traceparent(event.traceId, hop.spanId), body: { id: event.id, kind: 'event', traceId: connectors.wireIds.trace(event.traceId) } });

    server.push({ body: { messages: [lightOn] } });
    await until(() => connectors.stats().externals[0]!.inbound === 1, 'the push');
    await connectors.runUntil(sim.now + 1_000);
    expect(sim.home('h1').device('light.living_room').state).toBe('on');

    // The party is not the home's own cloud: its unlock, in a push or in a reply, is refused without a grant.
    server.push({ body: { messages: [unlock] } });
    await until(() => connectors.stats().externals[0]!.inbound === 2, 'the unlock push');
    await connectors.runUntil(sim.now + 1_000);
    expect(sim.home('h1').device('lock.front_door').state).toBe('locked');
    expect(eventsOf(sim, 'security.refused')[0]?.data).toMatchObject({ command: 'lock/unlock', reason: 'unauthorized', sender: 'party-external:home-cloud' });
  });

  it('MQTT: any broker client publishing an unlock on the party’s inbound topic meets the same grant', async () => {
    const broker = await startEmbeddedBroker();
    cleanups.push(() => broker.close());
    const sim = doorbellWorld('direct');
    const connectors = await attachConnectors(sim, { broker: broker.url, brokerOptions: broker.credentials, externals: { 'home-cloud': { mqtt: 'acme/cloud' } } });
    cleanups.push(() => connectors.close());
    const intruder = await mqtt.connectAsync(broker.url, { protocolVersion: 4, ...broker.credentials });
    cleanups.push(() => void intruder.end(true));
    await intruder.publishAsync('acme/cloud/inbound', JSON.stringify({ body: { messages: [unlock] } }), { qos: 1 });
    await until(() => connectors.stats().externals[0]!.inbound === 1, 'the push');
    await connectors.runUntil(5_000);
    expect(sim.home('h1').device('lock.front_door').state).toBe('locked');
    expect(eventsOf(sim, 'security.refused')[0]?.data).toMatchObject({ command: 'lock/unlock', reason: 'unauthorized', sender: 'party-external:home-cloud' });
  });

  it('MQTT 3.1.1 on aedes: the request carries traceparent in its JSON; the reply is matched by correlation id', async () => {
    const broker = await startEmbeddedBroker();
    cleanups.push(() => broker.close());
    const requests: Record<string, unknown>[] = [];
    const party = mqtt.connect(broker.url, { protocolVersion: 4, ...broker.credentials });
    cleanups.push(() => void party.end(true));
    await new Promise<void>((resolve) => party.on('connect', () => party.subscribe('acme/cloud/#', () => resolve())));
    party.on('message', (topic, payload) => {
      if (!topic.endsWith('/messages')) return;
      const request = JSON.parse(payload.toString()) as { correlationId: string; replyTo: string; body: { kind: string } };
      requests.push(request);
      // The party reacts to the doorbell event with a command; the light's answer it just acknowledges.
      const body = request.body.kind === 'event' ? { ok: true, messages: [lightOn] } : { ok: true };
      party.publish(request.replyTo, JSON.stringify({ correlationId: request.correlationId, body }));
    });

    const sim = doorbellWorld('direct');
    const connectors = await attachConnectors(sim, { broker: broker.url, brokerOptions: broker.credentials, externals: { 'home-cloud': { mqtt: 'acme/cloud' } } });
    cleanups.push(() => connectors.close());
    expect(connectors.stats().broker?.protocolVersion).toBe(4);
    await connectors.runUntil(1_000);
    pressDoorbell(sim);
    await connectors.runUntil(5_000);
    const event = eventsOf(sim, 'msg.delivered').find((e) => e.data.destination === 'home-cloud')!.data as unknown as Envelope;
    const hop = event.hops.find((h) => h.to === 'home-cloud')!;
    expect(requests[0]).toMatchObject({ traceparent: connectors.wireIds.traceparent(event.traceId, hop.spanId), tracestate: `twinbench=${event.id}`, body: { id: event.id } });
    // The reply's messages were sent once the event was delivered to the party, continuing its trace.
    const on = eventsOf(sim, 'msg.delivered').find((e) => e.data.topic === 'light/turn_on')!.data as unknown as Envelope;
    expect(on).toMatchObject({ source: 'home-cloud', traceId: event.traceId, parentSpanId: event.spanId });
    expect(sim.home('h1').device('light.living_room').state).toBe('on');
    expect(requests.map((r) => (r.body as { kind: string }).kind)).toEqual(['event', 'response']);
  });
});
