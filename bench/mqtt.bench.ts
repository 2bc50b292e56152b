// MQTT connector cost, against raw mqtt.js on loopback to a Mosquitto started for the run (MQTT 5):
//   1. request/reply round trip: Twinbench's MQTT wire to an external party (mqttTransport.exchange: JSON body,
//      correlation, timeout bookkeeping, the session's queue and routing) against a bare mqtt.js client sending the
//      same bytes (same JSON shape, same MQTT 5 trace user properties) and waiting for the reply; both answered by
//      the same bare mqtt.js responder and measured interleaved in the same run. p50 and p99 of each, and what the
//      connector adds at p99 (target ≤ 1 ms). Measured separately: the bare client without trace properties, to
//      show what carrying the W3C trace context itself costs on the wire.
//   2. sustained throughput: bus envelopes mirrored by the connector (publishEnvelope: serialise, trace properties,
//      publish) until a bare subscriber has received every one, against bare mqtt.js publishing the same bytes
//      pre-serialised, without the MQTT 5 properties and with them; interleaved rounds. The mirror must carry the
//      trace context, so bare mqtt.js carrying the same context is the like-for-like baseline; both are printed.
import mqtt, { type MqttClient } from 'mqtt';
import { pathToFileURL } from 'node:url';
import { resolveBroker } from '../engine/connectors/broker-config';
import { ConnectorEvents } from '../engine/connectors/connector-events';
import { percentile } from '../engine/connectors/latency';
import { publishEnvelope } from '../engine/connectors/mqtt-mirror';
import { MqttSession } from '../engine/connectors/mqtt-session';
import { mqttTransport } from '../engine/connectors/mqtt-transport';
import { startMosquitto } from '../engine/connectors/test-support/mosquitto';
import { TopicScheme } from '../engine/connectors/topics';
import { WireIds } from '../engine/connectors/wire-ids';
import { traceparentOf, type Envelope } from '../twins/bus/envelope';
import type { BenchResult } from './bench-result';

const WARMUP = 300;
const ROUND_TRIPS = 3_000;
const THROUGHPUT_MESSAGES = 50_000;
const THROUGHPUT_ROUNDS = 5;
const ROUND_TIMEOUT_MS = 120_000;

function connectRaw(url: string): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, { protocolVersion: 5, reconnectPeriod: 0 });
    client.once('connect', () => resolve(client));
    client.once('error', reject);
  });
}

/** The party both sides talk to: echoes `{ correlationId, body }` to the request's replyTo. */
async function responder(url: string): Promise<MqttClient> {
  const client = await connectRaw(url);
  client.on('message', (_topic, payload) => {
    const request = JSON.parse(payload.toString()) as { correlationId: string; replyTo: string };
    client.publish(request.replyTo, JSON.stringify({ correlationId: request.correlationId, body: { ok: true } }));
  });
  await client.subscribeAsync('bench/party/messages');
  return client;
}

