// The map's message arcs and pulses from message batches: which messages join a car and its home, how far along a
// message is, which moments pulse — and messages that must draw nothing (a home talking to its own cloud, a phone,
// a hostile address, a refusal that is only an ordinary failure).
import { describe, expect, it } from 'vitest';
import type { Envelope, SessionInfo } from '../../protocol';

type Hop = Envelope['hops'][number];
import { MAX_FLIGHTS, MapEvents, endOf, progressOf, pulseOf } from './map-events';

const hop = (status: Hop['status'], sentAt: number, link = 'cellular'): Hop => ({ index: 0, from: 'a', to: 'b', link, spanId: 's', parentSpanId: 'p', sentAt, attempts: 1, status });

function env(over: Partial<Envelope>): Envelope {
  return {
    id: 'm-1', traceId: 't', spanId: 's', source: 'vehicle/car1', destination: 'home/h1/lock.front_door', topic: 'lock/unlock', kind: 'command', payload: {},
    architecture: 'cloud-cloud', createdAt: 1000, path: ['vehicle/car1', 'vehicle-cloud', 'home-cloud', 'home/h1/lock.front_door'], hops: [hop('in-flight', 1000)],
    status: 'in-flight', ...over,
  };
}

const session = { vehicles: [{ id: 'car1', homeId: 'h1' }] } as unknown as SessionInfo;

function events(): MapEvents {
  const m = new MapEvents(() => 0);
  m.setSession(session);
  return m;
}

