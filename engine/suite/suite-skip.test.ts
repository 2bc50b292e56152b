// A suite over a scene only a real endpoint can judge (its charging left to an external OCPP CSMS) and a scene it
// can: the first is validated but not run — SKIP lines with the reason and the command that runs it alone, skipped
// in the report and JUnit, neither passing nor failing the suite — and shards of that suite merge into the same.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../runner/run-scenario';
import { loadScenarioFile } from '../scenario';
import { runSuite, type SuiteIo } from './run-suite';
import { mergeSuiteReports, readSuiteReport } from './suite-merge';
import type { SuiteReport, SuiteRun } from './suite-report';
import { suiteMarkdown } from './suite-tables';

const CSMS_NIGHT = path.resolve('engine/suite/fixtures/external-csms-night.yaml');
const DOORBELL = path.resolve('scenarios/doorbell.yaml');
const dir = mkdtempSync(path.join(os.tmpdir(), 'twinbench-suite-skip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string): string => path.join(dir, name);

function capture(): SuiteIo & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (t) => lines.push(t), err: (t) => lines.push(t) };
}

/** Both scenes: the night under its two architectures, the doorbell under direct, seeds 1 and 2. */
const suite = { files: [DOORBELL, CSMS_NIGHT], seeds: [1, 2] };
const SKIP_REASON = 'charging strategy external-csms needs a real OCPP CSMS, which a suite does not connect';
/** What a run is, whichever machine ran it (CPU, worker and wall time differ). */
const identity = (r: SuiteRun) => ({ index: r.index, scenario: r.scenario, architecture: r.architecture, seed: r.seed, verdict: r.verdict, skipped: r.skipped, eventHash: r.eventHash });

