// A declared demo (`verdict: none`) is never a PASS anywhere a run is shown: the run result, the CLI, the Markdown,
// HTML and JSON reports, and JUnit (a skipped testcase with the reason). The scene is the one of the issue: messages
// fail (a cellular outage) and nothing is checked.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/test-support/cli';
import type { RunResult } from '../runner/result';
import { runScenario } from '../runner/run-scenario';
import { loadScenarioText } from '../scenario';
import { htmlReport } from './html-report';
import { jsonReport } from './json-report';
import { junitXml } from './junit';
import { markdownReport } from './markdown-report';
import { passingCloud } from './test-support/run-results';

const DEMO = `scenario: outage-demo
duration: 1m
architectures: [direct]
entities:
  users: [{ id: alice, home: h1, vehicle: car1 }]
  homes: [{ id: h1, devices: standard }]
  vehicles: [{ id: car1, owner: alice, home: h1, at: work }]
steps:
  - at: 5s
    do: { fault: { target: cellular, kind: outage, duration: 50s } }
  - at: 10s
    do: { voice: { target: car, vehicle: car1, utterance: "turn on all AC" } }
verdict: none
`;

let demo: RunResult;
beforeAll(async () => {
  demo = await runScenario(loadScenarioText(DEMO, 'outage-demo.yaml').scenario, 'direct');
});

describe('a run of a declared demo', () => {
  it('has no verdict: noVerdict is set and passed is false, although messages failed and nothing was checked', () => {
    expect(demo.metrics.failureRate).toBeGreaterThan(0);
    expect(demo.expectations).toEqual([]);
    expect(demo.noVerdict).toBe(true);
    expect(demo.passed).toBe(false);
  });

  it('is "no verdict" in the Markdown and HTML reports, never PASS', () => {
    for (const text of [markdownReport([demo]), htmlReport([demo])]) {
      expect(text).toContain('– no verdict');
      expect(text).toContain('no verdict: the scenario declares');
      expect(text).not.toMatch(/PASS/);
    }
    expect(markdownReport([demo, passingCloud])).toMatch(/1 passed, 0 failed, 1 without a verdict/);
  });

  it('carries noVerdict in the JSON report', () => {
    const json = JSON.parse(jsonReport([demo])) as RunResult;
    expect(json.noVerdict).toBe(true);
    expect(json.passed).toBe(false);
  });

  it('is a skipped testcase in JUnit, with the reason, and neither a failure nor a PASS', () => {
    const xml = junitXml([demo]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const root = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml).testsuites;
    expect(root['@failures']).toBe('0');
    expect(root['@skipped']).toBe('1');
    expect(root.testsuite['@skipped']).toBe('1');
    expect(root.testsuite.testcase['@name']).toBe('verdict');
    expect(root.testsuite.testcase.skipped['@message']).toMatch(/^no verdict: the scenario declares `verdict: none`/);
    expect(root.testsuite['system-out']).toMatch(/: NO VERDICT$/);
    expect(xml).not.toMatch(/PASS/);
  });
});

describe('the CLI', () => {
  it('prints NO VERDICT for the demo, exits 0, and writes the reports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'twinbench-no-verdict-'));
    const file = join(dir, 'outage-demo.yaml');
    writeFileSync(file, DEMO);
    const { code, out } = await cli('run', file, '--no-record', '--report', join(dir, 'r.md'), '--junit', join(dir, 'j.xml'));
    expect(out).toMatch(/^NO VERDICT {2}outage-demo \[direct\]/m);
    expect(out).toMatch(/^NO VERDICT {2}1 run\(s\) of a demo that checks nothing \(verdict: none\)$/m);
    expect(out).not.toMatch(/PASS/);
    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'r.md'), 'utf8')).toContain('no verdict');
    expect(readFileSync(join(dir, 'j.xml'), 'utf8')).toContain('<skipped message="no verdict');
  });

  it('refuses the same scene without the declaration, naming the file and the fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'twinbench-no-verdict-'));
    const file = join(dir, 'unchecked.yaml');
    writeFileSync(file, DEMO.replace('verdict: none\n', ''));
    const { code, err } = await cli('run', file, '--no-record');
    expect(code).not.toBe(0);
    expect(err).toContain(`${file}:1:1: this scenario checks nothing`);
    expect(err).toContain('declare `verdict: none`');
  });
});
