import { describe, expect, it } from 'vitest';
import { latencyHistogram } from './histogram';
import { latencySamples } from './test-support/run-results';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('latencyHistogram', () => {
  it('puts every sample of every series in exactly one bin', () => {
    const cloud = latencySamples(1000, 180, 1);
    const local = latencySamples(700, 9, 2);
    const { bins, totals } = latencyHistogram([cloud, local]);
    expect(totals).toEqual([1000, 700]);
    expect(sum(bins.map((b) => b.counts[0]!))).toBe(1000);
    expect(sum(bins.map((b) => b.counts[1]!))).toBe(700);
    for (const b of bins) {
      const inBin = (v: number) => v >= b.from && v < b.to;
      expect(b.counts[0]).toBe(cloud.filter(inBin).length);
      expect(b.counts[1]).toBe(local.filter(inBin).length);
    }
  });

  it('uses contiguous bins that grow by a roughly constant ratio, on round numbers', () => {
    const { bins } = latencyHistogram([latencySamples(500, 300, 3)]);
    for (let i = 1; i < bins.length; i++) expect(bins[i]!.from).toBe(bins[i - 1]!.to);
    const ratios = bins.map((b) => b.to / b.from);
    expect(Math.max(...ratios) / Math.min(...ratios)).toBeLessThan(1.6);
    const mantissas = new Set(bins.map((b) => Number((b.from / 10 ** Math.floor(Math.log10(b.from))).toPrecision(3))));
    for (const m of mantissas) expect([1, 1.25, 1.5, 1.6, 2, 2.5, 3, 3.2, 4, 5, 6.3, 7, 8]).toContain(m);
  });

  it('covers sub-millisecond samples with a first bin from 0, and a value on the top edge', () => {
    const { bins, totals } = latencyHistogram([[0, 0.3, 0.99, 1, 10, 20]]);
    expect(bins[0]!.from).toBe(0);
    expect(bins[0]!.counts[0]).toBe(3);
    expect(totals[0]).toBe(6);
    expect(sum(bins.map((b) => b.counts[0]!))).toBe(6);
    expect(bins[bins.length - 1]!.to).toBeGreaterThan(20);
  });

  it('keeps the bin count readable over four decades', () => {
    const wide = [...latencySamples(300, 3, 4), ...latencySamples(300, 8000, 5)];
    expect(latencyHistogram([wide]).bins.length).toBeLessThanOrEqual(28);
    expect(latencyHistogram([wide], { maxBins: 12 }).bins.length).toBeLessThanOrEqual(12);
  });

  it('ignores non-finite values and returns no bins when nothing was delivered', () => {
    expect(latencyHistogram([[], []])).toEqual({ bins: [], totals: [0, 0] });
    const { totals } = latencyHistogram([[5, Number.NaN, Number.POSITIVE_INFINITY, 7]]);
    expect(totals).toEqual([2]);
  });
});
