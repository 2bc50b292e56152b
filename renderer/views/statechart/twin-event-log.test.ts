import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../../protocol';
import { concerns, mergeLog, twinMessages } from './twin-event-log';

const msg = (id: string, source: string, destination: string, createdAt: number): Envelope => ({
  id, traceId: id, spanId: 's', source, destination, topic: 'lock/unlock', kind: 'command', payload: null, architecture: 'cloud-cloud',
  createdAt, path: [], hops: [], status: 'delivered',
});

describe('per-twin event log', () => {
  it('takes messages to or from the twin or the device it belongs to, and no neighbour whose name starts the same', () => {
    expect(concerns(msg('1', 'home-cloud', 'home/h1/lock.front_door', 0), 'home/h1/lock.front_door')).toBe('in');
    expect(concerns(msg('2', 'vehicle/car1', 'home-cloud', 0), 'vehicle/car1/screen')).toBe('out');
    expect(concerns(msg('3', 'home-cloud', 'home/h1/lock.front_door2', 0), 'home/h1/lock.front_door')).toBeUndefined();
    expect(concerns(msg('4', 'home-cloud', 'vehicle/car10', 0), 'vehicle/car1/screen')).toBeUndefined();
  });

  it('keeps the newest messages in time order and merges the state changes seen', () => {
    const list = [msg('a', 'x', 'home/h1/lock', 10), msg('b', 'x', 'other', 20), msg('c', 'home/h1/lock', 'x', 30), msg('d', 'x', 'home/h1/lock', 40)];
    const log = { size: list.length, at: (i: number) => list[i] };
    expect(twinMessages(log, 'home/h1/lock').map((e) => e.kind === 'message' && e.id)).toEqual(['a', 'c', 'd']);
    expect(twinMessages(log, 'home/h1/lock', 2).map((e) => e.kind === 'message' && e.id)).toEqual(['c', 'd']);
    const merged = mergeLog(twinMessages(log, 'home/h1/lock'), [{ kind: 'state', t: 30, seq: 1, from: 'locked', to: 'unlocked' }]);
    expect(merged.map((e) => e.kind)).toEqual(['message', 'message', 'state', 'message']);
  });

  it('keeps state changes at one virtual time in the stream\'s order, after the message that caused them', () => {
    const list = [msg('m', 'x', 'home/h1/lock', 10)];
    const log = { size: list.length, at: (i: number) => list[i] };
    const states = [3, 4, 5].map((seq, i) => ({ kind: 'state' as const, t: 10, seq, from: `s${i}`, to: `s${i + 1}` }));
    const merged = mergeLog(twinMessages(log, 'home/h1/lock'), states);
    expect(merged.map((e) => (e.kind === 'state' ? e.seq : e.id))).toEqual(['m', 3, 4, 5]);
  });
});
