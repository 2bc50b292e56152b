// The readable form of a run diff: which runs, the verdict, counts per kind of difference, then the first few
// differences with where to find them (event seq in each run). Long lists are capped: the first differences
// are where a regression starts, and the rest are usually its consequences.
import { DIFFERENCE_KINDS, type DiffResult } from './diff-types';

export interface DiffReportOptions {
  /** Differences listed in full. Default 20. */
  limit?: number;
}

export function formatDiffReport(result: DiffResult, options: DiffReportOptions = {}): string {
  const limit = options.limit ?? 20;
  const lines: string[] = [];
  lines.push(`A: ${describe(result.a)}`);
  lines.push(`B: ${describe(result.b)}`);
  for (const warning of result.warnings) lines.push(`Warning: ${warning}.`);
  if (result.equivalent) {
    lines.push(`Equivalent: same messages in the same causal order, same twin states, expectations and events (latency tolerance ${result.toleranceMs} ms).`);
    return lines.join('\n') + '\n';
  }
  const counts = DIFFERENCE_KINDS.filter((k) => result.counts[k] > 0).map((k) => `${result.counts[k]} ${k}`);
  lines.push(`Not equivalent: ${result.total} difference${result.total === 1 ? '' : 's'} (${counts.join(', ')}); latency tolerance ${result.toleranceMs} ms.`);
  const shown = result.differences.slice(0, limit);
  lines.push(shown.length < result.total ? `First ${shown.length}:` : 'Differences:');
  shown.forEach((d, i) => {
    const seqs = [d.seqA === undefined ? '' : `A seq ${d.seqA}`, d.seqB === undefined ? '' : `B seq ${d.seqB}`].filter(Boolean).join(', ');
    lines.push(`${String(i + 1).padStart(4)}. [${d.kind}] ${d.subject}`);
    lines.push(`        ${d.detail}${seqs ? ` (${seqs})` : ''}`);
  });
  if (shown.length < result.total) lines.push(`  … and ${result.total - shown.length} more.`);
  return lines.join('\n') + '\n';
}

function describe(side: DiffResult['a']): string {
  const r = side.run;
  return `${side.label}: ${r.scenario}, ${r.architecture}, seed ${r.seed}, ${r.status}, ${side.messages} messages`;
}
