// The flow view's log takes whole envelopes and updates (MessageBatch.updates): an update merges into the copy held,
// and one it cannot merge — a message it does not hold, a base it has not reached, a malformed one — changes nothing.
import { describe, expect, it } from 'vitest';
import type { Envelope, EnvelopeUpdate } from '../../protocol';
import type { Hop } from '../../twins/bus/envelope';
import { MessageLog, type MessageLogObserver } from './message-log';

const hop = (index: number, status: Hop['status']): Hop => ({ index, from: `n${index}`, to: `n${index + 1}`, link: 'internet', spanId: `h${index}`, parentSpanId: 's', sentAt: index * 10, attempts: 1, status });
const envelope = (id: number, hops: Hop[], status: Envelope['status'] = 'in-flight'): Envelope => ({
  id: `m-${id}`, traceId: `t${id}`, spanId: 's', source: 'vehicle/car1', destination: 'home/h1/lock', topic: 'lock/unlock', kind: 'command', payload: null,
  architecture: 'cloud-cloud', createdAt: id, path: ['n0', 'n1', 'n2', 'n3'], hops, status,
});

describe('message log updates', () => {
  it('merges an update into the message held, tells observers what it replaced, and returns the merged state', () => {
    const log = new MessageLog();
    const seen: [string, string | undefined][] = [];
    const observer: MessageLogObserver = { upsert: (next, previous) => void seen.push([next.status, previous?.status]), reset: () => undefined };
    log.observe(observer);
    log.apply({ reset: true, total: 1, envelopes: [envelope(1, [hop(0, 'in-flight')])] });
    const update: EnvelopeUpdate = { id: 'm-1', status: 'failed', completedAt: 50, error: 'lost on the internet link', failure: 'lost', hopsFrom: 0, hops: [hop(0, 'delivered'), hop(1, 'lost')] };
    const taken = log.apply({ reset: false, total: 1, envelopes: [], updates: [update] });
    const held = log.get('m-1')!;
    expect(taken).toEqual([held]);
    expect(held).toMatchObject({ status: 'failed', completedAt: 50, failure: 'lost', payload: null, topic: 'lock/unlock' });
    expect(held.hops.map((h) => h.status)).toEqual(['delivered', 'lost']);
    expect(log.failed).toBe(1);
    expect(seen).toEqual([['in-flight', undefined], ['failed', 'in-flight']]);
    expect(log.changesSince(0)).toEqual([0]);
  });

  it('drops updates it cannot merge: unknown message, a base past the hops held, a malformed one', () => {
    const log = new MessageLog();
    log.apply({ reset: true, total: 1, envelopes: [envelope(1, [hop(0, 'in-flight')])] });
    const before = log.get('m-1');
    const hostile = [
      { id: 'm-404', status: 'delivered', hopsFrom: 0, hops: [] },
      { id: 'm-1', status: 'delivered', hopsFrom: 3, hops: [hop(3, 'delivered')] }, // builds on hops 0–2 it never got
      { id: 'm-1', status: 'delivered', hopsFrom: -1, hops: [] },
      { id: 'm-1', status: 'delivered', hopsFrom: 0.5, hops: [] },
      { id: 'm-1', status: 'delivered', hopsFrom: 0, hops: null },
    ] as unknown as EnvelopeUpdate[];
    expect(log.apply({ reset: false, total: 1, envelopes: [], updates: hostile })).toEqual([]);
    expect(log.get('m-1')).toBe(before);
    expect(log.size).toBe(1);
  });
});
