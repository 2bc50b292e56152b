import { describe, expect, it } from 'vitest';
import { HISTOGRAM_GROWTH, LatencyHistogram } from './latency-histogram';

describe('LatencyHistogram', () => {
  it('reads percentiles within 1 % above the exact sample', () => {
    const h = new LatencyHistogram();
    const samples = Array.from({ length: 1000 }, (_, i) => 0.5 + i * 0.37);
    for (const s of samples) h.record(s);
    const exact = (p: number): number => samples[Math.ceil((p / 100) * samples.length) - 1]!;
    for (const p of [1, 50, 90, 99, 100]) {
      const got = h.percentile(p)!;
      expect(got).toBeGreaterThanOrEqual(exact(p) * 0.9999);
      expect(got).toBeLessThanOrEqual(exact(p) * HISTOGRAM_GROWTH * 1.0001);
    }
  });

  it('merges shards exactly: pooled buckets give the percentiles of all samples, not an average of percentiles', () => {
    const fast = new LatencyHistogram();
    const slow = new LatencyHistogram();
    for (let i = 0; i < 99; i++) fast.record(2);
    slow.record(500);
    const pooled = LatencyHistogram.from([...fast.buckets(), ...slow.buckets()]);
    expect(pooled.count).toBe(100);
    expect(pooled.percentile(99)).toBeLessThan(2.03);
    expect(pooled.percentile(100)).toBeGreaterThan(499);
    // The mean of the shards' p99s would be ~251 ms: wrong, and the test must see the difference.
    expect(pooled.percentile(99)).not.toBeCloseTo(((fast.percentile(99) ?? 0) + (slow.percentile(99) ?? 0)) / 2, 0);
  });

  it('has no percentile without samples, and puts zero and negative times in the first bucket', () => {
    const h = new LatencyHistogram();
    expect(h.percentile(50)).toBeNull();
    h.record(0);
    h.record(-1);
    expect(h.percentile(100)).toBe(0.001);
  });
});
