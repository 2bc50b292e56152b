// The flow view's log takes whole envelopes and updates (MessageBatch.updates): an update merges into the copy held,
// and one it cannot merge — a message it does not hold, a base it has not reached, a malformed one — changes nothing.
import { describe, expect, it } from 'vitest';
import type { Envelope, EnvelopeUpdate } from '../../protocol';
import type { Hop } from '../../twins/bus/envelope';
import { MAX_MESSAGES, MessageLog, type MessageLogObserver } from './message-log';

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

  it('merges an update into the held envelope itself and moves that message\'s revision only', () => {
    const log = new MessageLog();
    log.apply({ reset: true, total: 2, envelopes: [envelope(1, [hop(0, 'in-flight')]), envelope(2, [hop(0, 'in-flight')])] });
    const held = log.get('m-1')!;
    expect([log.revision(0), log.revision(1)]).toEqual([0, 0]);
    log.apply({ reset: false, total: 2, envelopes: [], updates: [{ id: 'm-1', status: 'delivered', completedAt: 20, hopsFrom: 0, hops: [hop(0, 'delivered'), hop(1, 'delivered')] }] });
    // Views holding the envelope see the new state; the revision is what tells them it changed.
    expect(log.get('m-1')).toBe(held);
    expect(held).toMatchObject({ status: 'delivered', completedAt: 20 });
    expect(held.hops.map((h) => h.status)).toEqual(['delivered', 'delivered']);
    expect([log.revision(0), log.revision(1)]).toEqual([1, 0]);
    expect(log.seqOfId('m-1')).toBe(0);
    // Sent whole again (a page re-attached), the message is replaced and its revision moves on.
    log.apply({ reset: false, total: 2, envelopes: [envelope(1, [hop(0, 'delivered'), hop(1, 'delivered')], 'delivered')] });
    expect(log.revision(0)).toBe(2);
    expect(log.revision(5)).toBe(-1);
    expect(log.revision(-1)).toBe(-1);
  });

  it('does not bring back a message it dropped as old when a late update for it arrives', () => {
    const log = new MessageLog();
    const count = MAX_MESSAGES + 6_000;
    log.apply({ reset: true, total: count, envelopes: Array.from({ length: count }, (_, i) => envelope(i, [hop(0, 'in-flight')])) });
    expect(log.get('m-0')).toBeUndefined();
    const size = log.size;
    const first = log.at(0)!;
    const taken = log.apply({ reset: false, total: count, envelopes: [], updates: [{ id: 'm-0', status: 'delivered', completedAt: 20, hopsFrom: 0, hops: [hop(0, 'delivered')] }] });
    expect(taken).toEqual([]);
    expect(log.get('m-0')).toBeUndefined();
    expect(log.size).toBe(size);
    expect(log.at(0)).toBe(first);
    // The oldest kept one still takes its update, at its revision.
    const seq = log.firstSeq;
    log.apply({ reset: false, total: count, envelopes: [], updates: [{ id: first.id, status: 'delivered', completedAt: 20, hopsFrom: 0, hops: [hop(0, 'delivered')] }] });
    expect(log.at(0)!.status).toBe('delivered');
    expect(log.revision(seq)).toBe(1);
  });

  it('counts failures across in-place changes and tells observers the state before each', () => {
    const log = new MessageLog();
    const seen: string[] = [];
    log.observe({ upsert: (next, previous) => void seen.push(`${previous?.status ?? 'new'}→${next.status}@${previous?.completedAt ?? '-'}`), reset: () => undefined });
    log.apply({ reset: true, total: 1, envelopes: [envelope(1, [hop(0, 'in-flight')])] });
    log.apply({ reset: false, total: 1, envelopes: [], updates: [{ id: 'm-1', status: 'failed', completedAt: 9, error: 'lost', failure: 'lost', hopsFrom: 0, hops: [hop(0, 'lost')] }] });
    expect(log.failed).toBe(1);
    log.apply({ reset: false, total: 1, envelopes: [envelope(1, [hop(0, 'delivered')], 'delivered')] });
    expect(log.failed).toBe(0);
    expect(seen).toEqual(['new→in-flight@-', 'in-flight→failed@-', 'failed→delivered@9']);
  });
});

