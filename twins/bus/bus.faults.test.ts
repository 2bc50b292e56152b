import { describe, expect, it } from 'vitest';
import type { Json } from '../kernel/types';
import type { GatewayDirectory, NodeCondition, PayloadTranslator } from './nodes';
import { busHarness } from './test-support/bus-harness';

const GW = 'home/h1/gateway';
const AC = 'home/h1/climate.living_room';
const CAR = 'vehicle/v1';
const retry = { maxAttempts: 3, ackTimeoutMs: 100, backoffFactor: 2, maxBackoffMs: 1000 };

/** A hand-made gateway directory: conditions the test flips directly, and optional translators. */
function directory(translators: { [address: string]: PayloadTranslator } = {}) {
  const nodes = new Map<string, NodeCondition>();
  const node = (address: string): NodeCondition => {
    let n = nodes.get(address);
    if (n === undefined) {
      n = { refusal: null, refusalCode: 'gateway-offline', processingMs: 0, extraLatencyMs: 0, extraLoss: 0 };
      nodes.set(address, n);
    }
    return n;
  };
  const gateways: GatewayDirectory = {
    node: (address) => (address.startsWith('vehicle/') || address === AC ? undefined : node(address)),
    linkInterface: () => undefined,
    translator: (address) => translators[address],
  };
  return { gateways, node };
}

describe('bus: loss and retransmission', () => {
  it('succeeds within the retry bound when the loss stops in time', () => {
    const { k, bus, endpoint } = busHarness({ links: { lan: { medianMs: 4, loss: 0, retry } } });
    endpoint(AC);
    bus.links.inject('lan', { kind: 'loss', loss: 1, durationMs: 250 });
    const env = bus.send({ source: GW, destination: AC, topic: 't', kind: 'command', payload: null });
    k.clock.runUntilIdle();
    // Attempts at t = 0 and 100 are lost (ack timeout 100, then 200); the third, at 300, arrives 4 ms later.
    expect(env.status).toBe('delivered');
    expect(env.hops[0]).toMatchObject({ attempts: 3, status: 'delivered', sentAt: 0, deliveredAt: 304 });
  });

  it('fails after the last attempt when the loss lasts longer, as a lost hop', () => {
    const { k, bus, endpoint, events } = busHarness({ links: { lan: { medianMs: 4, loss: 0, retry } } });
    endpoint(AC);
    bus.links.inject('lan', { kind: 'loss', loss: 1, durationMs: 350 });
    const env = bus.send({ source: GW, destination: AC, topic: 't', kind: 'command', payload: null });
    k.clock.runUntilIdle();
    expect(env).toMatchObject({ status: 'failed', failure: 'lost', completedAt: 300 });
    expect(env.hops[0]).toMatchObject({ attempts: 3, status: 'lost' });
    expect(env.error).toBe(`${GW} → ${AC}: lost on the lan link (after 3 attempts)`);
    expect(events('msg.failed')).toHaveLength(1);
  });

  it('never loses on a loss-0 link and always loses on a loss-1 link', () => {
    const { k, bus, endpoint } = busHarness({ links: { lan: { loss: 0, retry }, 'home-broadband': { loss: 1, retry } } });
    endpoint(AC);
    endpoint(GW);
    const clean = Array.from({ length: 50 }, () => bus.send({ source: GW, destination: AC, topic: 't', kind: 'command', payload: null }));
    const lossy = bus.send({ source: 'home-cloud', destination: GW, topic: 't', kind: 'command', payload: null });
    k.clock.runUntilIdle();
    expect(clean.every((e) => e.status === 'delivered' && e.hops[0]!.attempts === 1)).toBe(true);
    expect(lossy).toMatchObject({ status: 'failed', failure: 'lost' });
    expect(lossy.hops[0]!.attempts).toBe(3);
  });
});

describe('bus: outage windows', () => {
  it('holds a hop through a short outage by retrying, and fails it through a long one', () => {
    const short = busHarness({ links: { lan: { medianMs: 4, loss: 0, retry, outages: [{ from: 0, to: 250 }] } } });
    short.endpoint(AC);
    const held = short.bus.send({ source: GW, destination: AC, topic: 't', kind: 'command', payload: null });
    short.k.clock.runUntilIdle();
    expect(held).toMatchObject({ status: 'delivered', completedAt: 304 });

    const long = busHarness({ links: { lan: { medianMs: 4, loss: 0, retry, outages: [{ from: 0, to: 10_000 }] } } });
    long.endpoint(AC);
    const cut = long.bus.send({ source: GW, destination: AC, topic: 't', kind: 'command', payload: null });
    long.k.clock.runUntilIdle();
    expect(cut).toMatchObject({ status: 'failed', failure: 'outage' });
    expect(cut.error).toContain('lan link outage (after 3 attempts)');
  });
});

