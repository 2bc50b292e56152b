// The evaluation report's charts as standalone SVG: the end-to-end latency histogram per architecture (small
// multiples on shared log-ish bins, so cloud-to-cloud and local can be compared at a glance) and, for the
// sleep-time charging scene, the transformer load over the night, uncontrolled against coordinated, with the
// 80 % planning line and the tariff peak window the coordination has to avoid.
import type { GridMetrics, LatencyStats, LoadSample, RunResult } from '../runner/result';
import { formatMs, groupDigits } from './format';
import { latencyHistogram } from './histogram';
import { GRID_LINE, INK, MUTED, colourOf, el, legend, niceTicks, svgDocument, text, type LegendItem } from './svg-kit';

export interface HistogramSeries {
  /** Panel label, usually the architecture. */
  label: string;
  architecture: string;
  samples: readonly number[];
  /** When given, p50 and p95 are marked on the panel. */
  stats?: LatencyStats;
}

const WIDTH = 760;
const LEFT = 64;
const RIGHT = 20;

/** One panel per series, stacked, sharing the x bins and the y scale (share of that series' samples). */
export function latencyHistogramSvg(series: readonly HistogramSeries[], title = 'End-to-end latency'): string {
  const { bins, totals } = latencyHistogram(series.map((s) => s.samples));
  // A lone panel gets more height so the rotated axis title fits beside it.
  const panelH = series.length <= 1 ? 150 : 96;
  const gap = 30;
  const plotW = WIDTH - LEFT - RIGHT;
  const key = legend(LEFT, 46, [
    ...series.map((s, i): LegendItem => ({ label: s.label, colour: colourOf(s.architecture, i), kind: 'box' })),
    { label: 'p50 / p95', colour: INK, kind: 'dashed' },
  ], plotW);
  const top = key.bottom + 34;
  const axisY = top + series.length * (panelH + gap) - gap + 4;
  const height = axisY + 46;
  const body: string[] = [text(LEFT, 22, title, { 'font-size': 15, 'font-weight': 600 }), key.svg];
  if (bins.length === 0) {
    body.push(text(LEFT, top + 40, 'No delivered messages, so no end-to-end latency to show.', { fill: MUTED }));
    return svgDocument(WIDTH, top + 80, title, body);
  }
  const slot = plotW / bins.length;
  const shares = bins.map((b) => b.counts.map((c, s) => (totals[s]! > 0 ? (100 * c) / totals[s]! : 0)));
  // Headroom above the tallest bar keeps the p50/p95 labels clear of the bars.
  const yTicks = niceTicks(Math.max(...shares.flat()) * 1.15, 3);
  const yMax = yTicks[yTicks.length - 1]!;
  const edges = [...bins.map((b) => b.from), bins[bins.length - 1]!.to];
  // x of a latency: its bin's slot, log-interpolated inside the slot (linear in the first bin when it starts at 0).
  const xOf = (v: number): number => {
    const found = bins.findIndex((b) => v < b.to);
    const i = found === -1 ? bins.length - 1 : found;
    const { from, to } = bins[i]!;
    const f = from <= 0 ? v / to : Math.log(Math.max(v, from) / from) / Math.log(to / from);
    return LEFT + (i + Math.min(1, Math.max(0, f))) * slot;
  };
  series.forEach((s, k) => {
    const y0 = top + k * (panelH + gap);
    const base = y0 + panelH;
    const yOf = (share: number) => base - (share / yMax) * panelH;
    const colour = colourOf(s.architecture, k);
    const panel: string[] = [];
    for (const t of yTicks) {
      panel.push(el('line', { x1: LEFT, y1: yOf(t), x2: LEFT + plotW, y2: yOf(t), stroke: GRID_LINE, 'stroke-width': t === 0 ? 1 : 0.6 }));
      panel.push(text(LEFT - 6, yOf(t) + 4, `${groupDigits(t, t % 1 === 0 ? 0 : 1)} %`, { 'text-anchor': 'end', 'font-size': 10, fill: MUTED }));
    }
    bins.forEach((_, i) => {
      const share = shares[i]![k]!;
      if (share <= 0) return;
      panel.push(el('rect', { x: LEFT + i * slot + 1, y: yOf(share), width: Math.max(1, slot - 2), height: base - yOf(share), fill: colour }));
    });
    const n = totals[k]!;
    const summary = s.stats && s.stats.count > 0 ? ` · p50 ${formatMs(s.stats.p50)} ms · p95 ${formatMs(s.stats.p95)} ms` : '';
    panel.push(text(LEFT + 4, y0 - 10, `${s.label} · n = ${groupDigits(n)}${summary}`, { 'font-size': 12, 'font-weight': 600, fill: colour }));
    if (s.stats && s.stats.count > 0 && n > 0) {
      const x50 = xOf(s.stats.p50);
      const x95 = xOf(s.stats.p95);
      for (const [name, x, row] of [['p50', x50, 0], ['p95', x95, x95 - x50 < 26 ? 1 : 0]] as const) {
        panel.push(el('line', { x1: x, y1: y0 + 4, x2: x, y2: base, stroke: INK, 'stroke-width': 1, 'stroke-dasharray': '4 3' }));
        // A p95 right next to p50 gets its label one line lower, so the two never overprint.
        // Near the right edge the label goes on the left of its line, so it is not cut off.
        const flip = x > LEFT + plotW - 24;
        panel.push(text(flip ? x - 3 : x + 3, y0 + 12 + row * 12, name, {
          'font-size': 10, fill: INK, stroke: '#ffffff', 'stroke-width': 3, 'paint-order': 'stroke', 'text-anchor': flip ? 'end' : undefined,
        }));
      }
    }
    body.push(el('g', { class: 'panel' }, ...panel));
  });
  edges.forEach((e, i) => {
    const x = LEFT + i * slot;
    body.push(el('line', { x1: x, y1: axisY - 4, x2: x, y2: axisY + 2, stroke: MUTED, 'stroke-width': 0.8 }));
    // 1-2-5 edges are labelled, so labels never collide even with ten bins per decade; the two ends are
    // labelled too (so the range is readable) unless a round label sits right beside them.
    const end = i === 0 || i === edges.length - 1;
    const crowded = slot < 32 && [edges[i - 1], edges[i + 1]].some((n) => n !== undefined && isRoundEdge(n));
    if (isRoundEdge(e) || (end && !crowded)) body.push(text(x, axisY + 14, groupDigits(e, Number.isInteger(e) ? 0 : 1), { 'text-anchor': 'middle', 'font-size': 10, fill: MUTED }));
  });
  body.push(text(LEFT + plotW / 2, axisY + 32, 'end-to-end latency, ms (bins grow by a constant ratio: log scale)', { 'text-anchor': 'middle', fill: INK }));
  body.push(text(16, top + (axisY - top) / 2, 'share of delivered messages', {
    'text-anchor': 'middle', fill: INK, transform: `rotate(-90 16 ${Math.round(top + (axisY - top) / 2)})`,
  }));
  return svgDocument(WIDTH, height, title, body);
}

