// The brand-pair matrix of the report: carmakers down, home brands across, each pair's success rate and p95 with
// its sample count; a pair with failures is marked, a pair with no access says so (not 100 %), and a brand name
// full of markup is escaped in both renderings.
import { describe, expect, it } from 'vitest';
import type { BrandPairMetrics } from '../../protocol/run-result';
import { htmlReport } from './html-report';
import { markdownReport } from './markdown-report';
import { reportModel } from './report-model';
import { passingCloud, statsOf } from './test-support/run-results';

const pair = (vehicleBrand: string, homeBrand: string, delivered: number, failed: number, failures: Record<string, number> = {}): BrandPairMetrics => ({
  vehicleBrand, homeBrand, messages: delivered + failed, delivered, failed, latency: statsOf(Array.from({ length: delivered }, (_, i) => 100 + i)),
  failuresByReason: failures, ...(delivered + failed > 0 ? { successRate: delivered / (delivered + failed), failureRate: failed / (delivered + failed) } : {}),
});

const run = {
  ...passingCloud,
  metrics: { ...passingCloud.metrics, brandPairs: [pair('volta', 'thermia', 20, 0), pair('volta', 'nestor', 15, 5, { 'gateway-offline': 5 }), pair('kodiak', 'thermia', 0, 0), pair('kodiak', 'nestor', 8, 0)] },
};

describe('brand-pair matrix', () => {
  it('puts each pair in its cell, marks the weak pair and says when a pair exchanged nothing', () => {
    const [tables] = reportModel([run]).sections[0]!.brandPairs!;
    expect(tables!.matrix.head).toEqual(['car brand ╲ home brand', 'thermia', 'nestor']);
    const [volta, kodiak] = tables!.matrix.rows;
    expect(volta![1]).toEqual({ text: '100.0 % · p95 119 ms (n=20)', tone: 'pass' });
    expect(volta![2]).toMatchObject({ text: expect.stringMatching(/^75.0 % · p95/), tone: 'fail' });
    expect(kodiak![1]).toEqual({ text: 'no message', tone: 'muted' });
    expect(tables!.detail.rows[1]!.at(-1)).toEqual({ text: 'gateway-offline 5' });
  });

  it('appears in the Markdown and HTML reports, and not at all for a run without brands', () => {
    expect(markdownReport([run])).toContain('### Brand pairs: cloud-cloud');
    expect(htmlReport([run])).toContain('<h3>Brand pairs: cloud-cloud</h3>');
    expect(markdownReport([passingCloud])).not.toContain('Brand pairs');
    expect(reportModel([passingCloud]).sections[0]!.brandPairs).toBeUndefined();
  });

  it('escapes a brand name made of markup', () => {
    const hostile = { ...run, metrics: { ...run.metrics, brandPairs: [pair('<img src=x onerror=alert(1)>', 'a|b', 3, 0)] } };
    expect(htmlReport([hostile])).not.toContain('<img src=x');
    expect(markdownReport([hostile])).not.toMatch(/\| a\|b \|/);
  });
});
