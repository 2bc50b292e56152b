// Merging an update in place (mergeUpdate, what the page's log does) must give exactly what applyUpdate's copy gives,
// and an update that does not fit must leave the held envelope as it was.
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../twins/bus/envelope';
import type { EnvelopeUpdate } from './live-types';
import { applyUpdate, envelopeUpdate, finalHops, hopChange, mergeUpdate } from './envelope-update';

type Hop = Envelope['hops'][number];
/** A deep copy of JSON data (protocol/ has neither the DOM's nor Node's structuredClone). */
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const hop = (index: number, status: Hop['status'], extra: Partial<Hop> = {}): Hop =>
  ({ index, from: `n${index}`, to: `n${index + 1}`, link: 'internet', spanId: `h${index}`, parentSpanId: index === 0 ? 's' : `h${index - 1}`, sentAt: index * 10, attempts: 1, status, ...extra });
const envelope = (hops: Hop[], status: Envelope['status'] = 'in-flight'): Envelope => ({
  id: 'm-1', traceId: 't1', spanId: 's', source: 'vehicle/car1', destination: 'home/h1/lock', topic: 'lock/unlock', kind: 'command', payload: { a: 1 },
  architecture: 'cloud-cloud', createdAt: 0, path: ['n0', 'n1', 'n2', 'n3'], hops, status,
});

