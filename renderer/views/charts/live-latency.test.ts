import { describe, expect, it } from 'vitest';
import type { Envelope, LatencyStats } from '../../../protocol';
import { MessageLog } from '../../state/message-log';
import { LatencySketch, RELATIVE_ACCURACY } from './latency-sketch';
import { LiveLatencyTracker } from './live-latency';
import { SeededRandom } from '../../../twins/kernel/random';

const msg = (id: number, kind: Envelope['kind'], status: Envelope['status'], createdAt: number, completedAt?: number): Envelope => ({
  id: `m-${id}`, traceId: `t-${id}`, spanId: 's', source: 'a', destination: 'b', topic: 'x', kind, payload: null, architecture: 'cloud-cloud',
  createdAt, path: ['a', 'b'], hops: [], status, ...(completedAt !== undefined ? { completedAt } : {}),
});

/** The reference: nearest-rank percentiles of every value, sorted (what engine/runner/metrics.ts computes). */
function exactStats(values: readonly number[]): LatencyStats {
  if (values.length === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1)!, mean: sorted.reduce((s, v) => s + v, 0) / sorted.length };
}

/** The reference for the tracker: a full pass over the log, as the chart did before it was incremental. */
function rescan(log: MessageLog): { stats: LatencyStats; sent: number; delivered: number; failed: number } {
  const values: number[] = [];
  let delivered = 0;
  let failed = 0;
  for (let i = 0; i < log.size; i++) {
    const m = log.at(i)!;
    if (m.status === 'failed') failed++;
    if (m.status !== 'delivered') continue;
    delivered++;
    if (m.kind !== 'response' && m.completedAt !== undefined) values.push(m.completedAt - m.createdAt);
  }
  return { stats: exactStats(values), sent: log.size, delivered, failed };
}

const close = (a: number, b: number): boolean => Math.abs(a - b) <= RELATIVE_ACCURACY * Math.abs(b) + 1e-3;

/** A seeded generator from the kernel, so a failure is reproducible. */
function random(seed: number): () => number {
  const stream = new SeededRandom(seed).stream('test');
  return () => stream.next();
}

describe('latency sketch', () => {
  it('answers nearest-rank percentiles within its accuracy (p95 of 1..100 is 95, not the next rank or an interpolation)', () => {
    const sketch = new LatencySketch();
    for (let v = 100; v >= 1; v--) sketch.add(v);
    const s = sketch.stats();
    expect(s).toMatchObject({ count: 100, max: 100, mean: 50.5 });
    expect(close(s.p50, 50) && close(s.p95, 95) && close(s.p99, 99)).toBe(true);
    // The wrong answers a rank off by one would give are told apart.
    expect(close(s.p95, 96) || close(s.p95, 94)).toBe(false);
    expect(new LatencySketch().stats()).toEqual({ count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 });
  });

  it('stays within its accuracy of the exact percentiles over a wide, skewed spread, and takes values back exactly', () => {
    const next = random(7);
    const values = Array.from({ length: 20_000 }, () => Math.exp(next() * 12 - 4)); // 0.02 ms to 3 s, log-uniform
    values.push(0, 0.0001); // "none" at all
    const sketch = new LatencySketch();
    for (const v of values) sketch.add(v);
    const removed = values.splice(0, 5_000);
    for (const v of removed) sketch.add(v, -1);
    const exact = exactStats(values);
    const got = sketch.stats();
    for (const key of ['p50', 'p95', 'p99'] as const) expect(close(got[key], exact[key]), `${key}: ${got[key]} vs ${exact[key]}`).toBe(true);
    expect(got.count).toBe(values.length);
    expect(got.mean).toBeCloseTo(exact.mean, 2);
    // A sketch that forgot the removal would answer for other values: its p50 is measurably different.
    const forgot = exactStats([...removed, ...values]);
    expect(close(got.p50, forgot.p50)).toBe(false);
  });
});

