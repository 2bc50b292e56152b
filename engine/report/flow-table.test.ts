import { describe, expect, it } from 'vitest';
import type { FlowMetrics, RunResult } from '../../protocol/run-result';
import { htmlReport } from './html-report';
import { markdownReport } from './markdown-report';
import { failingLocal, passingCloud } from './test-support/run-results';

const stream = (over: Partial<FlowMetrics>): FlowMetrics => ({
  id: 'cam', kind: 'stream', from: 'home/h1/camera.front_door', to: 'vehicle/car1', links: ['lan', 'home-broadband', 'cellular'], outcome: 'ended',
  reason: null, bitrateKbps: 2000, sizeBytes: null, ttffMs: 512.5, stalls: 0, stalledMs: 0, rebufferRatio: 0, throughputKbps: 2000, completionMs: null, ...over,
});

const withFlows = (run: RunResult, flows: FlowMetrics[]): RunResult => ({ ...run, metrics: { ...run.metrics, flows } });
const cloud = withFlows(passingCloud, [stream({})]);
const local = withFlows(failingLocal, [stream({ links: ['near-field', 'lan'], outcome: 'failed', reason: '<script>out of local range</script>', ttffMs: null, rebufferRatio: 1, throughputKbps: null })]);
const rowsOf = (md: string) => md.split('\n').filter((l) => l.startsWith('| `cam`')).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));

describe('streams and transfers in the report', () => {
  it('puts each flow\'s figures side by side per architecture, a dash where it never got that far', () => {
    const rows = rowsOf(markdownReport([local, cloud]));
    expect(rows).toContainEqual(['`cam`', 'links', 'lan → home-broadband → cellular', 'near-field → lan']);
    expect(rows).toContainEqual(['`cam`', 'time to first frame (ms)', '513', '—']);
    expect(rows).toContainEqual(['`cam`', 'stalls', '0', '—']);
    expect(rows).toContainEqual(['`cam`', 'rebuffer ratio', '0.0 %', '100.0 %']);
    expect(rows.find((r) => r[1] === 'outcome')![3]).toMatch(/^failed: .*out of local range/);
  });

  it('shows a transfer\'s completion time, and nothing at all for runs without flows', () => {
    const clip: FlowMetrics = { ...stream({}), id: 'clip', kind: 'transfer', bitrateKbps: null, sizeBytes: 200_000_000, ttffMs: null, rebufferRatio: null, completionMs: 320_000, throughputKbps: 5000 };
    const md = markdownReport([withFlows(passingCloud, [clip])]);
    expect(md).toMatch(/\| `clip` \| completion time +\| +5 min 20 s \|/);
    expect(markdownReport([passingCloud])).not.toContain('Streams and transfers');
  });

  it('escapes a hostile failure reason in HTML', () => {
    const html = htmlReport([local, cloud]);
    expect(html).toContain('<h3>Streams and transfers</h3>');
    expect(html).not.toContain('<script>out of local range');
    expect(html).toContain('&lt;script&gt;out of local range');
  });
});
