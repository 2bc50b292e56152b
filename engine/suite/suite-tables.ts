// The suite report as a person reads it (Markdown or HTML): the pass rate of each scene × architecture across
// seeds with its pooled latency percentiles and their sample count, then every run with its eventHash. Numbers
// with nothing behind them print as "—", never as 0 ms or 100 %.
import { escapeMarkdown, escapeText } from '../report';
import { failedRun, type SuiteGroup, type SuiteReport, type SuiteRun } from './suite-report';

interface Table {
  head: string[];
  rows: string[][];
}

const dash = '—';
const ms = (value: number, count: number): string => (count > 0 ? `${value} ms` : dash);
const pct = (value: number | null): string => (value === null ? dash : `${(value * 100).toFixed(1)} %`);

function summaryLine(report: SuiteReport): string {
  const passed = report.runs.filter((r) => r.passed).length;
  const failed = report.runs.filter(failedRun).length;
  const count = (verdict: SuiteRun['verdict'], what: string): string => {
    const n = report.runs.filter((r) => r.verdict === verdict).length;
    return n > 0 ? `, ${n} ${what}` : '';
  };
  const shards = report.shards.length === 1 && report.shards[0]!.total === 1 ? '' : `, shards ${report.shards.map((s) => `${s.index}/${s.total}`).join(' ')}`;
  return `${report.runs.length} of ${report.planned} planned runs${shards}: ${passed} passed, ${failed} failed${count('none', 'without a verdict')}${count('skipped', 'skipped (a real endpoint needed)')} — ${report.passed ? 'PASS' : 'FAIL'}`;
}

/** Passed of the runs judged; skipped runs are said, never shown as 0/N passed. */
function passCell(g: SuiteGroup): string {
  if (g.skipped === g.runs) return `${g.runs} skipped`;
  return `${g.passed}/${g.runs - g.skipped} (${pct(g.passRate)})${g.skipped > 0 ? `, ${g.skipped} skipped` : ''}`;
}

function groupTable(report: SuiteReport): Table {
  return {
    head: ['scene', 'architecture', 'runs', 'pass rate', 'e2e p50', 'p95', 'p99', 'samples', 'failure rate'],
    rows: report.groups.map((g) => [
      g.scenario, g.architecture, String(g.runs), passCell(g),
      ms(g.e2e.p50, g.e2e.count), ms(g.e2e.p95, g.e2e.count), ms(g.e2e.p99, g.e2e.count), String(g.e2e.count), pct(g.failureRate),
    ]),
  };
}

function runTable(report: SuiteReport): Table {
  return {
    head: ['#', 'scene', 'architecture', 'seed', 'verdict', 'eventHash'],
    rows: report.runs.map((r) => [
      String(r.index), r.scenario, r.architecture, String(r.seed),
      verdictCell(r), r.eventHash ?? dash,
    ]),
  };
}

function verdictCell(r: SuiteRun): string {
  if (r.error !== undefined) return `ERROR: ${r.error}`;
  if (r.verdict === 'skipped') return `SKIPPED: ${r.skipped ?? 'not run'}`;
  return r.verdict === 'none' ? 'NO VERDICT' : r.passed ? 'PASS' : 'FAIL';
}

export function suiteMarkdown(report: SuiteReport): string {
  const md = (t: Table): string[] => [
    `| ${t.head.join(' | ')} |`, `|${t.head.map(() => '---').join('|')}|`,
    ...t.rows.map((row) => `| ${row.map(escapeMarkdown).join(' | ')} |`),
  ];
  return ['# Twinbench suite', '', summaryLine(report), '', '## Per scene and architecture', '', ...md(groupTable(report)), '', '## Runs', '', ...md(runTable(report)), ''].join('\n');
}

export function suiteHtml(report: SuiteReport): string {
  const html = (t: Table): string => `<table><thead><tr>${t.head.map((h) => `<th>${escapeText(h)}</th>`).join('')}</tr></thead><tbody>${t.rows
    .map((row) => `<tr>${row.map((c) => `<td>${escapeText(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Twinbench suite</title>',
    '<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}</style></head><body>',
    `<h1>Twinbench suite</h1><p>${escapeText(summaryLine(report))}</p>`,
    `<h2>Per scene and architecture</h2>${html(groupTable(report))}`,
    `<h2>Runs</h2>${html(runTable(report))}`,
    '</body></html>', '',
  ].join('\n');
}
