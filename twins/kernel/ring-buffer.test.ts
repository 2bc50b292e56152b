import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer';

describe('RingBuffer', () => {
  it('keeps every item, in order, until it is full', () => {
    const ring = new RingBuffer<number>(3);
    ring.push(1);
    ring.push(2);
    expect(ring.toArray()).toEqual([1, 2]);
    expect(ring.size).toBe(2);
    expect(ring.dropped).toBe(0);
  });

  it('drops the oldest once full and counts what it dropped', () => {
    const ring = new RingBuffer<number>(3);
    for (let i = 1; i <= 7; i++) ring.push(i);
    expect(ring.toArray()).toEqual([5, 6, 7]);
    expect(ring.size).toBe(3);
    expect(ring.pushed).toBe(7);
    expect(ring.dropped).toBe(4);
    expect([ring.at(0), ring.at(2), ring.at(3), ring.at(-1), ring.at(0.5)]).toEqual([5, 7, undefined, undefined, undefined]);
  });

  it('gives the newest matching items oldest first, across the wrap', () => {
    const ring = new RingBuffer<number>(5);
    for (let i = 1; i <= 8; i++) ring.push(i); // holds 4..8, wrapped
    expect(ring.newest(2)).toEqual([7, 8]);
    expect(ring.newest(10, (n) => n % 2 === 0)).toEqual([4, 6, 8]);
    expect(ring.newest(0)).toEqual([]);
  });

  it('a capacity of one keeps the last item only', () => {
    const ring = new RingBuffer<string>(1);
    ring.push('a');
    ring.push('b');
    expect(ring.toArray()).toEqual(['b']);
  });

  it('starts empty again after clear', () => {
    const ring = new RingBuffer<number>(2);
    ring.push(1);
    ring.push(2);
    ring.push(3);
    ring.clear();
    expect(ring.toArray()).toEqual([]);
    expect(ring.pushed).toBe(0);
    ring.push(4);
    expect(ring.toArray()).toEqual([4]);
  });

  it('refuses a capacity that is not a positive whole number', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => new RingBuffer(bad)).toThrow(/at least one item/);
  });
});