function isRoundEdge(edge: number): boolean {
  if (edge === 0) return true;
  const mantissa = Number((edge / 10 ** Math.floor(Math.log10(edge))).toPrecision(3));
  return mantissa === 1 || mantissa === 2 || mantissa === 5;
}

export interface LoadCurveInput {
  title?: string;
  transformerKva: number;
  /** The planning limit as a share of the rating; the scene's pass line is 0.8. */
  limitShare?: number;
  uncontrolled: readonly LoadSample[];
  /** One curve per run with its own strategy (usually one per architecture). */
  curves: readonly { label: string; architecture: string; load: readonly LoadSample[] }[];
  /** Tariff peak window in minutes after midnight, [start, end); shaded when given. */
  tariffPeak?: { startMin: number; endMin: number };
}

/** Total load (kW) against clock time, uncontrolled baseline vs each coordinated curve. */
export function loadCurveSvg(input: LoadCurveInput): string {
  const title = input.title ?? 'Transformer load over the night';
  const plotW = WIDTH - LEFT - RIGHT;
  const all = [input.uncontrolled, ...input.curves.map((c) => c.load)].flat();
  const limitShare = input.limitShare ?? 0.8;
  const limitKw = input.transformerKva * limitShare;
  const items: LegendItem[] = [
    { label: 'uncontrolled charging', colour: '#6e7781', kind: 'line' },
    ...input.curves.map((c, i): LegendItem => ({ label: c.label, colour: colourOf(c.architecture, i), kind: 'line' })),
    { label: `${Math.round(limitShare * 100)} % of transformer rating`, colour: '#D55E00', kind: 'dashed' },
    ...(input.tariffPeak ? [{ label: 'tariff peak', colour: '#fff3c4', kind: 'shade' as const }] : []),
  ];
  const key = legend(LEFT, 46, items, plotW);
  const top = key.bottom + 18;
  const bottom = top + 264;
  const height = bottom + 52;
  const body: string[] = [text(LEFT, 22, title, { 'font-size': 15, 'font-weight': 600 }), key.svg];
  if (all.length === 0) {
    body.push(text(LEFT, top + 40, 'No load samples in this run.', { fill: MUTED }));
    return svgDocument(WIDTH, top + 80, title, body);
  }
  const t0 = Math.min(...all.map((s) => s.t));
  const t1 = Math.max(t0 + 60_000, ...all.map((s) => s.t));
  const xOf = (t: number) => LEFT + ((t - t0) / (t1 - t0)) * plotW;
  const yTicks = niceTicks(Math.max(input.transformerKva, ...all.map((s) => s.totalKw)) * 1.05, 5);
  const yMax = yTicks[yTicks.length - 1]!;
  const yOf = (kw: number) => bottom - (Math.max(0, kw) / yMax) * (bottom - top);
  const startMinute = minuteAtStart(all, t0);
  const minuteAt = (t: number) => startMinute + (t - t0) / 60_000;
  if (input.tariffPeak) {
    for (const [a, b] of peakIntervals(input.tariffPeak, minuteAt(t0), minuteAt(t1))) {
      const xa = xOf(t0 + (a - startMinute) * 60_000);
      const xb = xOf(t0 + (b - startMinute) * 60_000);
      body.push(el('rect', { x: xa, y: top, width: xb - xa, height: bottom - top, fill: '#fff3c4' }));
      body.push(text(xa + 4, top + 14, 'tariff peak', { 'font-size': 11, fill: '#8a6d00' }));
    }
  }
  for (const t of yTicks) {
    body.push(el('line', { x1: LEFT, y1: yOf(t), x2: LEFT + plotW, y2: yOf(t), stroke: GRID_LINE, 'stroke-width': t === 0 ? 1 : 0.6 }));
    body.push(text(LEFT - 6, yOf(t) + 4, groupDigits(t, t % 1 === 0 ? 0 : 1), { 'text-anchor': 'end', 'font-size': 10, fill: MUTED }));
  }
  const span = (t1 - t0) / 3_600_000;
  const everyMin = span > 16 ? 240 : span > 8 ? 120 : span > 2 ? 60 : 15;
  for (let m = Math.ceil(minuteAt(t0) / everyMin) * everyMin; m <= minuteAt(t1) + 1e-9; m += everyMin) {
    const x = xOf(t0 + (m - startMinute) * 60_000);
    body.push(el('line', { x1: x, y1: bottom, x2: x, y2: bottom + 5, stroke: MUTED }));
    body.push(text(x, bottom + 18, clockOf(m), { 'text-anchor': 'middle', 'font-size': 10, fill: MUTED }));
  }
  const line = (load: readonly LoadSample[], colour: string, width: number) =>
    el('polyline', { points: load.map((s) => `${xOf(s.t).toFixed(1)},${yOf(s.totalKw).toFixed(1)}`).join(' '), fill: 'none', stroke: colour, 'stroke-width': width, 'stroke-linejoin': 'round' });
  body.push(line(input.uncontrolled, '#6e7781', 2));
  input.curves.forEach((c, i) => body.push(line(c.load, colourOf(c.architecture, i), 2.5)));
  body.push(el('line', { x1: LEFT, y1: yOf(limitKw), x2: LEFT + plotW, y2: yOf(limitKw), stroke: '#D55E00', 'stroke-width': 1.5, 'stroke-dasharray': '6 4' }));
  body.push(text(LEFT + plotW - 4, yOf(limitKw) - 5, `${Math.round(limitShare * 100)} % of ${groupDigits(input.transformerKva)} kVA = ${groupDigits(limitKw, limitKw % 1 === 0 ? 0 : 1)} kW`, { 'text-anchor': 'end', 'font-size': 11, fill: '#D55E00' }));
  body.push(text(LEFT + plotW / 2, height - 12, 'time of day', { 'text-anchor': 'middle' }));
  body.push(text(16, (top + bottom) / 2, 'total load, kW', { 'text-anchor': 'middle', transform: `rotate(-90 16 ${Math.round((top + bottom) / 2)})` }));
  return svgDocument(WIDTH, height, title, body);
}