describe('bus: gateway conditions', () => {
  it('fails a message at an offline gateway after the link’s retries, with a msg.failed event', () => {
    const { gateways, node } = directory();
    const { k, bus, endpoint, events } = busHarness({ gateways });
    endpoint(AC);
    const failures: string[] = [];
    node('hub').refusal = 'gateway hub is offline';
    const env = bus.send({ source: CAR, destination: AC, topic: 't', kind: 'command', payload: null }, { onFailure: (r) => failures.push(r) });
    k.clock.runUntilIdle();
    // Reaches the vehicle cloud at 60; the internet link tries at 60, 360 (ack 300) and 960 (backoff 600).
    expect(env).toMatchObject({ status: 'failed', failure: 'gateway-offline', completedAt: 960 });
    expect(env.hops.map((h) => h.status)).toEqual(['delivered', 'failed']);
    expect(failures).toEqual(['vehicle-cloud → hub: gateway hub is offline (after 3 attempts)']);
    expect(events('msg.failed')[0]!.data).toMatchObject({ id: env.id, failure: 'gateway-offline' });
  });

  it('delivers once the gateway is back before the retries run out', () => {
    const { gateways, node } = directory();
    const { k, bus, endpoint } = busHarness({ gateways });
    endpoint(AC);
    node('hub').refusal = 'gateway hub is offline';
    k.scheduler.schedule(500, () => (node('hub').refusal = null));
    const env = bus.send({ source: CAR, destination: AC, topic: 't', kind: 'command', payload: null });
    k.clock.runUntilIdle();
    expect(env.status).toBe('delivered');
    expect(env.hops[1]!.attempts).toBe(3);
  });

  it('adds processing time and a degraded gateway’s extra latency to the hops leaving it', () => {
    const { gateways, node } = directory();
    const { k, bus, endpoint } = busHarness({ gateways });
    endpoint(AC);
    const normal = bus.send({ source: CAR, destination: AC, topic: 't', kind: 'command', payload: null });
    k.clock.runUntilIdle();
    node('hub').processingMs = 25;
    node('hub').extraLatencyMs = 200;
    const degraded = bus.send({ source: CAR, destination: AC, topic: 't', kind: 'command', payload: null });
    const start = k.clock.now();
    k.clock.runUntilIdle();
    expect(normal.completedAt).toBe(144);
    expect(degraded.completedAt! - start).toBe(144 + 25 + 200);
    expect(degraded.hops[2]).toMatchObject({ from: 'hub', sentAt: start + 90 + 225 });
  });
});

describe('bus: translation on the way', () => {
  const upper: PayloadTranslator = {
    translate: (payload, _format, ctx) =>
      typeof payload === 'string' ? { ok: true, payload: `${payload.toUpperCase()} for ${ctx.to}`, format: 'shout/v1' } : { ok: false, error: 'not a string' },
  };

  it('records the translated format and payload on the hop leaving the translating node', () => {
    const { gateways } = directory({ hub: upper });
    const { k, bus, endpoint } = busHarness({ gateways });
    const inbox = endpoint(AC);
    const env = bus.send({ source: CAR, destination: AC, topic: 't', kind: 'command', payload: 'hello' });
    k.clock.runUntilIdle();
    expect(env.hops.map((h) => h.format)).toEqual(['opaque', 'opaque', 'shout/v1', 'shout/v1', 'shout/v1']);
    expect(env.hops.map((h) => h.payload)).toEqual([undefined, undefined, 'HELLO for home-cloud', undefined, undefined]);
    expect(env.payload).toBe('hello');
    expect(inbox[0]!.payload).toBe('HELLO for home-cloud');
  });

  it('fails an untranslatable message at the translating node', () => {
    const { gateways } = directory({ hub: upper });
    const { k, bus, endpoint } = busHarness({ gateways });
    endpoint(AC);
    const env = bus.send({ source: CAR, destination: AC, topic: 't', kind: 'command', payload: 42 });
    k.clock.runUntilIdle();
    expect(env).toMatchObject({ status: 'failed', failure: 'untranslatable', error: 'hub cannot translate the message: not a string' });
    expect(env.hops.map((h) => h.status)).toEqual(['delivered', 'delivered', 'failed']);
  });
});

