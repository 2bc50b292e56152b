// The test evaluation report as Markdown: GitHub renders it (PR comments, job summaries) and a terminal shows
// it as is, so table columns are padded to line up in plain text too. Charts live in the HTML report.
import { escapeMarkdown, markdownCode } from './escape';
import { NO_VERDICT_REASON, VERDICT_LABEL, verdictOf } from './format';
import { reportModel, type Cell, type RunExpectations, type ScenarioSection, type Table } from './report-model';
import type { RunResult } from '../runner/result';

export function markdownReport(results: readonly RunResult[]): string {
  const model = reportModel(results);
  const out: string[] = [`# ${escapeMarkdown(model.title)}`, '', escapeMarkdown(model.summary), ''];
  for (const s of model.sections) out.push(...sectionLines(s));
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

function sectionLines(s: ScenarioSection): string[] {
  const lines = [`## ${escapeMarkdown(s.group.title)}`, ''];
  for (const [label, value] of s.facts) lines.push(`- ${label}: ${cell(value, false)}`);
  lines.push('', '### Verdict', '', ...table(s.verdict));
  lines.push('### Access success, failures and latency', '', ...table(s.metrics));
  if (s.hops) lines.push('### Latency per hop', '', ...table(s.hops));
  if (s.grid) lines.push('### Grid: charging peak shaving', '', ...table(s.grid));
  if (s.flows) lines.push('### Streams and transfers', '', ...table(s.flows));
  lines.push('### Expectations', '');
  for (const run of s.expectations) lines.push(...expectationLines(run));
  lines.push('### Reproducibility', '', ...table(s.reproducibility));
  return lines;
}

function expectationLines(run: RunExpectations): string[] {
  const lines = [`**${escapeMarkdown(run.label)}**: ${VERDICT_LABEL[verdictOf(run)]}`, ''];
  if (run.abortedBy) lines.push(`- ✗ run aborted by failWhen: ${escapeMarkdown(run.abortedBy)}`);
  if (run.noVerdict) lines.push(`- ${escapeMarkdown(NO_VERDICT_REASON)}`);
  else if (run.items.length === 0 && !run.abortedBy) lines.push('- no expectations declared');
  for (const e of run.items) {
    const what = e.description ? ` ${escapeMarkdown(e.description)}` : '';
    lines.push(`- ${e.passed ? '✓' : '✗'} ${markdownCode(e.id)} (${escapeMarkdown(e.kind)})${what}: ${escapeMarkdown(e.detail)}`);
  }
  lines.push('');
  return lines;
}

function cell(c: Cell, inTable: boolean): string {
  if (c.code) return markdownCode(c.text, inTable);
  return escapeMarkdown(c.text);
}

/** A GFM table with columns padded to a common width, so it also reads well as plain text. */
function table(t: Table): string[] {
  const labelColumns = t.labelColumns ?? 1;
  const rows = [t.head.map(escapeMarkdown), ...t.rows.map((r) => r.map((c) => cell(c, true)))];
  const widths = t.head.map((_, i) => Math.max(3, ...rows.map((r) => width(r[i] ?? ''))));
  const rightAligned = (i: number) => t.numeric === true && i >= labelColumns;
  const line = (r: string[]) => `| ${r.map((v, i) => pad(v, widths[i]!, rightAligned(i))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (rightAligned(i) ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  const out = [line(rows[0]!), rule, ...rows.slice(1).map(line), ''];
  if (t.note) out.push(escapeMarkdown(t.note), '');
  return out;
}

/** Display width: code points, not UTF-16 units (hashes and arrows are one column each). */
function width(s: string): number {
  return [...s].length;
}

function pad(s: string, w: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return right ? fill + s : s + fill;
}
