// Latency histogram bins on a log-ish scale. Latencies of the four architectures span three decades (a few ms
// over near-field, hundreds of ms cloud-to-cloud, seconds once retransmissions kick in), so equal-width bins
// would squash local into one bar; bins that grow by a constant ratio give every architecture its shape.
// Edges come from preferred-number series (1-2-5, then finer) so axis labels are round numbers people read.

export interface HistogramBin {
  /** Inclusive lower edge, ms. */
  from: number;
  /** Exclusive upper edge, ms (the last bin also holds samples equal to it). */
  to: number;
  /** Samples per series, in the order the series were given. */
  counts: number[];
}

export interface Histogram {
  bins: HistogramBin[];
  /** Samples counted per series (finite values only). */
  totals: number[];
}

/**
 * Preferred-number series per decade, coarsest first; the finest that keeps the bin count readable wins.
 * The two coarsest only serve latencies spread over many decades (a run with multi-minute outages).
 */
const SERIES: readonly (readonly number[])[] = [
  [1],
  [1, 3],
  [1, 2, 5],
  [1, 1.5, 2, 3, 5, 7],
  [1, 1.25, 1.6, 2, 2.5, 3.2, 4, 5, 6.3, 8],
];

export interface HistogramOptions {
  /** At most this many bins (default 28). */
  maxBins?: number;
}

/**
 * Shared bins for several sample series (one per architecture), so the series can be compared bar for bar.
 * Every finite sample lands in exactly one bin: the bins of a series sum to its sample count. Samples below
 * 1 ms share a first bin starting at 0.
 */
export function latencyHistogram(series: readonly (readonly number[])[], options: HistogramOptions = {}): Histogram {
  const maxBins = options.maxBins ?? 28;
  const finite = series.map((s) => s.filter((v) => Number.isFinite(v)).map((v) => Math.max(0, v)));
  const all = finite.flat();
  if (all.length === 0) return { bins: [], totals: finite.map(() => 0) };
  const min = Math.min(...all);
  const max = Math.max(...all);
  const edges = chooseEdges(min, max, maxBins);
  const bins: HistogramBin[] = edges.slice(0, -1).map((from, i) => ({ from, to: edges[i + 1]!, counts: finite.map(() => 0) }));
  finite.forEach((samples, s) => {
    for (const v of samples) bins[binIndex(edges, v)]!.counts[s]! += 1;
  });
  return { bins, totals: finite.map((s) => s.length) };
}

/** Edges covering [min, max]: the finest preferred series whose bin count fits, else the coarsest. */
function chooseEdges(min: number, max: number, maxBins: number): number[] {
  const candidates = SERIES.map((series) => edgesFor(series, min, max));
  const fitting = candidates.filter((edges) => edges.length - 1 <= maxBins);
  return fitting[fitting.length - 1] ?? candidates[0]!;
}

/** From the largest series value not above the lowest sample to the first one above the highest sample. */
function edgesFor(series: readonly number[], min: number, max: number): number[] {
  const start = Math.max(1, min);
  const edges: number[] = [];
  for (let decade = 10 ** Math.floor(Math.log10(start)); ; decade *= 10) {
    for (const step of series) {
      const edge = round(step * decade);
      if (edge <= start) {
        edges.length = 0;
        edges.push(edge);
      } else {
        edges.push(edge);
        if (edge > max) return min < 1 ? [0, ...edges] : edges;
      }
    }
  }
}

/** Rounds away binary noise (1.6 × 100 = 160.00000000000003). */
function round(value: number): number {
  return Number(value.toPrecision(6));
}

function binIndex(edges: readonly number[], value: number): number {
  // Binary search for the last edge ≤ value; values on the top edge go into the last bin.
  let lo = 0;
  let hi = edges.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
