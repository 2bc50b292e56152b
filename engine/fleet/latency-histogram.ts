// Round-trip latencies as a log-bucketed histogram (the idea of HDR histograms, in a few lines): bucket i holds
// the samples in (L·g^(i-1), L·g^i] with L = 1 µs and g = 1.01, so any percentile read from it is the true
// sample's value rounded UP by at most 1 % — and histograms of different shards merge exactly by adding counts,
// so pooled percentiles carry the same 1 % bound (averaging shard percentiles would not). ~1,400 buckets cover
// 1 µs to 24 h; only non-empty ones are stored.

export const HISTOGRAM_LOWEST_MS = 0.001;
export const HISTOGRAM_GROWTH = 1.01;
const LOG_GROWTH = Math.log(HISTOGRAM_GROWTH);

/** [bucket index, count] pairs, index ascending: the report's serialised form. */
export type HistogramBuckets = [number, number][];

export class LatencyHistogram {
  private readonly counts = new Map<number, number>();
  private total = 0;

  static from(buckets: HistogramBuckets): LatencyHistogram {
    const h = new LatencyHistogram();
    h.addBuckets(buckets);
    return h;
  }

  get count(): number {
    return this.total;
  }

  record(ms: number): void {
    const index = ms <= HISTOGRAM_LOWEST_MS ? 0 : Math.ceil(Math.log(ms / HISTOGRAM_LOWEST_MS) / LOG_GROWTH);
    this.counts.set(index, (this.counts.get(index) ?? 0) + 1);
    this.total++;
  }

  addBuckets(buckets: HistogramBuckets): void {
    for (const [index, count] of buckets) {
      this.counts.set(index, (this.counts.get(index) ?? 0) + count);
      this.total += count;
    }
  }

  /** The p-th percentile (0 < p ≤ 100): the upper edge of the bucket holding the ceil(p% · n)-th sample. */
  percentile(p: number): number | null {
    if (this.total === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * this.total));
    let seen = 0;
    for (const [index, count] of this.buckets()) {
      seen += count;
      if (seen >= rank) return Math.round(HISTOGRAM_LOWEST_MS * HISTOGRAM_GROWTH ** index * 1000) / 1000;
    }
    return null;
  }

  buckets(): HistogramBuckets {
    return [...this.counts.entries()].sort((a, b) => a[0] - b[0]);
  }
}
