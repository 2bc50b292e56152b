import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeSuiteReports, readSuiteReport, SuiteMergeError } from './suite-merge';
import { assemble, type SuiteRun } from './suite-report';

const dir = mkdtempSync(path.join(os.tmpdir(), 'twinbench-merge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (index: number, seed: number, eventHash = `h${seed}`, passed = true): SuiteRun => ({
  index, file: 'scenarios/doorbell.yaml', scenario: 'doorbell', architecture: 'direct', seed, passed, eventHash,
});

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('mergeSuiteReports', () => {
  const a = assemble([run(0, 1), run(2, 3)], 4, [{ index: 1, total: 2 }]);
  const b = assemble([run(1, 2), run(3, 4, 'h4', false)], 4, [{ index: 2, total: 2 }]);

  it('combines shards in plan order, with the verdict of the whole', () => {
    const { report, missing } = mergeSuiteReports([{ file: 'b', report: b }, { file: 'a', report: a }]);
    expect(report.runs.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    expect(report.shards).toEqual([{ index: 1, total: 2 }, { index: 2, total: 2 }]);
    expect(report.passed).toBe(false);
    expect(report.groups[0]).toMatchObject({ runs: 4, passed: 3, passRate: 0.75 });
    expect(missing).toEqual([]);
  });

  it('lists the runs no shard ran', () => {
    expect(mergeSuiteReports([{ file: 'a', report: a }]).missing).toEqual([1, 3]);
  });

  it('accepts the same shard twice, and refuses a run that differs between two reports', () => {
    expect(mergeSuiteReports([{ file: 'a', report: a }, { file: 'a2', report: a }]).report.runs).toHaveLength(2);
    const forged = assemble([run(0, 1, 'other')], 4, [{ index: 1, total: 2 }]);
    expect(() => mergeSuiteReports([{ file: 'a', report: a }, { file: 'x', report: forged }])).toThrow(/run #0 differs between a and x/);
  });

  it('refuses shards of different suites and runs outside the plan', () => {
    const other = assemble([run(0, 1)], 5, [{ index: 1, total: 1 }]);
    expect(() => mergeSuiteReports([{ file: 'a', report: a }, { file: 'o', report: other }])).toThrow(/not shards of one suite/);
    const outside = assemble([run(9, 1)], 4, [{ index: 1, total: 1 }]);
    expect(() => mergeSuiteReports([{ file: 'o', report: outside }])).toThrow(/outside its suite/);
    expect(() => mergeSuiteReports([])).toThrow(SuiteMergeError);
  });
});

describe('readSuiteReport', () => {
  it('reads a report it wrote', () => {
    const report = assemble([run(0, 1)], 1, [{ index: 1, total: 1 }]);
    expect(readSuiteReport(write('ok.json', report))).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it.each([
    ['not JSON', '{"format":', /not JSON/],
    ['a RunResult report', { scenario: 'x', runs: [] }, /not a suite report/],
    ['a bad run', { format: 'twinbench-suite/v1', planned: 1, shards: [], runs: [{ index: -1 }] }, /not a suite report.*runs\.0/],
    ['a number', 42, /not a suite report/],
    ['null', 'null', /not a suite report/],
  ])('refuses %s, naming the file', (name, content, message) => {
    const file = write(`${name.replace(/\W/g, '_')}.json`, content);
    expect(() => readSuiteReport(file)).toThrow(SuiteMergeError);
    expect(() => readSuiteReport(file)).toThrow(message);
    expect(() => readSuiteReport(file)).toThrow(file);
  });

  it('names a missing file or a folder', () => {
    expect(() => readSuiteReport(path.join(dir, 'none.json'))).toThrow(/none\.json: cannot read it \(ENOENT\)/);
    expect(() => readSuiteReport(dir)).toThrow(/cannot read it \(EISDIR\)/);
  });
});
