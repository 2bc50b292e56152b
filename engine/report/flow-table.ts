// Streams and transfers in the evaluation report (seed §3.4.4(2)): for each flow, per architecture, the links it
// crossed, its time to first frame, stalls and rebuffer ratio (streams) or its completion time (transfers), and
// its throughput. A figure a flow never reached is a dash, never 0: a picture that never came did not "start in 0 ms".
import type { FlowMetrics } from '../../protocol/run-result';
import { formatDuration, formatMs, formatNumber, type ScenarioGroup } from './format';
import type { Cell, Table } from './report-model';

const DASH: Cell = { text: '—', tone: 'muted' };

type Figure = [label: string, value: (f: FlowMetrics) => Cell | string | null];

const OUTCOME: Figure = ['outcome', (f) => (f.outcome === 'failed' ? { text: `failed: ${f.reason ?? 'unknown'}`, tone: 'fail' } : f.outcome)];
const LINKS: Figure = ['links', (f) => f.links.join(' → ') || null];
const THROUGHPUT: Figure = ['throughput (kbit/s)', (f) => (f.throughputKbps === null ? null : formatNumber(f.throughputKbps, 0))];

const STREAM_FIGURES: Figure[] = [
  LINKS,
  ['bitrate (kbit/s)', (f) => (f.bitrateKbps === null ? null : formatNumber(f.bitrateKbps, 0))],
  ['time to first frame (ms)', (f) => (f.ttffMs === null ? null : formatMs(f.ttffMs))],
  ['stalls', (f) => (f.ttffMs === null ? null : { text: String(f.stalls), tone: f.stalls > 0 ? 'fail' : undefined })],
  ['rebuffer ratio', (f) => (f.rebufferRatio === null ? null : { text: `${formatNumber(f.rebufferRatio * 100, 1)} %`, tone: f.rebufferRatio > 0 ? 'fail' : undefined })],
  THROUGHPUT,
  OUTCOME,
];

const TRANSFER_FIGURES: Figure[] = [
  LINKS,
  ['size (bytes)', (f) => (f.sizeBytes === null ? null : formatNumber(f.sizeBytes, 0))],
  ['completion time', (f) => (f.completionMs === null ? null : formatDuration(f.completionMs))],
  THROUGHPUT,
  OUTCOME,
];

/** Flow × figure rows, one column per architecture; undefined when no run had a flow. */
export function flowTable({ runs, labels }: ScenarioGroup): Table | undefined {
  const ids: { id: string; kind: FlowMetrics['kind'] }[] = [];
  for (const r of runs) for (const f of r.metrics.flows ?? []) if (!ids.some((x) => x.id === f.id)) ids.push({ id: f.id, kind: f.kind });
  if (ids.length === 0) return undefined;
  const rows: Cell[][] = [];
  for (const { id, kind } of ids) {
    for (const [label, value] of kind === 'stream' ? STREAM_FIGURES : TRANSFER_FIGURES) {
      rows.push([
        { text: id, code: true }, { text: label },
        ...runs.map((r): Cell => {
          const flow = r.metrics.flows?.find((f) => f.id === id);
          const v = flow === undefined ? null : value(flow);
          return v === null ? DASH : typeof v === 'string' ? { text: v } : v;
        }),
      ]);
    }
  }
  return {
    head: ['flow', 'figure', ...labels], numeric: true, labelColumns: 2, rows,
    note: 'Rebuffer ratio = stalled time / (played + stalled) after the first frame; — = not reached (or no such flow under that architecture).',
  };
}
