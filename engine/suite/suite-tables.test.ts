import { describe, expect, it } from 'vitest';
import { assemble } from './suite-report';
import { suiteHtml, suiteMarkdown } from './suite-tables';

const report = assemble(
  [
    { index: 0, file: 'a.yaml', scenario: 'quiet', architecture: 'local', seed: 1, passed: true, eventHash: 'abc' },
    { index: 1, file: 'a.yaml', scenario: 'quiet', architecture: 'local', seed: 2, passed: false, error: 'its worker process ended (signal SIGKILL)' },
  ],
  2,
  [{ index: 1, total: 1 }],
);

describe('suite tables', () => {
  it('print "—" where nothing was measured, never 0 ms or 100 %', () => {
    const md = suiteMarkdown(report);
    expect(md).toContain('| quiet | local | 2 | 1/2 (50.0 %) | — | — | — | 0 | — |');
    expect(md).not.toMatch(/0 ms|100\.0 %/);
    expect(md).toContain('ERROR: its worker process ended (signal SIGKILL)');
    expect(md).toContain('2 of 2 planned runs: 1 passed, 1 failed — FAIL');
  });

  it('escape what the scene names say in HTML', () => {
    const hostile = assemble([{ index: 0, file: 'x', scenario: '<script>alert(1)</script>', architecture: 'direct', seed: 1, passed: true }], 1, [{ index: 1, total: 1 }]);
    expect(suiteHtml(hostile)).not.toContain('<script>alert');
    expect(suiteHtml(hostile)).toContain('&lt;script&gt;');
  });

  it('say runs were skipped, never 0/N passed, and do not count them as failed', () => {
    const night = (index: number, seed: number) => ({ index, file: 'n.yaml', scenario: 'night', architecture: 'direct' as const, seed, passed: false, verdict: 'skipped' as const, skipped: 'needs a real OCPP CSMS' });
    const skipped = assemble([night(0, 1), night(1, 2)], 2, [{ index: 1, total: 1 }]);
    const md = suiteMarkdown(skipped);
    expect(md).toContain('| night | direct | 2 | 2 skipped | — | — | — | 0 | — |');
    expect(md).toContain('| 1 | night | direct | 2 | SKIPPED: needs a real OCPP CSMS | — |');
    expect(md).toContain('2 of 2 planned runs: 0 passed, 0 failed, 2 skipped (a real endpoint needed) — PASS');
    // A merge of hand-edited reports could mix them in one group: the pass rate is of the runs judged.
    const mixed = assemble([night(0, 1), { index: 1, file: 'n.yaml', scenario: 'night', architecture: 'direct', seed: 2, passed: true, verdict: 'pass' }], 2, [{ index: 1, total: 1 }]);
    expect(suiteHtml(mixed)).toContain('<td>1/1 (100.0 %), 1 skipped</td>');
  });
});
