// The content of the test evaluation report (seed §4.1.1: access success rate, latency, failure rate per
// architecture), as plain tables and lists. The Markdown and HTML reports render this one model, so they can
// never disagree about a figure; only the charts are HTML-only.
import type { ExpectationResult, RunResult } from '../runner/result';
import {
  failureReasonsOf, formatDuration, formatNumber, formatParameters, formatPercent, formatRate, formatStat,
  groupByScenario, groupDigits, sampleCount, VERDICT_LABEL, verdictOf, type ScenarioGroup,
} from './format';
import type { RunVerdict } from '../../protocol/run-result';
import { flowTable } from './flow-table';

export type Tone = 'pass' | 'fail' | 'muted';

const VERDICT_TONE: Readonly<Record<RunVerdict, Tone>> = { pass: 'pass', fail: 'fail', none: 'muted' };

export interface Cell {
  text: string;
  tone?: Tone;
  /** Identifiers and hashes: shown in a monospace code span. */
  code?: boolean;
}

export interface Table {
  /** Column headings; the first column holds row labels. */
  head: string[];
  rows: Cell[][];
  /** Shown under the table, e.g. what a marker means. */
  note?: string;
  /** Value columns hold figures: right-aligned so digits line up. */
  numeric?: boolean;
  /** Leading columns that label a row rather than hold a value (default 1). */
  labelColumns?: number;
}

export interface RunExpectations {
  label: string;
  passed: boolean;
  /** A declared demo (`verdict: none`): neither passed nor failed. */
  noVerdict?: true;
  abortedBy?: string;
  items: ExpectationResult[];
}

export interface ScenarioSection {
  group: ScenarioGroup;
  /** `file`, seeds and parameters, as label → value pairs. */
  facts: [string, Cell][];
  verdict: Table;
  metrics: Table;
  hops?: Table;
  grid?: Table;
  /** Streams and transfers: first frame, stalls, rebuffer ratio, completion time, per architecture. */
  flows?: Table;
  expectations: RunExpectations[];
  reproducibility: Table;
}

export interface ReportModel {
  title: string;
  summary: string;
  sections: ScenarioSection[];
}

const DASH: Cell = { text: '—', tone: 'muted' };

export function reportModel(results: readonly RunResult[]): ReportModel {
  if (results.length === 0) throw new Error('No run results to report: run at least one scenario first.');
  const groups = groupByScenario(results);
  const passed = results.filter((r) => verdictOf(r) === 'pass').length;
  const without = results.filter((r) => verdictOf(r) === 'none').length;
  const title = groups.length === 1 ? `Twinbench evaluation report: ${groups[0]!.title}` : 'Twinbench evaluation report';
  const summary = `${plural(results.length, 'run')} of ${plural(groups.length, 'scenario')}: ${passed} passed, ${results.length - passed - without} failed` +
    `${without > 0 ? `, ${without} without a verdict (declared demos)` : ''}.`;
  return { title, summary, sections: groups.map(section) };
}

function section(group: ScenarioGroup): ScenarioSection {
  const { runs, labels } = group;
  const seeds = [...new Set(runs.map((r) => r.seed))];
  const parameters = [...new Set(runs.map((r) => formatParameters(r.parameters)))];
  const facts: [string, Cell][] = [
    ['scenario', { text: group.scenario, code: true }],
    ['file', { text: group.file, code: true }],
    [seeds.length === 1 ? 'seed' : 'seeds', { text: seeds.join(', ') }],
    ['parameters', { text: parameters.length === 1 ? parameters[0] || 'none' : 'differ per run (see reproducibility)' }],
  ];
  const hops = hopTable(group);
  const grid = gridTable(group);
  const flows = flowTable(group);
  return {
    group, facts,
    verdict: {
      head: ['architecture', 'verdict', 'expectations met', 'run'],
      rows: runs.map((r, i) => [
        { text: labels[i]! },
        { text: VERDICT_LABEL[verdictOf(r)], tone: VERDICT_TONE[verdictOf(r)] },
        { text: `${r.expectations.filter((e) => e.passed).length} / ${r.expectations.length}` },
        r.abortedBy ? { text: `aborted by failWhen: ${r.abortedBy}`, tone: 'fail' } : { text: `ran to the end (${formatDuration(r.simulatedMs)})` },
      ]),
    },
    metrics: metricsTable(group),
    ...(hops ? { hops } : {}),
    ...(grid ? { grid } : {}),
    ...(flows ? { flows } : {}),
    expectations: runs.map((r, i) => ({
      label: labels[i]!, passed: r.passed, ...(r.noVerdict ? { noVerdict: true as const } : {}), ...(r.abortedBy ? { abortedBy: r.abortedBy } : {}), items: r.expectations,
    })),
    reproducibility: {
      head: ['architecture', 'seed', 'parameters', 'events', 'simulated time', 'eventHash'],
      rows: runs.map((r, i) => [
        { text: labels[i]! }, { text: String(r.seed) }, { text: formatParameters(r.parameters) || 'none' },
        { text: groupDigits(r.events) }, { text: formatDuration(r.simulatedMs) }, { text: r.eventHash, code: true },
      ]),
      note: 'Same scenario, seed and parameters ⇒ same eventHash: rerun with them to reproduce a run exactly.',
    },
  };
}

