import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../../protocol';
import { liveLatency, percentileStats } from './live-latency';

const msg = (id: number, kind: Envelope['kind'], status: Envelope['status'], createdAt: number, completedAt?: number): Envelope => ({
  id: `m-${id}`, traceId: 't', spanId: 's', source: 'a', destination: 'b', topic: 'x', kind, payload: null, architecture: 'cloud-cloud',
  createdAt, path: ['a', 'b'], hops: [], status, ...(completedAt !== undefined ? { completedAt } : {}),
});
const log = (list: Envelope[]) => ({ size: list.length, at: (i: number) => list[i] });

describe('live latency', () => {
  it('uses nearest-rank percentiles like the engine (p95 of 1..100 is 95, not an interpolation)', () => {
    const s = percentileStats(Array.from({ length: 100 }, (_, i) => 100 - i));
    expect(s).toMatchObject({ count: 100, p50: 50, p95: 95, p99: 99, max: 100, mean: 50.5 });
    expect(percentileStats([])).toMatchObject({ count: 0, p50: 0 });
  });

  it('counts delivered messages but responses, leaves in-flight ones out and counts failures', () => {
    const live = liveLatency(log([
      msg(1, 'command', 'delivered', 0, 40),
      msg(2, 'response', 'delivered', 40, 90), // a response's latency is the round trip's, not an e2e sample
      msg(3, 'event', 'delivered', 100, 110),
      msg(4, 'command', 'in-flight', 120),
      msg(5, 'command', 'failed', 130, 5130),
    ]));
    expect(live.points).toEqual([[40, 40], [110, 10]]);
    expect(live.stats).toMatchObject({ count: 2, p50: 10, p99: 40 });
    expect(live).toMatchObject({ sent: 5, delivered: 3, failed: 1 });
  });

  it('draws only the newest points of a long run', () => {
    const list = Array.from({ length: 50 }, (_, i) => msg(i, 'event', 'delivered', i, i + 1));
    const live = liveLatency(log(list), 10);
    expect(live.points).toHaveLength(10);
    expect(live.points[0]![0]).toBe(41);
    expect(live.stats.count).toBe(50);
  });
});
