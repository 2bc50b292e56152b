import { describe, expect, it } from 'vitest';
import { markdownReport } from './markdown-report';
import { failingLocal, gridRun, passingCloud } from './test-support/run-results';

const rowsOf = (md: string) => md.split('\n').filter((l) => l.startsWith('|')).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));

describe('markdownReport', () => {
  const md = markdownReport([failingLocal, passingCloud, gridRun]);
  const rows = rowsOf(md);
  const row = (label: string) => rows.find((r) => r[0] === label);

  it('opens with the title and a one-line verdict over all runs', () => {
    expect(md.startsWith('# Twinbench evaluation report\n\n3 runs of 2 scenarios: 2 passed, 1 failed.\n')).toBe(true);
    expect(md).toContain('## Home mode on approach');
    expect(md).toContain('## Sleep-time charging peak shaving');
  });

  it('gives the verdict per architecture, cloud-to-cloud first whatever the input order', () => {
    expect(rows).toContainEqual(['cloud-cloud', '✓ PASS', '2 / 2', 'ran to the end (10 min 0 s)']);
    expect(rows).toContainEqual(['local', '✗ FAIL', '1 / 2', 'aborted by failWhen: gateway h1/gateway offline for 60 s']);
    expect(md.indexOf('| cloud-cloud  | ✓ PASS')).toBeLessThan(md.indexOf('| local        | ✗ FAIL'));
  });

  it('puts the pilot metrics of both architectures side by side', () => {
    expect(row('metric')).toEqual(['metric', 'cloud-cloud', 'local']);
    expect(row('access success rate')).toEqual(['access success rate', '98.0 %', '75.0 %']);
    expect(row('failure rate')).toEqual(['failure rate', '2.0 %', '25.0 %']);
    expect(row('e2e latency p50 (ms)')).toEqual(['e2e latency p50 (ms)', '188 (n=400)', '9.4 (n=380)']);
    expect(row('round trip p95 (ms)')).toEqual(['round trip p95 (ms)', '820 (n=196)', '45 (n=150)']);
    expect(row('messages sent')).toEqual(['messages sent', '400', '400']);
    expect(row('failed: out-of-range')).toEqual(['failed: out-of-range', '0', '60']);
    expect(row('failed: timeout')).toEqual(['failed: timeout', '5', '0']);
    expect(row('round trip p50 (ms)')).toBeDefined();
    expect(rows).toContainEqual(['round trip p50 (ms)', '—']);
    expect(rows).toContainEqual(['failures by reason', 'none']);
  });

  it('shows a dash, not 100 % or 0 ms, when no message was measured', () => {
    const silent = { ...passingCloud, metrics: { ...passingCloud.metrics, messages: 0, delivered: 0, failed: 0, successRate: 1, failureRate: 0, failuresByReason: {}, e2e: { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 }, hops: [] } };
    const empty = rowsOf(markdownReport([silent]));
    expect(empty).toContainEqual(['access success rate', '—']);
    expect(empty).toContainEqual(['failure rate', '—']);
    expect(empty).toContainEqual(['e2e latency p95 (ms)', '—']);
  });

  it('tabulates latency per hop × architecture, with a dash where a hop is not on the path', () => {
    expect(rows).toContainEqual(['hop', 'link', 'cloud-cloud p50 / p95 (ms)', 'local p50 / p95 (ms)']);
    expect(rows).toContainEqual(['`home/*/gateway → device`', 'lan', '3.9 / 8.2 (n=200)', '4.0 / 8.3 (n=200)']);
    expect(rows).toContainEqual(['`vehicle/* → home/*/gateway`', 'near-field', '—', '3.0 / 6.9 (n=200)']);
    expect(rows).toContainEqual(['`home-cloud → home/*/gateway`', 'home-broadband', '20 / 44 (n=200) †', '—']);
  });

  it('lists the expectations with ✓/✗ and escaped detail', () => {
    expect(md).toContain('- ✓ `lights-on` (state) Living-room light on before arrival: light.living_room was on at 00:04:12');
    expect(md).toContain('- ✗ run aborted by failWhen: gateway h1/gateway offline for 60 s');
    expect(md).toContain('- ✗ `lights-on` (state) Living-room light on before arrival: expected light.hall "on" \\& \\<b\\>bold\\</b\\> got \'off\'');
    expect(md).not.toContain('<b>');
  });

  it('has the grid table of the peak-shaving scene', () => {
    expect(rows).toContainEqual(['peak load, uncontrolled charging', '51.6 kW']);
    expect(rows).toContainEqual(['peak load, this run', '29.6 kW']);
    expect(rows).toContainEqual(['peak reduction', '42.6 %']);
    expect(rows).toContainEqual(['max load, % of transformer rating', '59.2 %']);
    expect(rows).toContainEqual(['EVs charged to target', '2 / 2']);
    expect(rows).toContainEqual(['charging energy in tariff peak', '0.0 kWh']);
    expect(rows).toContainEqual(['energy cost, this run', '15.40 CNY']);
    expect(markdownReport([passingCloud])).not.toContain('Grid');
  });

  it('gives the eventHash and seed of every run', () => {
    expect(rows).toContainEqual(['cloud-cloud', '7', 'homes=4, strategy=coordinated', '900', '8 h 0 min', `\`${gridRun.eventHash}\``]);
    expect(md).toContain(`\`${failingLocal.eventHash}\``);
  });

  it('pads table columns so they line up as plain text', () => {
    const table = md.split('## Sleep')[0]!.split('\n').filter((l) => l.startsWith('| metric') || l.startsWith('| access success rate'));
    expect(table).toHaveLength(2);
    expect(new Set(table.map((l) => [...l].length)).size).toBe(1);
  });

  it('keeps markup in a title from becoming HTML, and is deterministic', () => {
    const evil = markdownReport([{ ...gridRun, title: '<img src=x onerror=alert(1)> | *x*' }]);
    expect(evil).toContain('# Twinbench evaluation report: \\<img src=x onerror=alert(1)\\> \\| \\*x\\*');
    expect(evil).not.toMatch(/(?<!\\)<img/);
    expect(markdownReport([failingLocal, passingCloud, gridRun])).toBe(md);
  });
});
