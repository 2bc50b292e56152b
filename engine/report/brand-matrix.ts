// The pilots' figures per brand pair (seed §4.1.1) as the report shows them: for each run a matrix, carmaker
// brands down, home brands across, each cell the pair's access success rate and p95 latency with its sample
// count — a weak pair stands out at a glance — and beside it the full figures of every pair.
import type { BrandPairMetrics, RunResult } from '../../protocol/run-result';
import { formatRate, formatStat, groupDigits, sampleCount } from './format';
import type { Cell, Table } from './report-model';

export interface BrandPairTables {
  /** The run the tables are for (its architecture, and seed when several). */
  label: string;
  matrix: Table;
  detail: Table;
}

export function brandPairTables(runs: readonly RunResult[], labels: readonly string[]): BrandPairTables[] | undefined {
  const tables = runs.flatMap((run, i) => {
    const pairs = run.metrics.brandPairs;
    return pairs === undefined || pairs.length === 0 ? [] : [{ label: labels[i]!, matrix: matrix(pairs), detail: detail(pairs) }];
  });
  return tables.length > 0 ? tables : undefined;
}

function matrix(pairs: readonly BrandPairMetrics[]): Table {
  const vehicleBrands = [...new Set(pairs.map((p) => p.vehicleBrand))];
  const homeBrands = [...new Set(pairs.map((p) => p.homeBrand))];
  const byPair = new Map(pairs.map((p) => [`${p.vehicleBrand}|${p.homeBrand}`, p]));
  return {
    head: ['car brand ╲ home brand', ...homeBrands],
    rows: vehicleBrands.map((v) => [
      { text: v, code: true },
      ...homeBrands.map((h): Cell => {
        const p = byPair.get(`${v}|${h}`);
        if (p === undefined || p.messages === 0) return { text: 'no message', tone: 'muted' };
        const text = `${formatRate(p.successRate ?? 0, p.messages)} · p95 ${formatStat(p.latency, 'p95')} ms${sampleCount(p.latency)}`;
        return { text, tone: p.failed > 0 ? 'fail' : 'pass' };
      }),
    ]),
    note: 'Access success rate between the pair\'s cars and homes (a command or query succeeds when its response comes back, an event when delivered) and p95 latency (round trip; n = samples). Red: the pair had failed accesses.',
  };
}

function detail(pairs: readonly BrandPairMetrics[]): Table {
  return {
    head: ['car brand', 'home brand', 'accesses', 'success', 'failure', 'p50 ms', 'p95 ms', 'p99 ms', 'samples', 'failures by reason'],
    labelColumns: 2,
    numeric: true,
    rows: pairs.map((p) => [
      { text: p.vehicleBrand, code: true }, { text: p.homeBrand, code: true },
      { text: groupDigits(p.messages) },
      { text: formatRate(p.successRate ?? 0, p.messages), ...(p.failed > 0 ? { tone: 'fail' as const } : {}) },
      { text: formatRate(p.failureRate ?? 0, p.messages) },
      { text: formatStat(p.latency, 'p50') }, { text: formatStat(p.latency, 'p95') }, { text: formatStat(p.latency, 'p99') },
      { text: groupDigits(p.latency.count) },
      { text: Object.entries(p.failuresByReason).map(([reason, n]) => `${reason} ${n}`).join(', ') || '—', ...(p.failed > 0 ? {} : { tone: 'muted' as const }) },
    ]),
  };
}
