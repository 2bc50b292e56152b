// Trace ids on the wire are unique per run (issue #16, M2): the seed draws the same canonical ids for every rerun
// and for every architecture of a scene, and an MQTT subscriber or an OTLP collector must still see separate runs
// as separate traces. Captured here on a real broker, a real HTTP party and an OTLP receiver, while the canonical
// stream (eventHash) stays the seed's.
import { createServer, type IncomingMessage } from 'node:http';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../twins/bus/envelope';
import { startEmbeddedBroker } from '../broker/embedded-broker';
import { resolveBroker } from './broker-config';
import { ConnectorEvents } from './connector-events';
import { attachConnectors } from './index';
import { MqttSession } from './mqtt-session';
import { confirmOnCarScreen, doorbellWorld, eventsOf, pressDoorbell } from './test-support/doorbell-world';
import { killHomeCloudServices, startHomeCloudService } from './test-support/home-cloud-service';
import type { Architecture } from '../../twins';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(killHomeCloudServices);

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

/** A minimal OTLP/HTTP receiver: the trace ids of every span it is sent. */
async function otlpReceiver(): Promise<{ url: string; traceIds: Set<string>; spanEnds: bigint[]; receivedAt: number[] }> {
  const traceIds = new Set<string>();
  const spanEnds: bigint[] = [];
  const receivedAt: number[] = [];
  const read = async (req: IncomingMessage): Promise<string> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const server = createServer(async (req, res) => {
    if (req.method !== 'POST') return void res.writeHead(200).end();
    const body = JSON.parse(await read(req));
    receivedAt.push(Date.now());
    for (const rs of body.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) for (const span of ss.spans) {
      traceIds.add(span.traceId);
      spanEnds.push(BigInt(span.endTimeUnixNano));
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  cleanups.push(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, traceIds, spanEnds, receivedAt };
}

interface Captured { traceIds: Set<string>; messages: number; withoutTrace: string[] }

/** Runs the doorbell scene with the mirror on `brokerUrl` and OTLP export; returns what its own watcher saw. */
async function runOnce(brokerUrl: string, otlpUrl: string, architecture: Architecture): Promise<{ captured: Captured; hash: string; unlock: Envelope; salt: string }> {
  const captured: Captured = { traceIds: new Set(), messages: 0, withoutTrace: [] };
  // A 3.1.1 watcher (aedes speaks only 3.1.1): the trace context rides in the JSON body there.
  const watcher = await MqttSession.connect(resolveBroker(brokerUrl, { protocol: 4 }), { events: new ConnectorEvents() });
  await watcher.subscribe('twinbench/v1/#', (topic, payload, packet) => {
    if (packet.retain) return; // what an earlier run left on the broker
    if (topic.endsWith('/status')) return; // availability: a plain string, no trace
    const body = JSON.parse(payload.toString()) as { traceparent?: string; traceId?: string };
    captured.messages++;
    const m = TRACEPARENT.exec(body.traceparent ?? '');
    if (m === null) captured.withoutTrace.push(topic);
    else captured.traceIds.add(m[1]!);
    if (body.traceId !== undefined) captured.traceIds.add(body.traceId);
  });
  const sim = doorbellWorld(architecture);
  const connectors = await attachConnectors(sim, { broker: brokerUrl, otlp: otlpUrl });
  sim.kernel.clock.runUntil(1_000);
  pressDoorbell(sim);
  sim.kernel.clock.runUntil(5_000);
  confirmOnCarScreen(sim);
  sim.kernel.clock.runUntil(60_000);
  const salt = connectors.wireIds.salt;
  await connectors.close();
  await new Promise((r) => setTimeout(r, 200)); // the last QoS 0 messages
  await watcher.close();
  const unlock = eventsOf(sim, 'msg.delivered').find((e) => e.data.topic === 'lock/unlock')!.data as unknown as Envelope;
  return { captured, hash: sim.kernel.events.hash(), unlock, salt };
}

describe('trace ids on the wire', () => {
  it('two same-seed runs and another architecture put disjoint trace ids on MQTT and OTLP, with equal eventHash', async () => {
    const broker = await startEmbeddedBroker();
    cleanups.push(() => broker.close());
    const otlp = [await otlpReceiver(), await otlpReceiver(), await otlpReceiver()];
    const first = await runOnce(broker.url, otlp[0]!.url, 'direct');
    const second = await runOnce(broker.url, otlp[1]!.url, 'direct');
    const other = await runOnce(broker.url, otlp[2]!.url, 'cloud-cloud');

    // The canonical stream is the seed's: the same hash, the same canonical ids, with or without connectors.
    const plain = doorbellWorld('direct');
    plain.kernel.clock.runUntil(1_000);
    pressDoorbell(plain);
    plain.kernel.clock.runUntil(5_000);
    confirmOnCarScreen(plain);
    plain.kernel.clock.runUntil(60_000);
    expect(second.hash).toBe(first.hash);
    expect(first.hash).toBe(plain.kernel.events.hash());
    expect(second.unlock.traceId).toBe(first.unlock.traceId);

    // On the wire: every message carries a traceparent, and no trace id of one run appears in another.
    for (const run of [first, second, other]) {
      expect(run.captured.messages).toBeGreaterThan(20);
      expect(run.captured.withoutTrace).toEqual([]);
      expect(run.captured.traceIds.has(run.unlock.traceId)).toBe(false); // never the canonical id itself
    }
    const disjoint = (a: Set<string>, b: Set<string>): boolean => [...a].every((id) => !b.has(id));
    expect(disjoint(first.captured.traceIds, second.captured.traceIds)).toBe(true);
    expect(disjoint(first.captured.traceIds, other.captured.traceIds)).toBe(true);
    expect(disjoint(second.captured.traceIds, other.captured.traceIds)).toBe(true);
    expect(otlp[0]!.traceIds.size).toBeGreaterThan(0);
    expect(disjoint(otlp[0]!.traceIds, otlp[1]!.traceIds)).toBe(true);
    expect(disjoint(otlp[0]!.traceIds, otlp[2]!.traceIds)).toBe(true);
    // One run, one mapping: the trace the collector got is the trace the broker carried.
    expect([...otlp[0]!.traceIds].some((id) => first.captured.traceIds.has(id))).toBe(true);
    expect(first.salt).not.toBe(second.salt);
  });

  it('over HTTP: two same-seed runs send the same canonical trace under different wire trace ids', async () => {
    const seen: { traceparent: string; traceId: string }[][] = [];
    const hashes: string[] = [];
    for (let run = 0; run < 2; run++) {
      const service = await startHomeCloudService();
      const sim = doorbellWorld('direct');
      const connectors = await attachConnectors(sim, { externals: { 'home-cloud': { http: service.url, codec: 'device-actions/v1' } } });
      await connectors.runUntil(1_000);
      pressDoorbell(sim);
      await connectors.runUntil(5_000);
      confirmOnCarScreen(sim);
      await connectors.runUntil(60_000);
      const log = (await service.log()).filter((e) => e.traceparent !== null && e.path !== `/v1/homes/h1`);
      seen.push(log.map((e) => ({ traceparent: e.traceparent!, traceId: TRACEPARENT.exec(e.traceparent!)![1]! })));
      const unlock = eventsOf(sim, 'msg.delivered').find((e) => e.data.topic === 'lock/unlock')!.data as unknown as Envelope;
      const intoCloud = unlock.hops.find((h) => h.to === 'home-cloud')!;
      expect(log.map((e) => e.traceparent)).toContain(connectors.wireIds.traceparent(unlock.traceId, intoCloud.spanId));
      hashes.push(unlock.traceId);
      await connectors.close();
      await service.stop();
    }
    expect(hashes[1]).toBe(hashes[0]); // same canonical trace …
    const ids = seen.map((run) => new Set(run.map((e) => e.traceId)));
    expect(ids[0]!.size).toBeGreaterThan(0);
    expect([...ids[0]!].some((id) => ids[1]!.has(id))).toBe(false); // … different wire traces
  });

  it('a webhook push continuing a wire trace of this run lands in the canonical trace it maps back to', async () => {
    const hits: string[] = [];
    const party = createServer((req, res) => {
      if (req.method === 'POST') hits.push(String(req.headers.traceparent));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => party.listen(0, '127.0.0.1', () => resolve()));
    cleanups.push(() => new Promise<void>((resolve) => (party.closeAllConnections(), party.close(() => resolve()))));
    const sim = doorbellWorld('direct');
    const connectors = await attachConnectors(sim, { externals: { 'home-cloud': { http: `http://127.0.0.1:${(party.address() as { port: number }).port}` } } });
    cleanups.push(() => connectors.close());
    const canonicalTrace = 'aaaabbbbccccddddeeeeffff00001111';
    const wireParent = connectors.wireIds.traceparent(canonicalTrace, '1234567812345678');
    const res = await fetch(connectors.externals[0]!.inboundUrl!, {
      method: 'POST', headers: { 'content-type': 'application/json', traceparent: wireParent },
      body: JSON.stringify({ destination: 'home/h1/light.living_room', topic: 'light/turn_on', kind: 'event', payload: { note: 'hello' } }),
    });
    expect(res.status).toBe(202);
    await connectors.runUntil(5_000);
    const pushed = eventsOf(sim, 'msg.delivered').find((e) => e.data.source === 'home-cloud');
    expect(pushed?.data.traceId).toBe(canonicalTrace);
  });

  it('an inbound trace id that would map to the all-zero id starts a new trace instead', async () => {
    const party = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
    await new Promise<void>((resolve) => party.listen(0, '127.0.0.1', () => resolve()));
    cleanups.push(() => new Promise<void>((resolve) => (party.closeAllConnections(), party.close(() => resolve()))));
    const sim = doorbellWorld('direct');
    const connectors = await attachConnectors(sim, { externals: { 'home-cloud': { http: `http://127.0.0.1:${(party.address() as { port: number }).port}` } } });
    cleanups.push(() => connectors.close());
    // The salt's trace half is the wire id of the all-zero canonical id (the mapping is an XOR).
    const hostile = `00-${connectors.wireIds.salt.slice(0, 32)}-${'1'.repeat(16)}-01`;
    const res = await fetch(connectors.externals[0]!.inboundUrl!, {
      method: 'POST', headers: { 'content-type': 'application/json', traceparent: hostile },
      body: JSON.stringify({ destination: 'home/h1/light.living_room', topic: 'light/turn_on', kind: 'event', payload: {} }),
    });
    expect(res.status).toBe(202);
    await connectors.runUntil(5_000);
    const pushed = eventsOf(sim, 'msg.delivered').find((e) => e.data.source === 'home-cloud');
    expect(pushed?.data.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(pushed?.data.traceId).not.toBe('0'.repeat(32));
  });
});