describe('live latency', () => {
  const tracked = (): { log: MessageLog; tracker: LiveLatencyTracker } => {
    const log = new MessageLog();
    const tracker = new LiveLatencyTracker();
    log.observe(tracker);
    return { log, tracker };
  };

  it('counts delivered messages but responses, leaves in-flight ones out and counts failures', () => {
    const { log, tracker } = tracked();
    log.apply({ reset: true, total: 5, envelopes: [
      msg(1, 'command', 'delivered', 0, 40),
      msg(2, 'response', 'delivered', 40, 90), // a response's latency is the round trip's, not an e2e sample
      msg(3, 'event', 'delivered', 100, 110),
      msg(4, 'command', 'in-flight', 120),
      msg(5, 'command', 'failed', 130, 5130),
    ] });
    const live = tracker.read();
    expect(live.points).toEqual([[40, 40], [110, 10]]);
    expect(live.stats).toMatchObject({ count: 2, p99: 40 }); // the largest is kept exactly
    expect(close(live.stats.p50, 10)).toBe(true);
    expect(live).toMatchObject({ sent: 5, delivered: 3, failed: 1 });
  });

  it('counts a message once, when it completes, however many hop updates came before', () => {
    const { log, tracker } = tracked();
    log.apply({ reset: true, total: 1, envelopes: [msg(1, 'command', 'in-flight', 0)] });
    log.apply({ reset: false, total: 1, envelopes: [msg(1, 'command', 'in-flight', 0)] }); // a hop delivered
    expect(tracker.read()).toMatchObject({ sent: 1, delivered: 0, stats: { count: 0 } });
    log.apply({ reset: false, total: 1, envelopes: [msg(1, 'command', 'delivered', 0, 25)] });
    log.apply({ reset: false, total: 1, envelopes: [msg(1, 'command', 'delivered', 0, 25)] }); // sent again unchanged
    expect(tracker.read()).toMatchObject({ sent: 1, delivered: 1, points: [[25, 25]], stats: { count: 1, p50: 25, max: 25 } });
  });

  it('agrees with a full pass over the log after every batch of a random run, and starts over with it', () => {
    const next = random(42);
    const { log, tracker } = tracked();
    const inFlight: Envelope[] = [];
    let id = 0;
    for (let batch = 0; batch < 60; batch++) {
      const envelopes: Envelope[] = [];
      for (let k = 0; k < 40; k++) {
        const t = batch * 50 + k;
        const kind = next() < 0.3 ? 'response' : 'command';
        const roll = next();
        if (roll < 0.5) inFlight.push(msg(++id, kind, 'in-flight', t));
        else envelopes.push(msg(++id, kind, roll < 0.9 ? 'delivered' : 'failed', t, t + next() * 500));
      }
      // Some of those in flight complete, some move a hop on; the rest stay.
      for (let i = inFlight.length - 1; i >= 0; i--) {
        const m = inFlight[i]!;
        const roll = next();
        if (roll < 0.3) {
          inFlight.splice(i, 1);
          envelopes.push({ ...m, status: roll < 0.25 ? 'delivered' : 'failed', completedAt: m.createdAt + 1 + next() * 2000 });
        } else if (roll < 0.6) envelopes.push({ ...m });
      }
      log.apply({ reset: false, total: id, envelopes });
      const live = tracker.read();
      const expected = rescan(log);
      expect({ sent: live.sent, delivered: live.delivered, failed: live.failed, count: live.stats.count, max: live.stats.max })
        .toEqual({ sent: expected.sent, delivered: expected.delivered, failed: expected.failed, count: expected.stats.count, max: Math.round(expected.stats.max * 1000) / 1000 });
      for (const key of ['p50', 'p95', 'p99'] as const) expect(close(live.stats[key], expected.stats[key]), `batch ${batch} ${key}`).toBe(true);
    }
    expect(tracker.read().stats.count).toBeGreaterThan(500);
    log.apply({ reset: true, total: 1, envelopes: [msg(1, 'event', 'delivered', 0, 7)] });
    expect(tracker.read()).toMatchObject({ sent: 1, delivered: 1, failed: 0, points: [[7, 7]], stats: { count: 1, p50: 7 } });
  });

  it('draws only the newest points of a long run, oldest first', () => {
    const log = new MessageLog();
    const tracker = new LiveLatencyTracker(10);
    log.observe(tracker);
    log.apply({ reset: true, total: 50, envelopes: Array.from({ length: 50 }, (_, i) => msg(i, 'event', 'delivered', i, i + 1)) });
    const live = tracker.read();
    expect(live.points.map((p) => p[0])).toEqual([41, 42, 43, 44, 45, 46, 47, 48, 49, 50]);
    expect(live.stats.count).toBe(50);
  });
});
