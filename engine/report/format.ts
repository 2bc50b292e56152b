// Shared by every view of a report: how runs are grouped into scenarios, what a run's column is called, and
// how figures are written. Formatting is done here by hand rather than with toLocaleString so the same
// results give byte-identical reports on every machine (reports are diffed and committed as CI artifacts).
import { ARCHITECTURES } from '../../twins/bus/envelope';
import type { RunVerdict } from '../../protocol/run-result';
import type { LatencyStats, RunResult } from '../runner/result';

/** PASS, FAIL or no verdict: a declared demo (`verdict: none`) is never shown as a PASS. */
export function verdictOf(run: Pick<RunResult, 'passed' | 'noVerdict'>): RunVerdict {
  if (run.noVerdict === true) return 'none';
  return run.passed ? 'pass' : 'fail';
}

/** How each verdict is written in the reports. */
export const VERDICT_LABEL: Readonly<Record<RunVerdict, string>> = { pass: '✓ PASS', fail: '✗ FAIL', none: '– no verdict' };

/** Why a run has no verdict, in the words every output uses. */
export const NO_VERDICT_REASON = 'no verdict: the scenario declares `verdict: none` (a demo that checks nothing)';

export interface ScenarioGroup {
  scenario: string;
  /** The scenario's title, or its id when it has none. */
  title: string;
  file: string;
  runs: RunResult[];
  /** Column label of each run, same order as `runs`: the architecture, qualified only when it repeats. */
  labels: string[];
}

/**
 * Runs grouped by scenario in order of first appearance; inside a group, runs follow the seed's order of
 * architectures (cloud-to-cloud first) so every report reads left to right from the slowest path to local.
 */
export function groupByScenario(results: readonly RunResult[]): ScenarioGroup[] {
  const groups: ScenarioGroup[] = [];
  for (const run of results) {
    let group = groups.find((g) => g.scenario === run.scenario);
    if (!group) {
      group = { scenario: run.scenario, title: run.title ?? run.scenario, file: run.file, runs: [], labels: [] };
      groups.push(group);
    }
    group.runs.push(run);
  }
  for (const group of groups) {
    group.runs = stableSortBy(group.runs, (r) => architectureRank(r.architecture));
    group.labels = runLabels(group.runs);
  }
  return groups;
}

function architectureRank(architecture: string): number {
  const i = (ARCHITECTURES as readonly string[]).indexOf(architecture);
  return i === -1 ? ARCHITECTURES.length : i;
}

function stableSortBy<T>(items: readonly T[], key: (item: T) => number): T[] {
  return items.map((item, i) => ({ item, i, k: key(item) })).sort((a, b) => a.k - b.k || a.i - b.i).map((e) => e.item);
}

/** `cloud-cloud`, or `cloud-cloud (seed 7)` / `cloud-cloud #2` when one architecture was run more than once. */
function runLabels(runs: readonly RunResult[]): string[] {
  return runs.map((r, i) => {
    const same = runs.filter((o) => o.architecture === r.architecture);
    if (same.length === 1) return r.architecture;
    if (same.filter((o) => o.seed === r.seed).length === 1) return `${r.architecture} (seed ${r.seed})`;
    return `${r.architecture} #${runs.slice(0, i + 1).filter((o) => o.architecture === r.architecture).length}`;
  });
}

/** Digits grouped by commas: `12,500`. */
export function groupDigits(value: number, decimals = 0): string {
  if (!Number.isFinite(value)) return '—';
  const [int = '0', frac] = Math.abs(value).toFixed(decimals).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = value < 0 && Number(`${int}.${frac ?? '0'}`) !== 0 ? '-' : '';
  return `${sign}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

/** Milliseconds with the precision that matters: `3.2`, `182`, `12,500`. */
export function formatMs(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return groupDigits(value, Math.abs(value) < 10 ? 1 : 0);
}

/** A percentile of a latency distribution, or a dash when nothing was measured. */
export function formatStat(stats: LatencyStats, key: 'p50' | 'p95' | 'p99' | 'max' | 'mean'): string {
  return stats.count > 0 ? formatMs(stats[key]) : '—';
}

/** The sample count a percentile rests on: ` (n=40)`; nothing when there is no sample (the value is a dash). */
export function sampleCount(stats: LatencyStats): string {
  return stats.count > 0 ? ` (n=${groupDigits(stats.count)})` : '';
}

/** A 0–1 rate as a percentage: `98.5 %`; a dash when it is a rate of nothing (`of` = 0 messages). */
export function formatRate(rate: number, of?: number): string {
  if (of === 0) return '—';
  return Number.isFinite(rate) ? `${(rate * 100).toFixed(1)} %` : '—';
}

/** A value already in percent: `38.7 %`. */
export function formatPercent(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(1)} %` : '—';
}

export function formatNumber(value: number, decimals: number): string {
  return groupDigits(value, decimals);
}

/** Virtual duration: `8 h 0 min`, `2 min 5 s`, `850 ms`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ${s % 60} s`;
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}

/** Parameters sorted by name (a record's key order is not something to rely on): `homes=4, strategy=coordinated`. */
export function formatParameters(parameters: Record<string, string | number | boolean>): string {
  return Object.keys(parameters).sort().map((k) => `${k}=${String(parameters[k])}`).join(', ');
}

/** Every failure reason seen in any run of a group, sorted so rows line up across runs. */
export function failureReasonsOf(runs: readonly RunResult[]): string[] {
  return [...new Set(runs.flatMap((r) => Object.keys(r.metrics.failuresByReason)))].sort();
}
