import { describe, expect, it } from 'vitest';
import { ARCHITECTURES, type Envelope } from './envelope';
import { busHarness, hopList } from './test-support/bus-harness';
import { staticTopology } from './topology';

const CAR = 'vehicle/v1';
const AC = 'home/h1/climate.living_room';
const setTemperature = { deviceId: 'climate.living_room', capability: 'climate', command: 'set_temperature', attributes: { temperature: 22 } };

describe('bus: paths and hops per architecture', () => {
  it('carries car → AC along the cloud-cloud path, one hop per link', () => {
    const { k, bus, endpoint, events } = busHarness({ architecture: 'cloud-cloud' });
    const inbox = endpoint(AC);
    const env = bus.send({ source: CAR, destination: AC, topic: 'home/h1/climate/set', kind: 'command', payload: setTemperature });
    expect(env.status).toBe('in-flight');
    k.clock.runUntilIdle();
    expect(hopList(env)).toEqual([
      'vehicle/v1 → vehicle-cloud [cellular]',
      'vehicle-cloud → hub [internet]',
      'hub → home-cloud [internet]',
      'home-cloud → home/h1/gateway [home-broadband]',
      'home/h1/gateway → home/h1/climate.living_room [lan]',
    ]);
    expect(env.status).toBe('delivered');
    expect(env.hops.every((h) => h.status === 'delivered' && h.attempts === 1)).toBe(true);
    // Exact links: 60 + 30 + 30 + 20 + 4 ms.
    expect(env.completedAt).toBe(144);
    expect(inbox.map((m) => m.env.id)).toEqual([env.id]);
    const delivered = events('msg.delivered');
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ source: CAR, t: 144, data: { id: 'm-1', status: 'delivered', path: env.path } });
  });

  it('carries car → AC and AC → car along each architecture’s path', () => {
    const expected: Record<string, string[]> = {
      'cloud-cloud': [CAR, 'vehicle-cloud', 'hub', 'home-cloud', 'home/h1/gateway', AC],
      direct: [CAR, 'home-cloud', 'home/h1/gateway', AC],
      'phone-proxy': [CAR, 'phone/u1', 'home-cloud', 'home/h1/gateway', AC],
      local: [CAR, 'home/h1/gateway', AC],
    };
    for (const architecture of ARCHITECTURES) {
      const topology = staticTopology({ phones: { v1: 'u1' }, inLocalRange: () => true });
      const { k, bus, endpoint } = busHarness({ architecture, topology });
      endpoint(AC);
      endpoint(CAR);
      const there = bus.send({ source: CAR, destination: AC, topic: 't', kind: 'command', payload: setTemperature });
      const back = bus.send({ source: AC, destination: CAR, topic: 't', kind: 'event', payload: setTemperature });
      k.clock.runUntilIdle();
      expect(there.hops.map((h) => h.from).concat(AC)).toEqual(expected[architecture]);
      expect(back.hops.map((h) => h.from).concat(CAR)).toEqual([...expected[architecture]!].reverse());
      expect([there.status, back.status]).toEqual(['delivered', 'delivered']);
    }
  });

  it('lets one message override the bus architecture', () => {
    const { k, bus, endpoint } = busHarness({ architecture: 'cloud-cloud' });
    endpoint(AC);
    const env = bus.send({ source: CAR, destination: AC, topic: 't', kind: 'command', payload: null, architecture: 'direct' });
    k.clock.runUntilIdle();
    expect(env.architecture).toBe('direct');
    expect(env.path).toEqual([CAR, 'home-cloud', 'home/h1/gateway', AC]);
  });
});

describe('bus: local direct link', () => {
  it('delivers while the car is in range and fails with an event when it is not', () => {
    let inRange = true;
    const topology = staticTopology({ inLocalRange: (vehicleId, homeId) => inRange && vehicleId === 'v1' && homeId === 'h1' });
    const { k, bus, endpoint, events } = busHarness({ architecture: 'local', topology });
    endpoint(AC);
    const near = bus.send({ source: CAR, destination: AC, topic: 't', kind: 'command', payload: null });
    k.clock.runUntilIdle();
    expect(near.status).toBe('delivered');
    expect(near.completedAt).toBe(3 + 4);

    inRange = false;
    const failures: string[] = [];
    const far = bus.send({ source: CAR, destination: AC, topic: 't', kind: 'command', payload: null }, { onFailure: (r) => failures.push(r) });
    expect(failures).toEqual([]); // reported asynchronously, never from inside send()
    k.clock.runUntilIdle();
    expect(far.status).toBe('failed');
    expect(far.failure).toBe('out-of-range');
    expect(far.hops[0]).toMatchObject({ status: 'failed', error: 'vehicle/v1 is out of local range of home h1' });
    expect(failures).toEqual(['vehicle/v1 is out of local range of home h1']);
    expect(events('msg.failed').map((e) => e.data.id)).toEqual([far.id]);
  });
});

