import { describe, expect, it } from 'vitest';
import { hopResource, maxMinFairShare } from './bandwidth';

describe('maxMinFairShare', () => {
  const cap = (caps: Record<string, number>) => (r: string) => caps[r]!;

  it('splits a link equally between elastic flows', () => {
    const rates = maxMinFairShare([{ id: 'a', demandKbps: Infinity, resources: ['l'] }, { id: 'b', demandKbps: Infinity, resources: ['l'] }], cap({ l: 1000 }));
    expect(rates.get('a')).toBeCloseTo(500);
    expect(rates.get('b')).toBeCloseTo(500);
  });

  it('gives a capped flow its demand and the rest to the others (max-min, not equal split)', () => {
    const rates = maxMinFairShare([{ id: 'video', demandKbps: 200, resources: ['l'] }, { id: 'file', demandKbps: Infinity, resources: ['l'] }], cap({ l: 1000 }));
    expect(rates.get('video')).toBeCloseTo(200);
    expect(rates.get('file')).toBeCloseTo(800);
  });

  it('limits a flow by its narrowest link and lets the others use what it leaves', () => {
    // a crosses x (slow) and y; b crosses only y: a gets x's 100, b the remaining 900 of y.
    const rates = maxMinFairShare([{ id: 'a', demandKbps: Infinity, resources: ['x', 'y'] }, { id: 'b', demandKbps: Infinity, resources: ['y'] }], cap({ x: 100, y: 1000 }));
    expect(rates.get('a')).toBeCloseTo(100);
    expect(rates.get('b')).toBeCloseTo(900);
  });

  it('gives nothing over a link of zero capacity, and never more than the capacity in total', () => {
    const rates = maxMinFairShare([{ id: 'a', demandKbps: 500, resources: ['dead'] }, { id: 'b', demandKbps: 700, resources: ['l'] }, { id: 'c', demandKbps: 700, resources: ['l'] }], cap({ dead: 0, l: 1000 }));
    expect(rates.get('a')).toBe(0);
    expect(rates.get('b')! + rates.get('c')!).toBeCloseTo(1000);
  });

  it('gives a zero-demand flow nothing and a flow on no resource its demand', () => {
    const rates = maxMinFairShare([{ id: 'z', demandKbps: 0, resources: ['l'] }, { id: 'free', demandKbps: 300, resources: [] }], cap({ l: 10 }));
    expect(rates.get('z')).toBe(0);
    expect(rates.get('free')).toBe(300);
  });
});

describe('hopResource', () => {
  it('names a car’s cellular uplink the same whichever cloud it goes to', () => {
    expect(hopResource('vehicle/car1', 'vehicle-cloud', 'cellular').id).toBe('cellular/vehicle/car1/up');
    expect(hopResource('vehicle/car1', 'home-cloud', 'cellular').id).toBe('cellular/vehicle/car1/up');
    expect(hopResource('home-cloud', 'vehicle/car1', 'cellular').id).toBe('cellular/vehicle/car1/down');
  });

  it('puts a home’s devices on one Wi-Fi and its gateway on one broadband line', () => {
    expect(hopResource('home/h1/camera.front_door', 'home/h1/gateway', 'lan').id).toBe('lan/home/h1/gateway/up');
    expect(hopResource('home/h1/gateway', 'home/h1/storage.nas', 'lan').id).toBe('lan/home/h1/gateway/down');
    expect(hopResource('home/h1/gateway', 'home-cloud', 'home-broadband').id).toBe('home-broadband/home/h1/gateway/up');
    expect(hopResource('vehicle/car1', 'home/h1/gateway', 'near-field')).toMatchObject({ party: 'vehicle/car1', direction: 'up' });
  });

  it('refuses an address it cannot read', () => {
    expect(() => hopResource('nowhere', 'hub', 'internet')).toThrow(/unknown address in nowhere/);
  });
});