describe('bus: request / response', () => {
  it('brings the response back along the reverse path, same trace, child span of the request', () => {
    const { k, bus, endpoint } = busHarness({ architecture: 'cloud-cloud' });
    endpoint(CAR);
    bus.register(AC, (request) => bus.respond(request, { success: true }));
    const got: { id: string; payload: Json }[] = [];
    const request = bus.request(
      { source: CAR, destination: AC, topic: 'home/h1/climate/get', kind: 'query', payload: null },
      { timeoutMs: 5000, onResponse: (env, payload) => got.push({ id: env.id, payload }), onFailure: (r) => got.push({ id: 'failed', payload: r }) },
    );
    k.clock.runUntilIdle();
    expect(got).toEqual([{ id: 'm-2', payload: { success: true } }]);
    const response = k.events.lines().map((l) => JSON.parse(l)).find((e) => e.data.id === 'm-2').data;
    expect(response).toMatchObject({ kind: 'response', correlationId: request.id, traceId: request.traceId, parentSpanId: request.spanId });
    expect(response.path).toEqual([...request.path].reverse());
    expect(response.completedAt).toBe(288);
  });

  it('times out with a msg.failed event when no response comes', () => {
    const { k, bus, endpoint, events } = busHarness({ architecture: 'direct' });
    endpoint(AC); // never answers
    const failures: string[] = [];
    const request = bus.request(
      { source: CAR, destination: AC, topic: 'q', kind: 'query', payload: null },
      { timeoutMs: 1000, onResponse: () => failures.push('response?!'), onFailure: (r) => failures.push(r) },
    );
    k.clock.runUntilIdle();
    expect(failures).toEqual([`no response to m-1 (q) from ${AC} within 1000 ms`]);
    expect(events().map((e) => `${e.type}@${e.t}`)).toEqual(['msg.delivered@84', 'msg.failed@1000']);
    expect(events('msg.failed')[0]!.data).toMatchObject({ id: request.id, failure: 'timeout' });
  });

  it('reports a failed request once, through onFailure, and no timeout after it', () => {
    const { k, bus, events } = busHarness({ architecture: 'direct' });
    const failures: string[] = [];
    bus.request({ source: CAR, destination: AC, topic: 'q', kind: 'query', payload: null }, {
      timeoutMs: 1000,
      onResponse: () => failures.push('response?!'),
      onFailure: (r) => failures.push(r),
    });
    k.clock.runUntilIdle();
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('no endpoint registered');
    expect(events('msg.failed')).toHaveLength(1);
  });

  it('reports a request with no route once, after send() returned', () => {
    const { k, bus, events } = busHarness({ architecture: 'local' });
    const failures: string[] = [];
    bus.request({ source: CAR, destination: 'home-cloud', topic: 'q', kind: 'query', payload: null }, {
      timeoutMs: 1000,
      onResponse: () => failures.push('response?!'),
      onFailure: (r) => failures.push(r),
    });
    expect(failures).toEqual([]);
    k.clock.runUntilIdle();
    expect(failures).toEqual(['under the local architecture vehicle/v1 reaches only a home gateway in range, not home-cloud']);
    expect(events('msg.failed').map((e) => e.data.failure)).toEqual(['no-route']);
    expect(bus.stats()).toEqual({ sent: 1, delivered: 0, failed: 1, inFlight: 0 });
  });

  it('refuses to answer a request that was not delivered', () => {
    const { bus } = busHarness();
    const request = bus.send({ source: CAR, destination: AC, topic: 'q', kind: 'query', payload: null });
    expect(() => bus.respond(request, null)).toThrow(/was not delivered/);
  });
});

describe('bus: canonical events', () => {
  it('emits one event per envelope, with the data the run asked for', () => {
    const { k, bus, endpoint, events } = busHarness({
      architecture: 'direct',
      canonicalData: (env) => ({ id: env.id, status: env.status, hops: env.hops.length }),
    });
    endpoint(AC);
    bus.send({ source: CAR, destination: AC, topic: 't', kind: 'command', payload: null });
    bus.send({ source: CAR, destination: GW, topic: 't', kind: 'command', payload: null });
    k.clock.runUntilIdle();
    expect(events().map((e) => [e.type, e.data])).toEqual([
      ['msg.failed', { id: 'm-2', status: 'failed', hops: 2 }],
      ['msg.delivered', { id: 'm-1', status: 'delivered', hops: 3 }],
    ]);
  });
});

describe('bus: determinism', () => {
  function run(seed: number): { lines: readonly string[]; latencies: number[] } {
    const { k, bus, endpoint } = busHarness({ seed, realisticLinks: true });
    endpoint(AC);
    endpoint(CAR);
    const sent = [];
    for (let i = 0; i < 20; i++) {
      sent.push(bus.send({ source: CAR, destination: AC, topic: 'home/h1/climate/set', kind: 'command', payload: { i } }));
      sent.push(bus.send({ source: AC, destination: CAR, topic: 'vehicle/v1/status', kind: 'event', payload: { i } }));
    }
    k.clock.runUntilIdle();
    return { lines: k.events.lines(), latencies: sent.map((e) => e.completedAt! - e.createdAt) };
  }

  it('gives identical canonical lines for the same seed and different latencies for another', () => {
    const a = run(7);
    const b = run(7);
    const c = run(8);
    expect(a.lines).toHaveLength(40);
    expect(b.lines).toEqual(a.lines);
    expect(c.latencies).not.toEqual(a.latencies);
    expect(new Set(a.latencies).size).toBeGreaterThan(30);
  });
});
