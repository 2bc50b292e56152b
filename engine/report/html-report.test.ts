import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { htmlReport } from './html-report';
import { MALICIOUS_DETAIL, failingLocal, gridRun, passingCloud } from './test-support/run-results';

const count = (text: string, needle: string) => text.split(needle).length - 1;
const svgsOf = (html: string) => html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];

describe('htmlReport', () => {
  it('is one self-contained file: no script, no external resource, inline CSS', () => {
    const html = htmlReport([passingCloud, failingLocal, gridRun]);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/<link\b|<img\b|<iframe\b|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).toContain('<style>');
    expect(html).toContain(`Content-Security-Policy" content="default-src 'none'`);
  });

  it('draws the latency histogram for every scene and the load curves for grid scenes', () => {
    expect(count(htmlReport([passingCloud, failingLocal]), '<svg')).toBe(1);
    expect(count(htmlReport([gridRun]), '<svg')).toBe(2);
    expect(count(htmlReport([passingCloud, failingLocal, gridRun]), '<svg')).toBe(3);
    const [histogram, load] = svgsOf(htmlReport([gridRun]));
    expect(histogram).toContain('End-to-end latency per architecture');
    expect(load).toContain('80 % of 50 kVA = 40 kW');
    for (const svg of svgsOf(htmlReport([passingCloud, failingLocal, gridRun]))) expect(XMLValidator.validate(svg)).toBe(true);
  });

  it('has the same tables as the Markdown report', () => {
    const html = htmlReport([passingCloud, failingLocal]);
    expect(html).toContain('<th scope="row">access success rate</th><td class="num">98.0 %</td><td class="num">75.0 %</td>');
    expect(html).toContain('<span class="fail">✗ FAIL</span>');
    expect(html).toContain(`<code>${failingLocal.eventHash}</code>`);
    expect(html).toContain('<code>vehicle/* → home/*/gateway</code>');
  });

  it('escapes a malicious scenario title and expectation details', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const html = htmlReport([{ ...gridRun, title: evil, expectations: [{ id: '"><script>x</script>', kind: 'metric', passed: false, detail: MALICIOUS_DETAIL }] }]);
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<title>Twinbench evaluation report: &lt;img src=x onerror=alert(1)&gt;</title>');
    expect(html).toContain('expected light.hall &quot;on&quot; &amp; &lt;b&gt;bold&lt;/b&gt; got &#39;off&#39;');
  });

  it('shades the tariff peak only when the window is known', () => {
    const { tariffPeak: _, ...withoutWindow } = gridRun.metrics.grid as typeof gridRun.metrics.grid & { tariffPeak?: unknown };
    const unknown = { ...gridRun, metrics: { ...gridRun.metrics, grid: withoutWindow } };
    expect(svgsOf(htmlReport([gridRun]))[1]).toContain('tariff peak');
    expect(svgsOf(htmlReport([unknown]))[1]).not.toContain('tariff peak');
    expect(svgsOf(htmlReport([unknown], { tariffPeak: { startMin: 960, endMin: 1260 } }))[1]).toContain('tariff peak');
  });

  it('is deterministic', () => {
    expect(htmlReport([gridRun, passingCloud])).toBe(htmlReport([gridRun, passingCloud]));
  });
});