describe('a suite with a scene only a real endpoint can judge', () => {
  it('has a scene that fails when run simulated, so a suite that ran it would fail', async () => {
    const { scenario } = loadScenarioFile(CSMS_NIGHT);
    const result = await runScenario(scenario, 'direct');
    expect(result.passed).toBe(false);
    expect(result.expectations.filter((e) => !e.passed).map((e) => e.id)).toEqual(['peak-reduced-40-percent', 'no-charging-in-tariff-peak']);
  });

  it('skips its runs with the reason and how to run each alone, and passes on the rest', async () => {
    const io = capture();
    const code = await runSuite({ ...suite, workers: 2, report: at('all.json'), junit: at('all.xml') }, io);
    // doorbell: cloud-cloud, direct, phone-proxy × 2 seeds = 6 runs; the night: cloud-cloud, direct × 2 seeds = 4 skipped.
    expect(code).toBe(0);
    expect(io.lines[0]).toBe('suite: 10 run(s), 4 skipped on 2 worker(s)');
    const skips = io.lines.filter((l) => l.startsWith('SKIP'));
    expect(skips).toEqual([['cloud-cloud', 1], ['cloud-cloud', 2], ['direct', 1], ['direct', 2]].map(([architecture, seed], i) =>
      `SKIP  [${i + 1}/10] external-csms-night [${architecture}] seed=${seed}: ${SKIP_REASON}; run it alone: twinbench run ${CSMS_NIGHT} --ocpp ws://host:port/path --arch ${architecture} --seed ${seed}`));
    expect(io.lines.filter((l) => /^ok +\[\d+\/10\] doorbell/.test(l))).toHaveLength(6);
    expect(io.lines.some((l) => l.startsWith('FAIL') || l.startsWith('ERROR'))).toBe(false);
    expect(io.lines).toContain('  external-csms-night [cloud-cloud]: 2 run(s) skipped (charging strategy external-csms needs a real OCPP CSMS)');
    expect(io.lines.at(-1)).toBe('PASS  10 run(s), 4 skipped');

    const report = readSuiteReport(at('all.json'));
    expect(report.passed).toBe(true);
    const night = report.runs.filter((r) => r.scenario === 'external-csms-night');
    expect(night.map((r) => r.index)).toEqual([6, 7, 8, 9]); // their places in the plan, sorted by scene name
    for (const run of night) {
      expect(run).toMatchObject({ verdict: 'skipped', passed: false });
      expect(run.skipped).toContain(SKIP_REASON);
      expect(run.eventHash).toBeUndefined(); // never ran
      expect(run.result).toBeUndefined();
    }
    expect(report.groups.find((g) => g.scenario === 'external-csms-night')).toMatchObject({ runs: 2, passed: 0, skipped: 2, passRate: null });
    const md = suiteMarkdown(report);
    expect(md).toContain('| external-csms-night | direct | 2 | 2 skipped |');
    expect(md).toContain('| doorbell | direct | 2 | 2/2 (100.0 %) |');
    expect(md).toContain(`SKIPPED: ${SKIP_REASON}`);
    expect(md).toContain('10 of 10 planned runs: 6 passed, 0 failed, 4 skipped (a real endpoint needed) — PASS');

    const xml = readFileSync(at('all.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml);
    expect(parsed.testsuites).toMatchObject({ '@failures': '0', '@skipped': '4' });
    const skippedSuite = parsed.testsuites.testsuite.find((s: { '@name': string }) => s['@name'] === 'external-csms-night [direct] seed 2');
    expect(skippedSuite).toMatchObject({ '@tests': '1', '@failures': '0', '@skipped': '1' });
    expect(skippedSuite.testcase[0].skipped['@message']).toContain(`${SKIP_REASON}; run it alone: twinbench run`);
  });

  it('carries a --set override into the command that runs a skipped scene alone', async () => {
    const io = capture();
    expect(await runSuite({ files: [CSMS_NIGHT], architectures: 'direct', seeds: [5], workers: 1, set: { csms: "ws://10.0.0.9/it's" } }, io)).toBe(0);
    expect(io.lines[0]).toBe('suite: 1 run(s), 1 skipped'); // and no worker started for nothing
    expect(io.lines.find((l) => l.startsWith('SKIP'))).toMatch(/--arch direct --seed 5 --set 'csms=ws:\/\/10\.0\.0\.9\/it'\\''s'$/);
    expect(io.lines.at(-1)).toBe('PASS  1 run(s), 1 skipped');
  });

  it('shards 1/2 and 2/2 that merge into the unsharded report', async () => {
    const whole = readSuiteReport(at('all.json'));
    const shards = [1, 2].map((index) => at(`shard${index}.json`));
    for (const [i, file] of shards.entries()) {
      const io = capture();
      expect(await runSuite({ ...suite, workers: 1, shard: { index: i + 1, total: 2 }, report: file }, io)).toBe(0);
      // Every other run of the plan: the night's runs 6 and 8 fall to shard 1, 7 and 9 to shard 2.
      expect(io.lines.filter((l) => l.startsWith('SKIP'))).toHaveLength(2);
    }
    const read = shards.map((file) => ({ file, report: readSuiteReport(file) }));
    expect(read.map((s) => s.report.runs.filter((r) => r.verdict === 'skipped').map((r) => r.index))).toEqual([[6, 8], [7, 9]]);
    const { report, missing } = mergeSuiteReports(read);
    expect(missing).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.runs.map(identity)).toEqual(whole.runs.map(identity));
    expect(report.groups).toEqual(whole.groups);
    expect(suiteMarkdown(report)).toContain('| external-csms-night | cloud-cloud | 2 | 2 skipped |');
  });

  it('refuses to merge a report where the skipped run was run, or that says skipped without why', () => {
    const whole = readSuiteReport(at('all.json'));
    const ran: SuiteReport = { ...whole, runs: whole.runs.map((r) => (r.index === 6 ? { ...r, verdict: 'fail', skipped: undefined, eventHash: 'f00d' } as SuiteRun : r)) };
    expect(() => mergeSuiteReports([{ file: 'all', report: whole }, { file: 'ran', report: ran }])).toThrow(/run #6 differs between all and ran \(external-csms-night \[cloud-cloud\] seed 1 skipped vs .* f00d\)/);
    const unexplained = at('unexplained.json');
    writeFileSync(unexplained, JSON.stringify({ ...whole, runs: whole.runs.map((r) => (r.index === 7 ? { ...r, skipped: undefined } : r)) }));
    expect(() => readSuiteReport(unexplained)).toThrow(/unexplained\.json: not a suite report .*a skipped run has verdict "skipped" and says why in "skipped" at runs\.7/);
    const unmarked = at('unmarked.json');
    writeFileSync(unmarked, JSON.stringify({ ...whole, runs: whole.runs.map((r) => (r.index === 0 ? { ...r, skipped: 'why not' } : r)) }));
    expect(() => readSuiteReport(unmarked)).toThrow(/at runs\.0/);
  });
});