const TRACE_PROPERTIES = { userProperties: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', tracestate: 'twinbench=m-1' } };

/** Bare mqtt.js request/reply with the same message shape and correlation, minus Twinbench's code around it. */
async function rawRequester(url: string, withTrace: boolean): Promise<{ client: MqttClient; request: (id: number) => Promise<void> }> {
  const client = await connectRaw(url);
  const replyTo = `bench/raw-reply/${withTrace ? 'traced' : 'bare'}`;
  const waiting = new Map<string, () => void>();
  client.on('message', (_topic, payload) => {
    const id = (JSON.parse(payload.toString()) as { correlationId: string }).correlationId;
    waiting.get(id)?.();
    waiting.delete(id);
  });
  await client.subscribeAsync(replyTo);
  const request = (id: number): Promise<void> => new Promise<void>((resolve) => {
    waiting.set(String(id), resolve);
    client.publish('bench/party/messages', JSON.stringify({ correlationId: String(id), replyTo, body: { id } }), withTrace ? { properties: TRACE_PROPERTIES } : {});
  });
  return { client, request };
}

function sampleEnvelope(i: number): Envelope {
  return {
    id: `m-${i}`, traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', source: 'vehicle/car1', destination: 'home/h1/lock.front_door',
    topic: 'lock/unlock', kind: 'command', payload: { deviceId: 'lock.front_door', capability: 'lock', command: 'unlock', attributes: {} },
    architecture: 'direct', createdAt: i, path: ['vehicle/car1', 'home-cloud', 'home/h1/gateway', 'home/h1/lock.front_door'],
    hops: [0, 1, 2].map((index) => ({ index, from: 'a', to: 'b', link: 'cellular', spanId: 'b7ad6b7169203331', parentSpanId: '00f067aa0ba902b7', sentAt: i, deliveredAt: i + 40, attempts: 1, status: 'delivered' as const })),
    status: 'delivered', completedAt: i + 120,
  };
}

/** Seconds from the first publish until `client` has received `total` messages on `filter`. */
async function secondsUntil(client: MqttClient, filter: string, total: number, publish: () => void): Promise<number> {
  let received = 0;
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<void>((resolve, reject) => {
    client.on('message', () => {
      if (++received === total) resolve();
    });
    // QoS 0 may be dropped by the broker (Mosquitto's max_queued_messages per subscriber): say so, never hang.
    timer = setTimeout(() => reject(new Error(`only ${received} of ${total} messages on ${filter} arrived in ${ROUND_TIMEOUT_MS / 1000} s: the broker dropped QoS 0 messages`)), ROUND_TIMEOUT_MS);
  });
  await client.subscribeAsync(filter, { qos: 0 });
  const start = performance.now();
  publish();
  await done.finally(() => clearTimeout(timer));
  const seconds = (performance.now() - start) / 1000;
  client.removeAllListeners('message');
  await client.unsubscribeAsync(filter);
  return seconds;
}

export async function benchMqtt(): Promise<BenchResult[]> {
  const broker = await startMosquitto();
  const clients: MqttClient[] = [];
  const events = new ConnectorEvents();
  const session = await MqttSession.connect(resolveBroker(broker.url), { events });
  try {
    clients.push(await responder(broker.url));
    const traced = await rawRequester(broker.url, true);
    const untraced = await rawRequester(broker.url, false);
    clients.push(traced.client, untraced.client);
    const raw = traced.request;
    const bare = untraced.request;
    const transport = mqttTransport('bench-party', session, 'bench/party');
    await transport.open(() => ({ status: 200, body: null }));
    const trace = { traceparent: traceparentOf('4bf92f3577b34da6a3ce929d0e0e4736', '00f067aa0ba902b7'), tracestate: 'twinbench=m-1' };

    const rawMs: number[] = [];
    const connectorMs: number[] = [];
    for (let i = 0; i < WARMUP + ROUND_TRIPS; i++) {
      // Interleaved, so both see the same broker, CPU and GC conditions.
      let t = performance.now();
      await raw(i);
      const r = performance.now() - t;
      t = performance.now();
      await transport.exchange({ path: 'messages', body: { id: i } }, trace, 5_000);
      const c = performance.now() - t;
      if (i >= WARMUP) {
        rawMs.push(r);
        connectorMs.push(c);
      }
    }
    const bareMs: number[] = [];
    for (let i = 0; i < WARMUP + ROUND_TRIPS; i++) {
      const t = performance.now();
      await bare(i);
      if (i >= WARMUP) bareMs.push(performance.now() - t);
    }
    for (const samples of [rawMs, connectorMs, bareMs]) samples.sort((a, b) => a - b);
    const [rawP50, rawP99, conP50, conP99] = [percentile(rawMs, 50)!, percentile(rawMs, 99)!, percentile(connectorMs, 50)!, percentile(connectorMs, 99)!];
    await transport.close();

    // Throughput: the connector's mirror path against bare mqtt.js publishing the same bytes pre-serialised, without
    // and with the MQTT 5 properties the mirror sends (content type, W3C traceparent and tracestate), so the gap
    // splits into what the properties cost mqtt.js and the connector's own share. Same observer, same broker, same
    // topic shape (the scheme's bus topics under another root); interleaved in rounds, the order rotating each
    // round, so all three see the same load on this shared machine.
    const observer = await connectRaw(broker.url);
    clients.push(observer);
    const publisher = await connectRaw(broker.url);
    clients.push(publisher);
    const topics = new TopicScheme();
    const wire = new WireIds();
    const envelopes = Array.from({ length: 1_000 }, (_, i) => sampleEnvelope(i));
    const serialised = envelopes.map((e) => JSON.stringify(e));
    const rawTopics = envelopes.map((e) => new TopicScheme('bench/raw-flood').envelope(e, 'delivered'));
    const properties = envelopes.map((e) => ({ contentType: 'application/json', userProperties: { traceparent: wire.traceparent(e.traceId, e.spanId), tracestate: `twinbench=${e.id}` } }));
    const perRound = THROUGHPUT_MESSAGES / THROUGHPUT_ROUNDS;
    const sides = [
      { filter: 'bench/raw-flood/#', seconds: 0, publish: (i: number) => publisher.publish(rawTopics[i % 1_000]!, serialised[i % 1_000]!, { qos: 0 }) },
      { filter: 'bench/raw-flood/#', seconds: 0, publish: (i: number) => publisher.publish(rawTopics[i % 1_000]!, serialised[i % 1_000]!, { qos: 0, properties: properties[i % 1_000]! }) },
      { filter: 'twinbench/v1/bus/#', seconds: 0, publish: (i: number) => publishEnvelope(session, topics, envelopes[i % 1_000]!, 'delivered', wire) },
    ];
    for (let round = 0; round < THROUGHPUT_ROUNDS; round++) {
      for (let k = 0; k < sides.length; k++) {
        const side = sides[(round + k) % sides.length]!;
        side.seconds += await secondsUntil(observer, side.filter, perRound, () => {
          for (let i = 0; i < perRound; i++) side.publish(i);
        });
      }
    }
    const [rawRate, rawWithPropertiesRate, mirrorRate] = sides.map((side) => THROUGHPUT_MESSAGES / side.seconds) as [number, number, number];

    const added = conP99 - rawP99;
    return [
      { name: 'MQTT round trip, connector p50', value: conP50, unit: 'ms', baseline: rawP50, ratio: conP50 / rawP50, note: `baseline: bare mqtt.js, same bytes and trace properties, interleaved, same Mosquitto; ${ROUND_TRIPS} round trips each` },
      { name: 'MQTT round trip, connector p99', value: conP99, unit: 'ms', baseline: rawP99, ratio: conP99 / rawP99 },
      { name: 'MQTT round trip, added by the connector at p99', value: added, unit: 'ms', note: `target ≤ 1 ms: ${added <= 1 ? 'met' : 'NOT met'}` },
      { name: 'MQTT round trip, bare mqtt.js without trace properties, p50 / p99', value: percentile(bareMs, 50)!, unit: 'ms', note: `p99 ${percentile(bareMs, 99)!.toFixed(3)} ms: what the trace context costs on the wire, connector aside` },
      { name: 'mirrored envelopes through the connector', value: mirrorRate, unit: 'msg/s', baseline: rawRate, ratio: mirrorRate / rawRate, note: `${THROUGHPUT_MESSAGES} envelopes (~1 KB, trace context as MQTT 5 user properties) in ${THROUGHPUT_ROUNDS} interleaved rounds, each until a subscriber got them all; baseline: bare mqtt.js publishing the same bytes pre-serialised, without the properties` },
      { name: 'mirrored envelopes through the connector, against bare mqtt.js sending the same MQTT 5 properties', value: mirrorRate, unit: 'msg/s', baseline: rawWithPropertiesRate, ratio: mirrorRate / rawWithPropertiesRate, note: `bare mqtt.js with the properties: ${(rawWithPropertiesRate / rawRate).toFixed(3)}× its rate without them; the rest is the connector's own (serialising, wire ids, topic)` },
    ];
  } finally {
    await session.close();
    for (const client of clients) client.end(true);
    await broker.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await benchMqtt()) console.log(r);
}