describe('MapEvents flights', () => {
  it('remembers where an address is on the map without mixing addresses up, past its bound too', () => {
    const m = events();
    // More distinct addresses than the cache keeps (10,000), hostile ones among them: each still resolves on its own.
    const cars = Array.from({ length: 10_050 }, (_, i) => `vehicle/car${i}`);
    const odd = ['', '/', 'vehicle/', 'home//x', 'vehicle'];
    const envelopes = [...cars, ...odd, ...cars.slice(0, 3)].map((source, i) => env({ id: `m-${i}`, source, destination: `home/h${i % 7}/lock` }));
    m.apply({ envelopes: envelopes.slice(0, 6_000), total: envelopes.length, reset: true });
    m.apply({ envelopes: envelopes.slice(6_000), total: envelopes.length, reset: false });
    const flights = [...m.flights.values()];
    expect(flights.length).toBeGreaterThan(0);
    for (const f of flights) {
      const e = envelopes[Number(f.id.slice(2))]!;
      expect(f.from).toEqual(endOf(e.source));
      expect(f.to).toEqual(endOf(e.destination));
    }
    expect(odd.map(endOf)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(flights.some((f) => f.id === `m-${envelopes.length - 1}`)).toBe(true); // car2 again, from the cache
  });

  it('draws an arc per message in flight between a car and a home, and drops it when it arrives', () => {
    const m = events();
    m.apply({ envelopes: [env({})], total: 1, reset: true });
    expect([...m.flights.values()]).toEqual([expect.objectContaining({ from: { vehicle: 'car1' }, to: { home: 'h1' }, architecture: 'cloud-cloud', hops: 3, hopsDone: 0 })]);
    m.apply({ envelopes: [env({ status: 'delivered' })], total: 1, reset: false });
    expect(m.flights.size).toBe(0);
  });

  it('puts a cloud end at the home (or car) on the far side, and draws nothing within one home or for a phone', () => {
    const m = events();
    m.apply({ envelopes: [
      env({ id: 'a', source: 'home-cloud', destination: 'vehicle/car1' }),
      env({ id: 'b', source: 'home/h1/lock.front_door', destination: 'home-cloud' }),
      env({ id: 'c', source: 'home-cloud', destination: 'phone/alice' }),
      env({ id: 'd', source: 'home-cloud', destination: 'vehicle/unknown' }),
      env({ id: 'e', source: 'vehicle/', destination: 'home/' }),
      env({ id: 'f', source: 'vehicle/car1', destination: 'vehicle-cloud' }),
    ], total: 6, reset: true });
    expect([...m.flights.keys()]).toEqual(['a']);
    expect(m.flights.get('a')).toMatchObject({ from: { home: 'h1' }, to: { vehicle: 'car1' } });
  });

  it('keeps only the newest flights', () => {
    const m = events();
    m.apply({ envelopes: Array.from({ length: MAX_FLIGHTS + 10 }, (_, i) => env({ id: `m-${i}` })), total: MAX_FLIGHTS + 10, reset: true });
    expect(m.flights.size).toBe(MAX_FLIGHTS);
    expect(m.flights.has('m-0')).toBe(false);
  });

  it('moves a message along its arc hop by hop in virtual time, never past the end while in flight', () => {
    const m = events();
    m.apply({ envelopes: [env({ hops: [hop('delivered', 1000), hop('in-flight', 1060, 'internet')] })], total: 1, reset: true });
    const f = m.flights.get('m-1')!;
    expect(progressOf(f, 1060)).toBeCloseTo(1 / 3);
    expect(progressOf(f, 1075)).toBeCloseTo((1 + 0.5) / 3);
    expect(progressOf(f, 99_999)).toBeLessThan(2 / 3);
    expect(progressOf(f, 0)).toBeCloseTo(1 / 3); // a clock behind the hop does not move the dot back past it
  });
});

describe('MapEvents pulses', () => {
  const ring = env({ id: 'r', source: 'home/h1/lock.front_door', destination: 'home-cloud', kind: 'event', payload: { attributes: { event_type: 'doorbell_pressed' } } });

  it('pulses a doorbell ring at the home once, however often the message changes', () => {
    const m = events();
    m.apply({ envelopes: [ring], total: 1, reset: true });
    m.apply({ envelopes: [{ ...ring, status: 'delivered' }], total: 1, reset: false });
    expect(m.pulses).toEqual([expect.objectContaining({ kind: 'doorbell', at: { home: 'h1' } })]);
    expect(m.pulseCounts.doorbell).toBe(1);
    m.apply({ envelopes: [], total: 0, reset: true });
    expect(m.pulses).toEqual([]);
    expect(m.pulseCounts.doorbell).toBe(0);
  });

  it('tells an alarm, a rainstorm, a refused attack apart, and ignores ordinary failures', () => {
    expect(pulseOf(env({ payload: { attributes: { event_type: 'alarm_raised' } } }))).toBe('alarm');
    expect(pulseOf(env({ payload: { params: { weatherAlert: 'rainstorm' } } }))).toBe('rain');
    // Translated by a gateway: the hop's payload counts.
    expect(pulseOf(env({ payload: 'opaque', hops: [{ ...hop('delivered', 0), payload: { attributes: { weather_alert: 'rainstorm' } } }] }))).toBe('rain');
    expect(pulseOf(env({ kind: 'response', payload: { success: false, error: 'refused (forged signature)' } }))).toBe('refused');
    expect(pulseOf(env({ status: 'failed', failure: 'refused' }))).toBe('refused');
    expect(pulseOf(env({ kind: 'response', payload: { success: false, error: 'jammed' } }))).toBeUndefined();
    expect(pulseOf(env({ status: 'failed', failure: 'timeout' }))).toBeUndefined();
    expect(pulseOf(env({ payload: { attributes: { event_type: 'doorbell' } } }))).toBeUndefined();
    expect(pulseOf(env({ payload: null }))).toBeUndefined();
  });

  it('places a refusal at the refusing home', () => {
    const m = events();
    m.apply({ envelopes: [env({ kind: 'response', source: 'home/h1/lock.front_door', destination: 'vehicle/car1', status: 'delivered', payload: { success: false, error: 'refused (x)' } })], total: 1, reset: true });
    expect(m.pulses[0]).toMatchObject({ kind: 'refused', at: { home: 'h1' } });
  });

  it('reads only vehicle and home addresses as places', () => {
    expect(endOf('vehicle/car1/screen')).toEqual({ vehicle: 'car1' });
    expect(endOf('home/h1')).toEqual({ home: 'h1' });
    expect(endOf('home-cloud')).toBeUndefined();
    expect(endOf('phone/alice/screen')).toBeUndefined();
  });
});