describe('bus: failures are always events', () => {
  it('fails a message with no route, asynchronously, with the reason', () => {
    const { k, bus, events } = busHarness({ architecture: 'phone-proxy' });
    const failures: string[] = [];
    const env = bus.send({ source: 'vehicle/v2', destination: AC, topic: 't', kind: 'command', payload: null }, { onFailure: (r) => failures.push(r) });
    expect(failures).toHaveLength(0);
    k.clock.runUntilIdle();
    expect(env).toMatchObject({ status: 'failed', failure: 'no-route', hops: [] });
    expect(failures[0]).toContain('phone-proxy needs a phone paired with vehicle/v2');
    expect(events('msg.failed')).toHaveLength(1);
  });

  it('fails a message that reaches an address nobody registered', () => {
    const { k, bus, events } = busHarness({ architecture: 'direct' });
    const env = bus.send({ source: CAR, destination: AC, topic: 't', kind: 'command', payload: null });
    k.clock.runUntilIdle();
    expect(env.failure).toBe('no-endpoint');
    expect(env.error).toContain(`bus.register('${AC}'`);
    expect(env.hops.every((h) => h.status === 'delivered')).toBe(true);
    expect(events('msg.failed')).toHaveLength(1);
    expect(events('msg.delivered')).toHaveLength(0);
  });

  it('refuses a second endpoint on one address', () => {
    const { bus, endpoint } = busHarness();
    endpoint(AC);
    expect(() => bus.register(AC, () => {})).toThrow(/already has an endpoint/);
  });
});

describe('bus: observers', () => {
  it('calls subscribers whose MQTT filter matches the delivered topic, with the delivered payload', () => {
    const { k, bus, endpoint } = busHarness({ architecture: 'direct' });
    endpoint(AC);
    endpoint('home/h1/light.hall');
    const seen: string[] = [];
    bus.subscribe('home/+/climate/#', (env) => seen.push(`climate:${env.topic}`));
    const off = bus.subscribe('home/#', (env, payload) => seen.push(`home:${env.topic}:${JSON.stringify(payload)}`));
    bus.subscribe('vehicle/#', (env) => seen.push(`vehicle:${env.topic}`));
    bus.send({ source: CAR, destination: AC, topic: 'home/h1/climate/set', kind: 'command', payload: 1 });
    k.clock.runUntilIdle();
    off();
    bus.send({ source: CAR, destination: 'home/h1/light.hall', topic: 'home/h1/light/set', kind: 'command', payload: 2 });
    bus.send({ source: CAR, destination: AC, topic: 'home/h1/climate/get', kind: 'query', payload: 3 });
    k.clock.runUntilIdle();
    expect(seen).toEqual(['climate:home/h1/climate/set', 'home:home/h1/climate/set:1', 'climate:home/h1/climate/get']);
  });

  it('tells envelope listeners about the send, every hop and the completion', () => {
    const { k, bus, endpoint } = busHarness({ architecture: 'direct' });
    endpoint(AC);
    const phases: string[] = [];
    bus.onEnvelope((phase, env, hop) => phases.push(hop ? `${phase}:${hop.index}@${hop.deliveredAt}` : `${phase}:${env.id}`));
    bus.send({ source: CAR, destination: AC, topic: 't', kind: 'command', payload: null });
    k.clock.runUntilIdle();
    expect(phases).toEqual(['sent:m-1', 'hop:0@60', 'hop:1@80', 'hop:2@84', 'delivered:m-1']);
  });
});

describe('bus: trace context', () => {
  it('chains hop spans: each hop’s parent is the previous hop, the first hop’s is the root span', () => {
    const { k, bus, endpoint } = busHarness();
    endpoint(AC);
    const env: Envelope = bus.send({ source: CAR, destination: AC, topic: 't', kind: 'command', payload: null });
    k.clock.runUntilIdle();
    expect(env.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(env.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(env.hops[0]!.parentSpanId).toBe(env.spanId);
    for (let i = 1; i < env.hops.length; i++) expect(env.hops[i]!.parentSpanId).toBe(env.hops[i - 1]!.spanId);
    expect(new Set([env.spanId, ...env.hops.map((h) => h.spanId)]).size).toBe(env.hops.length + 1);
  });

  it('continues the trace of the message it was caused by, as a child span', () => {
    const { k, bus, endpoint } = busHarness({ architecture: 'direct' });
    endpoint(AC);
    endpoint(CAR);
    const cause = bus.send({ source: AC, destination: CAR, topic: 'alarm', kind: 'event', payload: null });
    const effect = bus.send({ source: CAR, destination: AC, topic: 'ack', kind: 'command', payload: null, causedBy: cause });
    const explicit = bus.send({ source: CAR, destination: AC, topic: 'x', kind: 'command', payload: null, traceId: cause.traceId, parentSpanId: effect.spanId });
    const unrelated = bus.send({ source: CAR, destination: AC, topic: 'x', kind: 'command', payload: null });
    k.clock.runUntilIdle();
    expect(effect).toMatchObject({ traceId: cause.traceId, parentSpanId: cause.spanId });
    expect(explicit).toMatchObject({ traceId: cause.traceId, parentSpanId: effect.spanId });
    expect(unrelated.traceId).not.toBe(cause.traceId);
    expect(unrelated.parentSpanId).toBeUndefined();
    expect(k.events.lines().every((line) => !line.includes('undefined'))).toBe(true);
  });

  it('refuses a parent span without its trace rather than splitting the trace', () => {
    const { bus } = busHarness();
    expect(() => bus.send({ source: CAR, destination: AC, topic: 't', kind: 'command', payload: null, parentSpanId: 'aaaaaaaaaaaaaaaa' })).toThrow(/needs its traceId/);
  });

  it('numbers messages m-1, m-2, … in send order', () => {
    const { bus } = busHarness();
    const ids = [1, 2, 3].map(() => bus.send({ source: CAR, destination: AC, topic: 't', kind: 'command', payload: null }).id);
    expect(ids).toEqual(['m-1', 'm-2', 'm-3']);
  });
});