/** Minutes after midnight at t0, read from the samples' own clock labels (`17:30`), so no start time is needed. */
function minuteAtStart(samples: readonly LoadSample[], t0: number): number {
  const first = samples.find((s) => /^\d{1,2}:\d{2}$/.test(s.clock));
  if (!first) return 0;
  const [h, m] = first.clock.split(':').map(Number) as [number, number];
  return h * 60 + m - (first.t - t0) / 60_000;
}

/** The peak window's occurrences between two minutes of the run (which may cross midnight), clipped. */
function peakIntervals(peak: { startMin: number; endMin: number }, from: number, to: number): [number, number][] {
  const length = ((peak.endMin - peak.startMin) % 1440 + 1440) % 1440 || 1440;
  const out: [number, number][] = [];
  for (let day = Math.floor(from / 1440) - 1; day * 1440 <= to; day++) {
    const a = Math.max(from, day * 1440 + peak.startMin);
    const b = Math.min(to, day * 1440 + peak.startMin + length);
    if (b > a) out.push([a, b]);
  }
  return out;
}

function clockOf(minute: number): string {
  const m = ((Math.round(minute) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Tariff peak window in minutes after midnight, when the grid metrics carry it. */
export interface TariffPeakWindow {
  startMin: number;
  endMin: number;
}

/** Fields a runner may add to GridMetrics that the load chart uses when present. */
export type GridMetricsWithTariff = GridMetrics & { tariffPeak?: TariffPeakWindow; maxLoadShare?: number };

/** The latency histogram of a scenario's runs, one panel per run (label = the run's column label). */
export function runLatencyHistogramSvg(runs: readonly RunResult[], labels: readonly string[], title?: string): string {
  return latencyHistogramSvg(runs.map((r, i) => ({
    label: labels[i] ?? r.architecture, architecture: r.architecture, samples: r.metrics.e2eSamples, stats: r.metrics.e2e,
  })), title);
}

/**
 * The load chart of a grid scene: the uncontrolled baseline of the first run with grid metrics (same seed, same
 * households, so it is the same for every architecture) and each run's own curve. Undefined without grid metrics.
 */
export function runLoadCurveSvg(runs: readonly RunResult[], labels: readonly string[], options: { title?: string; tariffPeak?: TariffPeakWindow } = {}): string | undefined {
  const withGrid = runs.map((r, i) => ({ run: r, label: labels[i] ?? r.architecture, grid: r.metrics.grid as GridMetricsWithTariff | undefined }))
    .filter((e): e is typeof e & { grid: GridMetricsWithTariff } => e.grid !== undefined);
  const first = withGrid[0];
  if (!first) return undefined;
  const tariffPeak = options.tariffPeak ?? first.grid.tariffPeak;
  return loadCurveSvg({
    ...(options.title !== undefined ? { title: options.title } : {}),
    transformerKva: first.grid.transformerKva,
    ...(first.grid.maxLoadShare !== undefined ? { limitShare: first.grid.maxLoadShare } : {}),
    uncontrolled: first.grid.uncontrolledLoad,
    curves: withGrid.map((e) => ({ label: `${e.grid.strategy} (${e.label})`, architecture: e.run.architecture, load: e.grid.load })),
    ...(tariffPeak ? { tariffPeak } : {}),
  });
}