function metricsTable({ runs, labels }: ScenarioGroup): Table {
  const row = (label: string, value: (r: RunResult) => string): Cell[] => [{ text: label }, ...runs.map((r) => ({ text: value(r) }))];
  const reasons = failureReasonsOf(runs);
  return {
    head: ['metric', ...labels],
    numeric: true,
    rows: [
      row('access success rate', (r) => formatRate(r.metrics.successRate, r.metrics.messages)),
      row('failure rate', (r) => formatRate(r.metrics.failureRate, r.metrics.messages)),
      row('e2e latency p50 (ms)', (r) => formatStat(r.metrics.e2e, 'p50') + sampleCount(r.metrics.e2e)),
      row('e2e latency p95 (ms)', (r) => formatStat(r.metrics.e2e, 'p95') + sampleCount(r.metrics.e2e)),
      row('e2e latency p99 (ms)', (r) => formatStat(r.metrics.e2e, 'p99') + sampleCount(r.metrics.e2e)),
      row('round trip p50 (ms)', (r) => formatStat(r.metrics.roundTrip, 'p50') + sampleCount(r.metrics.roundTrip)),
      row('round trip p95 (ms)', (r) => formatStat(r.metrics.roundTrip, 'p95') + sampleCount(r.metrics.roundTrip)),
      row('messages sent', (r) => groupDigits(r.metrics.messages)),
      row('delivered', (r) => groupDigits(r.metrics.delivered)),
      row('failed', (r) => groupDigits(r.metrics.failed)),
      ...(reasons.length === 0
        ? [row('failures by reason', () => 'none')]
        : reasons.map((reason) => row(`failed: ${reason}`, (r) => groupDigits(r.metrics.failuresByReason[reason] ?? 0)))),
    ],
  };
}

/** Hop × architecture, p50 / p95: where each architecture spends its latency. */
function hopTable({ runs, labels }: ScenarioGroup): Table | undefined {
  const keys: { hop: string; link: string }[] = [];
  for (const r of runs) {
    for (const h of r.metrics.hops) if (!keys.some((k) => k.hop === h.hop && k.link === h.link)) keys.push({ hop: h.hop, link: h.link });
  }
  if (keys.length === 0) return undefined;
  let anyMeasured = false;
  const rows = keys.map(({ hop, link }): Cell[] => [
    { text: hop, code: true },
    { text: link },
    ...runs.map((r): Cell => {
      const h = r.metrics.hops.find((x) => x.hop === hop && x.link === link);
      if (!h) return DASH;
      anyMeasured ||= h.measured;
      return { text: `${formatStat(h, 'p50')} / ${formatStat(h, 'p95')}${sampleCount(h)}${h.measured ? ' †' : ''}` };
    }),
  ]);
  return {
    head: ['hop', 'link', ...labels.map((l) => `${l} p50 / p95 (ms)`)],
    numeric: true,
    labelColumns: 2,
    rows,
    note: `n = messages measured on the hop; — = the hop is not on this architecture's path.${anyMeasured ? ' † = measured on a real wire (external endpoint); the others are drawn from link models.' : ''}`,
  };
}

/** The sleep-time charging scene: what coordination did to the transformer's evening peak. */
function gridTable({ runs, labels }: ScenarioGroup): Table | undefined {
  if (!runs.some((r) => r.metrics.grid)) return undefined;
  const row = (label: string, value: (g: NonNullable<RunResult['metrics']['grid']>) => Cell | string): Cell[] => [
    { text: label },
    ...runs.map((r) => {
      if (!r.metrics.grid) return DASH;
      const v = value(r.metrics.grid);
      return typeof v === 'string' ? { text: v } : v;
    }),
  ];
  const kw = (v: number) => `${formatNumber(v, 1)} kW`;
  const money = (v: number, currency: string) => `${formatNumber(v, 2)} ${currency}`;
  return {
    head: ['grid', ...labels],
    numeric: true,
    rows: [
      row('charging strategy', (g) => g.strategy),
      row('transformer rating', (g) => `${formatNumber(g.transformerKva, 0)} kVA`),
      row('peak load, uncontrolled charging', (g) => kw(g.uncontrolledPeakKw)),
      row('peak load, this run', (g) => kw(g.peakKw)),
      row('peak reduction', (g) => formatPercent(g.peakReductionPct)),
      row('max load, % of transformer rating', (g) => ({ text: formatPercent(g.maxLoadPctOfRating), tone: g.maxLoadPctOfRating > 100 ? 'fail' : undefined })),
      row('EVs charged to target', (g) => ({ text: `${g.evsAtTarget} / ${g.evCount}`, tone: g.evsAtTarget < g.evCount ? 'fail' : undefined })),
      row('charging energy in tariff peak', (g) => `${formatNumber(g.chargingEnergyInPeakKwh, 1)} kWh`),
      row('energy cost, uncontrolled', (g) => money(g.uncontrolledEnergyCost, g.currency)),
      row('energy cost, this run', (g) => money(g.energyCost, g.currency)),
    ],
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
