// Pooling a message's strings must never change what the message says, whatever shape a hostile feed gives it, and
// the pool must stay bounded when every value is new.
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../protocol';
import { MAX_POOLED, MessageInterner } from './message-interner';

const message = (id: number): Envelope => ({
  id: `m-${id}`, traceId: `t${id}`, spanId: `s${id}`, source: 'vehicle/car1', destination: 'home/h1/lock', topic: 'lock/unlock', kind: 'command', payload: { a: 'x' },
  architecture: 'cloud-cloud', createdAt: id, path: ['vehicle/car1', 'vehicle-cloud', 'home/h1/lock'], status: 'delivered',
  hops: [
    { index: 0, from: 'vehicle/car1', to: 'vehicle-cloud', link: 'cellular', spanId: `a${id}`, parentSpanId: `s${id}`, sentAt: 0, deliveredAt: 5, attempts: 1, status: 'delivered', format: 'vehicle-cloud/v1' },
    { index: 1, from: 'vehicle-cloud', to: 'home/h1/lock', link: 'internet', spanId: `b${id}`, parentSpanId: `a${id}`, sentAt: 5, deliveredAt: 9, attempts: 1, status: 'delivered', payload: { b: 1 } },
  ],
});

describe('message interner', () => {
  it('leaves every message saying what it said, and gives messages on one route one path array', () => {
    const interner = new MessageInterner();
    const a = message(1);
    const b = message(2);
    expect(interner.envelope(structuredClone(a))).toEqual(a);
    const pooledA = interner.envelope(structuredClone(a));
    const pooledB = interner.envelope(structuredClone(b));
    expect(pooledB).toEqual(b);
    expect(pooledB.path).toBe(pooledA.path);
    const other = { ...message(3), path: ['vehicle/car1', 'home/h1/lock'] };
    expect(interner.envelope(structuredClone(other)).path).not.toBe(pooledA.path);
    // Ends with a line break in them must not be taken for another route's ends joined.
    const joined = interner.envelope({ ...message(4), path: ['vehicle/car1\nvehicle-cloud', 'home/h1/lock'] });
    expect(joined.path).toEqual(['vehicle/car1\nvehicle-cloud', 'home/h1/lock']);
  });

  it('takes hostile shapes without throwing or changing them', () => {
    const interner = new MessageInterner();
    const odd = [
      { ...message(1), hops: null },
      { ...message(1), hops: [null, 3, 'x', { index: 0 }] },
      { ...message(1), path: ['a', 7, null] },
      { ...message(1), path: 'not an array' },
      { ...message(1), source: 42, topic: undefined },
    ] as unknown as Envelope[];
    for (const e of odd) expect(interner.envelope(structuredClone(e))).toEqual(e);
  });

  it('stops pooling at MAX_POOLED values, and still returns each value as it was', () => {
    const interner = new MessageInterner();
    for (let i = 0; i < MAX_POOLED + 500; i++) expect(interner.string(`topic-${i}`)).toBe(`topic-${i}`);
    // Past the cap a value is not pooled: the pool (a private map) holds exactly MAX_POOLED.
    expect((interner as unknown as { pool: Map<string, string> }).pool.size).toBe(MAX_POOLED);
    interner.clear();
    expect((interner as unknown as { pool: Map<string, string> }).pool.size).toBe(0);
  });
});
