import { describe, expect, it } from 'vitest';
import { PublishQueue } from './publish-queue';

const drain = <T>(q: PublishQueue<T>): T[] => {
  const out: T[] = [];
  for (let e = q.shift(); e !== undefined; e = q.shift()) out.push(e.message);
  return out;
};

describe('publish queue', () => {
  it('keeps order, drops the oldest beyond the bound and counts every drop', () => {
    const q = new PublishQueue<number>(3);
    const dropped = [1, 2, 3, 4, 5].map((n) => q.push({ topic: `t/${n}`, retain: false, message: n }));
    expect(dropped).toEqual([0, 0, 0, 1, 1]);
    expect(q.dropped).toBe(2);
    expect(drain(q)).toEqual([3, 4, 5]);
    expect(q.size).toBe(0);
  });

  it('replaces a queued retained state with the newer one on the same topic, without calling it a drop', () => {
    const q = new PublishQueue<string>(10);
    q.push({ topic: 'lock/state', retain: true, message: 'unlocked' });
    q.push({ topic: 'bus/m-1', retain: false, message: 'm-1' });
    q.push({ topic: 'lock/state', retain: true, message: 'locked' });
    expect(q.size).toBe(2);
    expect(q.superseded).toBe(1);
    expect(q.dropped).toBe(0);
    expect(drain(q)).toEqual(['m-1', 'locked']);
  });

  it('stays correct across many pushes and shifts (compaction)', () => {
    const q = new PublishQueue<number>(50);
    const seen: number[] = [];
    for (let n = 0; n < 5_000; n++) {
      q.push({ topic: n % 7 === 0 ? 'state' : `t/${n}`, retain: n % 7 === 0, message: n });
      if (n % 3 === 0) seen.push(q.shift()!.message);
    }
    seen.push(...drain(q));
    // Strictly increasing: nothing reordered or duplicated.
    expect(seen.every((v, i) => i === 0 || v > seen[i - 1]!)).toBe(true);
    expect(seen.length + q.dropped + q.superseded).toBe(5_000);
  });
});
