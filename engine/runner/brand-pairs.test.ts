// The pilots' figures per brand pair: a message counts for the pair of the car and the home at its two ends,
// read from the brand clouds on its path when one end is a cloud; a pair that exchanged nothing reports no
// success rate (nothing measured is not 100 %), so an expectation on it fails.
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../twins/bus/envelope';
import type { Json } from '../../twins/kernel/types';
import { MetricsCollector } from './metrics';

const brands = { vehicles: new Map([['car1', 'volta'], ['car2', 'kodiak']]), homes: new Map([['h1', 'thermia'], ['h2', 'lumo']]) };

let seq = 0;
function message(type: 'msg.delivered' | 'msg.failed', env: Partial<Envelope>, t = 100) {
  const data = {
    id: `m-${++seq}`, kind: 'command', createdAt: 0, completedAt: t, hops: [], path: [env.source, env.destination], ...env,
  } as unknown as { [key: string]: Json };
  return { seq, t, type, source: 'bus', data };
}

describe('brand-pair metrics', () => {
  it('counts accesses either way: a request succeeds when its response is back, with the round trip as latency', () => {
    const m = new MetricsCollector(brands);
    const cmd = message('msg.delivered', { source: 'vehicle/car1', destination: 'home/h1/climate.living_room' }, 120);
    m.observe(cmd);
    m.observe(message('msg.delivered', { kind: 'response', correlationId: cmd.data.id as string, source: 'home/h1/climate.living_room', destination: 'vehicle/car1', createdAt: 150 }, 300));
    const query = message('msg.delivered', { kind: 'query', source: 'home-cloud/thermia', destination: 'vehicle/car1', path: ['home-cloud/thermia', 'hub', 'vehicle-cloud/volta', 'vehicle/car1'] }, 200);
    m.observe(query);
    m.observe(message('msg.failed', { kind: 'response', correlationId: query.data.id as string, source: 'vehicle/car1', destination: 'home-cloud/thermia', failure: 'lost' }));
    m.observe(message('msg.failed', { source: 'vehicle/car1', destination: 'home/h1/light.hallway', failure: 'untranslatable' }));
    m.observe(message('msg.delivered', { source: 'vehicle/car1', destination: 'home/h1/lock.front_door' }));
    m.observe(message('msg.delivered', { kind: 'event', source: 'vehicle/car2', destination: 'home/h2/gateway' }, 80));
    const { brandPairs, named } = m.result();
    const volta = brandPairs!.find((p) => p.vehicleBrand === 'volta' && p.homeBrand === 'thermia')!;
    expect(volta).toMatchObject({ messages: 4, delivered: 1, failed: 3, failuresByReason: { lost: 1, untranslatable: 1, unanswered: 1 } });
    expect(volta.successRate).toBe(0.25);
    expect(named['pair.volta.thermia.latency.p95']).toBe(300);
    expect(named['pair.volta.thermia.failures.unanswered']).toBe(1);
    expect(named['pair.kodiak.lumo.success_rate']).toBe(1);
    expect(named['pair.kodiak.lumo.latency.p50']).toBe(80);
  });

  it('lists every declared pair, and a pair that exchanged nothing has no success rate', () => {
    const m = new MetricsCollector(brands);
    m.observe(message('msg.delivered', { kind: 'event', source: 'vehicle/car1', destination: 'home/h1/climate.living_room' }));
    const { brandPairs, named } = m.result();
    expect(brandPairs!.map((p) => `${p.vehicleBrand}×${p.homeBrand}`)).toEqual(['kodiak×lumo', 'kodiak×thermia', 'volta×lumo', 'volta×thermia']);
    expect(named['pair.kodiak.lumo.messages']).toBe(0);
    expect(named['pair.kodiak.lumo.success_rate']).toBeUndefined();
    expect(named['pair.kodiak.lumo.latency.p50']).toBeUndefined();
  });

  it('ignores messages inside one side (device → its gateway) and runs without brands as before', () => {
    const m = new MetricsCollector(brands);
    m.observe(message('msg.delivered', { source: 'home/h1/light.hallway', destination: 'home/h1/gateway' }));
    expect(m.result().named['pair.volta.thermia.messages']).toBe(0);
    const plain = new MetricsCollector();
    plain.observe(message('msg.delivered', { source: 'vehicle/car1', destination: 'home/h1/climate.living_room' }));
    expect(plain.result().brandPairs).toBeUndefined();
    expect(Object.keys(plain.result().named).some((n) => n.startsWith('pair.'))).toBe(false);
  });
});