describe('mergeUpdate', () => {
  it('changes the held envelope itself into what applyUpdate returns', () => {
    const held = envelope([hop(0, 'delivered', { deliveredAt: 9 }), hop(1, 'in-flight')]);
    const update: EnvelopeUpdate = { id: 'm-1', status: 'delivered', completedAt: 31, hopsFrom: 1, hops: [hop(1, 'delivered', { deliveredAt: 19 }), hop(2, 'delivered', { deliveredAt: 31, payload: { b: 2 } })] };
    const copy = applyUpdate(clone(held), clone(update))!;
    const hopsArray = held.hops;
    expect(mergeUpdate(held, update)).toBe(true);
    expect(held).toEqual(copy);
    expect(held.hops).toBe(hopsArray); // the same array, grown in place
    expect(held.hops.map((h) => h.status)).toEqual(['delivered', 'delivered', 'delivered']);
  });

  it('records a failure: outcome, error and the hop that was lost', () => {
    const held = envelope([hop(0, 'in-flight')]);
    expect(mergeUpdate(held, { id: 'm-1', status: 'failed', completedAt: 50, error: 'lost on the internet link', failure: 'lost', hopsFrom: 0, hops: [hop(0, 'lost')] })).toBe(true);
    expect(held).toMatchObject({ status: 'failed', completedAt: 50, error: 'lost on the internet link', failure: 'lost' });
    expect(held.hops).toEqual([hop(0, 'lost')]);
  });

  it('refuses an update that does not fit, and leaves the held envelope untouched', () => {
    const hostile = [
      { id: 'm-2', status: 'delivered', hopsFrom: 0, hops: [] }, // another message
      { id: 'm-1', status: 'delivered', hopsFrom: 2, hops: [hop(2, 'delivered')] }, // builds on a hop not held
      { id: 'm-1', status: 'delivered', hopsFrom: -1, hops: [] },
      { id: 'm-1', status: 'delivered', hopsFrom: 0.5, hops: [] },
      { id: 'm-1', status: 'delivered', hopsFrom: '0', hops: [] },
      { id: 'm-1', status: 'delivered', hopsFrom: 0, hops: null },
      { id: 'm-1', status: 'delivered', hopsFrom: 0, hops: { length: 1 } },
      { id: 'm-1', status: 'delivered', hopsFrom: 0, hops: [], changedHop: { status: 'delivered' } }, // a change to hop -1
      { id: 'm-1', status: 'delivered', hopsFrom: 1, hops: [], changedHop: null },
      { id: 'm-1', status: 'delivered', hopsFrom: 1, hops: [], changedHop: ['delivered'] },
      { id: 'm-1', status: 'delivered', hopsFrom: 1, hops: [], changedHop: 'delivered' },
    ] as unknown as EnvelopeUpdate[];
    for (const update of hostile) {
      const held = envelope([hop(0, 'in-flight')]);
      const before = clone(held);
      expect(mergeUpdate(held, update)).toBe(false);
      expect(held).toEqual(before);
    }
  });

  it('keeps a "__proto__" field of a parsed change a plain field: the merged hop is still a plain hop', () => {
    for (const merge of ['mergeUpdate', 'applyUpdate'] as const) {
      const held = envelope([hop(0, 'in-flight')]);
      const update = JSON.parse('{"id":"m-1","status":"in-flight","hopsFrom":1,"hops":[],"changedHop":{"status":"delivered","__proto__":{"polluted":true,"link":"evil"}}}') as EnvelopeUpdate;
      const merged = merge === 'mergeUpdate' ? (mergeUpdate(held, update), held) : applyUpdate(held, update)!;
      const changed = merged.hops[0]!;
      expect(Object.getPrototypeOf(changed)).toBe(Object.prototype);
      expect(changed.status).toBe('delivered');
      expect(changed.link).toBe('internet');
      expect((changed as unknown as { polluted?: boolean }).polluted).toBeUndefined();
      expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    }
  });

  it('merges a change to the hop that was under way, as a new hop object, and applyUpdate agrees', () => {
    const held = envelope([hop(0, 'delivered', { deliveredAt: 9 }), hop(1, 'in-flight')]);
    const before = held.hops[1];
    const update: EnvelopeUpdate = { id: 'm-1', status: 'in-flight', hopsFrom: 2, hops: [hop(2, 'in-flight')], changedHop: { status: 'delivered', deliveredAt: 19 } };
    const copy = applyUpdate(clone(held), clone(update))!;
    expect(mergeUpdate(held, update)).toBe(true);
    expect(held).toEqual(copy);
    expect(held.hops[1]).toEqual(hop(1, 'delivered', { deliveredAt: 19 }));
    expect(held.hops[1]).not.toBe(before);
    expect(before!.status).toBe('in-flight'); // the old object is left as it was (a view may still hold it)
  });

  it('hopChange: the fields that changed, or undefined when a change cannot say it', () => {
    const sent = hop(1, 'in-flight', { payload: { a: 1 } });
    expect(hopChange(sent, { ...sent, status: 'delivered', deliveredAt: 19 })).toEqual({ status: 'delivered', deliveredAt: 19 });
    expect(hopChange(sent, { ...sent })).toEqual({});
    expect(hopChange(sent, { ...sent, payload: { a: 1 } })).toEqual({ payload: { a: 1 } }); // replaced: sent again
    const { payload: _removed, ...withoutPayload } = sent;
    expect(hopChange(sent, withoutPayload)).toBeUndefined(); // a field removed
    expect(hopChange(sent, { ...sent, payload: undefined })).toBeUndefined();
    expect(hopChange(sent, { ...sent, spanId: 'other' })).toBeUndefined(); // another hop in its place
    expect(hopChange(sent, undefined)).toBeUndefined();
  });

  it('agrees with applyUpdate over random runs of a message, update after update', () => {
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 200; run++) {
      // The sender's envelope, changed as a bus changes it; the receiver's copy, merged in place.
      const live = envelope([hop(0, 'in-flight')]);
      const held = clone(live);
      let base = finalHops(live);
      let sentHop: Hop | undefined = clone(live.hops[base]);
      while (live.status === 'in-flight') {
        const last = live.hops.at(-1)!;
        last.status = next() < 0.1 ? 'lost' : 'delivered';
        last.deliveredAt = last.sentAt + 5;
        if (last.status === 'lost') Object.assign(live, { status: 'failed', completedAt: last.deliveredAt, error: 'lost', failure: 'lost' });
        else if (live.hops.length === live.path.length - 1) Object.assign(live, { status: 'delivered', completedAt: last.deliveredAt });
        else live.hops.push(hop(live.hops.length, 'in-flight', next() < 0.5 ? { payload: { n: run } } : {}));
        if (next() < 0.4 && live.status === 'in-flight') continue; // several changes in one batch
        const update = clone(envelopeUpdate(live, base, run % 2 === 0 ? sentHop : undefined));
        const expected = applyUpdate(clone(held), clone(update));
        expect(mergeUpdate(held, update)).toBe(true);
        expect(held).toEqual(expected);
        expect(held).toEqual(live);
        base = finalHops(live);
        sentHop = live.hops[base] === undefined ? undefined : clone(live.hops[base]);
      }
    }
  });
});
