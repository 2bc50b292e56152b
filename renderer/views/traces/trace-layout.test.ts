import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../../protocol';
import type { Hop } from '../../../twins/bus/envelope';
import { compareTraces, layoutTrace, recentTraces } from './trace-layout';

const hop = (index: number, from: string, to: string, sentAt: number, deliveredAt?: number): Hop => ({
  index, from, to, link: 'internet', spanId: `h${index}`, parentSpanId: 'p', sentAt, attempts: 1, status: deliveredAt === undefined ? 'in-flight' : 'delivered',
  ...(deliveredAt !== undefined ? { deliveredAt } : {}),
});
const msg = (id: string, traceId: string, kind: Envelope['kind'], createdAt: number, hops: Hop[], completedAt?: number): Envelope => ({
  id, traceId, spanId: 's', source: hops[0]?.from ?? 'a', destination: hops.at(-1)?.to ?? 'b', topic: 'lock/unlock', kind, payload: null,
  architecture: 'cloud-cloud', createdAt, path: [], hops, status: completedAt === undefined ? 'in-flight' : 'delivered', ...(completedAt !== undefined ? { completedAt } : {}),
});

describe('trace waterfall layout', () => {
  const request = msg('m-1', 't1', 'command', 1000, [hop(0, 'car', 'cloud', 1000, 1040), hop(1, 'cloud', 'lock', 1040, 1100)], 1100);
  const answer = msg('m-2', 't1', 'response', 1100, [hop(0, 'lock', 'cloud', 1100, 1150), hop(1, 'cloud', 'car', 1150, 1210)], 1210);

  it('places each message and each hop on the trace\'s time axis', () => {
    const t = layoutTrace('t1', [answer, request]);
    expect(t.duration).toBe(210);
    expect(t.rows.map((r) => [r.depth, r.start, r.duration])).toEqual([
      [0, 0, 100], [1, 0, 40], [1, 40, 60],
      [0, 100, 110], [1, 100, 50], [1, 150, 60],
    ]);
  });

  it('leaves an in-flight span open and still covers its hops in the trace\'s duration', () => {
    const pending = msg('m-3', 't2', 'command', 0, [hop(0, 'car', 'cloud', 0, 30), hop(1, 'cloud', 'lock', 30)]);
    const t = layoutTrace('t2', [pending]);
    expect(t.rows[0]!.duration).toBeUndefined();
    expect(t.rows[2]).toMatchObject({ start: 30, duration: undefined, status: 'in-flight' });
    expect(t.duration).toBe(30);
  });

  it('lays out a trace whose messages all left the log as empty, not as NaN', () => {
    expect(layoutTrace('gone', [])).toEqual({ traceId: 'gone', start: 0, duration: 0, rows: [] });
  });

  it('compares two traces hop by hop, the slower hop with a positive delta, a missing hop with none', () => {
    const slow = msg('m-9', 't9', 'command', 0, [hop(0, 'car', 'cloud', 0, 90), hop(1, 'cloud', 'lock', 90, 150)], 150);
    const rows = compareTraces(layoutTrace('t1', [request, answer]), layoutTrace('t9', [slow]));
    expect(rows[0]).toEqual({ hop: 'command car → cloud (internet)', a: 40, b: 90, delta: 50 });
    expect(rows[1]).toEqual({ hop: 'command cloud → lock (internet)', a: 60, b: 60, delta: 0 });
    expect(rows.find((r) => r.hop.startsWith('response lock'))).toMatchObject({ a: 50, b: undefined, delta: undefined });
  });

  it('lists the newest traces first, once each', () => {
    const list = [request, answer, msg('m-4', 't4', 'event', 2000, [])];
    const recent = recentTraces({ size: list.length, at: (i) => list[i] });
    expect(recent.map((m) => m.id)).toEqual(['m-4', 'm-1']);
    expect(recentTraces({ size: list.length, at: (i) => list[i] }, 1)).toHaveLength(1);
  });
});
