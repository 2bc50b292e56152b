import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { latencyHistogram } from './histogram';
import { latencyHistogramSvg, loadCurveSvg, runLatencyHistogramSvg, runLoadCurveSvg } from './svg-charts';
import { failingLocal, gridRun, passingCloud } from './test-support/run-results';
import type { GridMetricsWithTariff } from './svg-charts';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (_name, _path, _leaf, isAttribute) => !isAttribute });
type Node = Record<string, unknown>;

/** Every element named `name` anywhere in the parsed SVG. */
function elements(svg: string, name: string): Node[] {
  const found: Node[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === name) found.push(...(value as Node[]));
      walk(value);
    }
  };
  walk(parser.parse(svg));
  return found;
}

const grid = gridRun.metrics.grid as GridMetricsWithTariff;
const WIDTH = 760;
const LEFT = 64;
const PLOT_W = WIDTH - LEFT - 20;

describe('latencyHistogramSvg', () => {
  const svg = runLatencyHistogramSvg([passingCloud, failingLocal], ['cloud-cloud', 'local']);

  it('is a valid standalone SVG with a title, axis labels and a legend entry per architecture', () => {
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('end-to-end latency, ms');
    expect(svg).toContain('share of delivered messages');
    const legendTexts = elements(svg, 'g').filter((g) => g.class === 'legend').flatMap((g) => (g.text as Node[]).map((t) => t['#text']));
    expect(legendTexts).toEqual(['cloud-cloud', 'local', 'p50 / p95']);
  });

  it('draws one bar per non-empty bin in each architecture’s colour, one panel per architecture', () => {
    const { bins } = latencyHistogram([passingCloud.metrics.e2eSamples, failingLocal.metrics.e2eSamples]);
    const panels = elements(svg, 'g').filter((g) => g.class === 'panel');
    expect(panels).toHaveLength(2);
    const bars = panels.map((p) => (p.rect as Node[] | undefined) ?? []);
    expect(bars[0]!.length).toBe(bins.filter((b) => b.counts[0]! > 0).length);
    expect(bars[1]!.length).toBe(bins.filter((b) => b.counts[1]! > 0).length);
    expect(new Set(bars[0]!.map((r) => r.fill))).toEqual(new Set(['#0072B2']));
    expect(new Set(bars[1]!.map((r) => r.fill))).toEqual(new Set(['#CC79A7']));
  });

  it('escapes series labels and says so when nothing was delivered', () => {
    const empty = latencyHistogramSvg([{ label: '<b>x</b> & y', architecture: 'direct', samples: [] }]);
    expect(XMLValidator.validate(empty)).toBe(true);
    expect(empty).toContain('&lt;b&gt;x&lt;/b&gt; &amp; y');
    expect(empty).toContain('No delivered messages');
  });
});

describe('loadCurveSvg', () => {
  it('draws the uncontrolled and coordinated curves, the 80 % line and the tariff peak from 17:00 to 21:00', () => {
    const svg = runLoadCurveSvg([gridRun], ['cloud-cloud'])!;
    expect(XMLValidator.validate(svg)).toBe(true);
    const lines = elements(svg, 'polyline');
    expect(lines.map((l) => l.stroke)).toEqual(['#6e7781', '#0072B2']);
    expect(String(lines[0]!.points).split(' ')).toHaveLength(grid.uncontrolledLoad.length);
    expect(svg).toContain('80 % of 50 kVA = 40 kW');
    // The run starts at 17:00 and lasts 8 h, so the 16:00–21:00 peak covers the first half of the plot.
    const shade = elements(svg, 'rect').find((r) => r.fill === '#fff3c4' && r.stroke === undefined)!;
    expect(Number(shade.x)).toBe(LEFT);
    expect(Number(shade.width)).toBeCloseTo(PLOT_W / 2, 0);
    expect(elements(svg, 'text').map((t) => t['#text'])).toEqual(expect.arrayContaining(['17:00', '21:00', '01:00', 'time of day', 'total load, kW']));
  });

  it('clips a peak window that crosses midnight to the run', () => {
    const svg = loadCurveSvg({ transformerKva: 50, uncontrolled: grid.uncontrolledLoad, curves: [], tariffPeak: { startMin: 22 * 60, endMin: 2 * 60 } });
    const shade = elements(svg, 'rect').filter((r) => r.fill === '#fff3c4' && r.stroke === undefined);
    expect(shade).toHaveLength(1);
    expect(Number(shade[0]!.x)).toBeCloseTo(LEFT + (5 / 8) * PLOT_W, 0);
    expect(Number(shade[0]!.width)).toBeCloseTo((3 / 8) * PLOT_W, 0);
  });

  it('is absent without grid metrics', () => {
    expect(runLoadCurveSvg([passingCloud], ['cloud-cloud'])).toBeUndefined();
  });
});
