// `twinbench run --report/--junit` writes the files the README promises, with the fields issue #3 lists.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { cli } from './test-support/cli';

const scenario = (name: string): string => path.resolve(import.meta.dirname, '../../scenarios', `${name}.yaml`);

describe('reports from the command line', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'twinbench-reports-'));

  it('writes a JSON report with scenario, seed, architecture, verdict, expectations, metrics and eventHash', async () => {
    const file = path.join(dir, 'doorbell.json');
    expect((await cli('run', scenario('doorbell'), '--arch', 'cloud-cloud', '--report', file)).code).toBe(0);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(report).toMatchObject({ scenario: 'doorbell', seed: 42, architecture: 'cloud-cloud', passed: true });
    expect(report.eventHash).toMatch(/^[0-9a-f]{64}$/);
    expect(report.expectations[0]).toEqual(expect.objectContaining({ id: 'pip-on-panel', passed: true, detail: expect.any(String) }));
    const m = report.metrics;
    for (const key of ['p50', 'p95', 'p99']) expect(m.e2e[key]).toBeGreaterThan(0);
    expect(m.hops.length).toBeGreaterThan(3);
    expect(m).toMatchObject({ successRate: 1, failureRate: 0 });
    expect(m.messages).toBeGreaterThan(5);
  });

  it('writes a side-by-side report for --arch all and valid JUnit XML with one testcase per expectation', async () => {
    const md = path.join(dir, 'safety.md');
    const xml = path.join(dir, 'safety.xml');
    await cli('run', scenario('safety-alert'), '--arch', 'all', '--report', md, '--junit', xml);
    const markdown = readFileSync(md, 'utf8');
    expect(markdown).toMatch(/\| metric +\| cloud-cloud \| +direct \| phone-proxy \| +local \|/);
    const junit = readFileSync(xml, 'utf8');
    expect(XMLValidator.validate(junit)).toBe(true);
    expect(junit.match(/<testsuite /g)).toHaveLength(4);
    expect(junit).toContain('name="leak-on-phone"');
    // Local cannot reach a car and phone that are away: its failures are in the XML, not hidden.
    expect(junit).toMatch(/<testsuite [^>]*name="safety-alert \[local\]"[^>]*failures="[1-9]/);
  });

  it('writes the peak-shaving load curves into the HTML report and rejects an unknown report format', async () => {
    const html = path.join(dir, 'peak.html');
    await cli('run', scenario('charging-peak-shaving'), '--report', html);
    const page = readFileSync(html, 'utf8');
    expect(page.match(/<svg/g)?.length).toBe(2);
    expect(page).toContain('uncontrolled');
    expect(page).not.toContain('<script');
    const bad = await cli('run', scenario('doorbell'), '--arch', 'direct', '--report', path.join(dir, 'x.pdf'));
    expect(bad.code).toBe(2);
    expect(bad.out).toBe(''); // refused before running
    expect(bad.err).toContain('".pdf" is not a report format');
  });
});
