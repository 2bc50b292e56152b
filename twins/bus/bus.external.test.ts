// External parties: hops into a party outside the simulation wait for the wire, take its measured latency, and
// what is addressed to the party goes to its deliver handler instead of the in-simulation endpoint.
import { describe, expect, it } from 'vitest';
import type { ExternalParty, WireOutcome } from './bus-types';
import type { Envelope, Hop } from './envelope';
import { busHarness, hopList } from './test-support/bus-harness';

const CAR = 'vehicle/v1';
const LOCK = 'home/h1/lock.front_door';
const unlock = { deviceId: 'lock.front_door', capability: 'lock', command: 'unlock', attributes: {} };

/** A wire the test completes by hand, as a connector would when the real reply comes in. */
function manualWire() {
  const carried: { env: Envelope; hop: Hop; done: (o: WireOutcome) => void }[] = [];
  const delivered: Envelope[] = [];
  const party: ExternalParty = {
    carry: (env, hop, _payload, done) => void carried.push({ env, hop, done }),
    deliver: (env) => void delivered.push(env),
  };
  return { party, carried, delivered };
}

describe('bus: external parties', () => {
  it('holds the hop into an external relay until the wire answers, then carries on with the measured latency', () => {
    const { k, bus, endpoint } = busHarness({ architecture: 'direct' });
    const lock = endpoint(LOCK);
    const wire = manualWire();
    bus.externalize('home-cloud', wire.party);
    const env = bus.send({ source: CAR, destination: LOCK, topic: 'lock/unlock', kind: 'command', payload: unlock });
    k.clock.runUntil(10_000);
    // The car → home-cloud hop is on the wire: nothing moves on until it answers.
    expect(wire.carried.map((c) => `${c.hop.from} → ${c.hop.to}`)).toEqual(['vehicle/v1 → home-cloud']);
    expect(env.status).toBe('in-flight');
    expect(lock).toHaveLength(0);
    wire.carried[0]!.done({ ok: true, latencyMs: 7.5 });
    k.clock.runUntilIdle();
    expect(env.status).toBe('delivered');
    expect(hopList(env)).toEqual(['vehicle/v1 → home-cloud [cellular]', 'home-cloud → home/h1/gateway [home-broadband]', 'home/h1/gateway → home/h1/lock.front_door [lan]']);
    // The wire started at t = 0; virtual time had already run to 10 s, so the hop lands at once (not in the past).
    expect(env.hops[0]).toMatchObject({ measured: true, sentAt: 0, deliveredAt: 10_000, status: 'delivered' });
    expect(env.hops[1]!.measured).toBeUndefined();
    expect(lock.map((m) => m.env.id)).toEqual([env.id]);
  });

  it('places the arrival at sent time + measured latency when the clock waited for the wire', () => {
    const { k, bus, endpoint } = busHarness({ architecture: 'direct' });
    endpoint(LOCK);
    const wire = manualWire();
    bus.externalize('home-cloud', wire.party);
    const env = bus.send({ source: CAR, destination: LOCK, topic: 'lock/unlock', kind: 'command', payload: unlock });
    wire.carried[0]!.done({ ok: true, latencyMs: 12 });
    k.clock.runUntilIdle();
    expect(env.hops[0]).toMatchObject({ sentAt: 0, deliveredAt: 12, measured: true });
  });

  it('fails the message with the wire’s reason and code, as one msg.failed event', () => {
    const { k, bus, endpoint, events } = busHarness({ architecture: 'direct' });
    endpoint(LOCK);
    const wire = manualWire();
    bus.externalize('home-cloud', wire.party);
    const env = bus.send({ source: CAR, destination: LOCK, topic: 'lock/unlock', kind: 'command', payload: unlock });
    wire.carried[0]!.done({ ok: false, latencyMs: 2_000, error: 'home-cloud (http://127.0.0.1:1): no reply within 2000 ms', failure: 'timeout' });
    wire.carried[0]!.done({ ok: true, latencyMs: 1 }); // a late second answer is ignored
    k.clock.runUntilIdle();
    expect(env).toMatchObject({ status: 'failed', failure: 'timeout', completedAt: 2_000 });
    expect(env.hops[0]).toMatchObject({ status: 'failed', measured: true, error: 'home-cloud (http://127.0.0.1:1): no reply within 2000 ms' });
    expect(events('msg.failed')).toHaveLength(1);
  });

  it('hands messages addressed to the external party to its deliver handler, not the in-simulation endpoint', () => {
    const { k, bus, endpoint } = busHarness({ architecture: 'direct' });
    const inside = endpoint('home-cloud');
    const wire = manualWire();
    const restore = bus.externalize('home-cloud', wire.party);
    const env = bus.send({ source: LOCK, destination: 'home-cloud', topic: 'event/doorbell', kind: 'event', payload: null });
    k.clock.runUntil(100);
    expect(wire.carried.map((c) => c.hop.to)).toEqual(['home-cloud']);
    wire.carried[0]!.done({ ok: true, latencyMs: 3 });
    k.clock.runUntilIdle();
    expect(wire.delivered.map((e) => e.id)).toEqual([env.id]);
    expect(inside).toHaveLength(0);
    // Brought back inside, the party is an ordinary endpoint again.
    restore();
    bus.send({ source: LOCK, destination: 'home-cloud', topic: 'event/doorbell', kind: 'event', payload: null });
    k.clock.runUntilIdle();
    expect(inside).toHaveLength(1);
    expect(() => bus.externalize('hub', wire.party)).not.toThrow();
    expect(() => bus.externalize('hub', wire.party)).toThrow(/already external/);
  });
});
