// The suite on real worker processes: the same runs as alone (same eventHash), shards that merge into the report
// one machine writes, every run recorded, and errors that name what went wrong.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listRuns, openRecordingDatabase } from '../recorder';
import { runScenario } from '../runner/run-scenario';
import { loadScenarioFile } from '../scenario';
import { mergeSuiteReports, readSuiteReport } from './suite-merge';
import { runSuite, type SuiteIo } from './run-suite';
import type { SuiteReport } from './suite-report';

const DOORBELL = path.resolve('scenarios/doorbell.yaml');
const dir = mkdtempSync(path.join(os.tmpdir(), 'twinbench-suite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(): SuiteIo & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (t) => lines.push(t), err: (t) => lines.push(t) };
}

async function aloneHash(seed: number): Promise<string> {
  const scenario = { ...loadScenarioFile(DOORBELL).scenario, seed };
  return (await runScenario(scenario, 'direct')).eventHash;
}

describe('runSuite', () => {
  it('runs scenes × seeds on two workers with the hashes of the same runs alone, and records them all', async () => {
    const io = capture();
    const report = path.join(dir, 'all.json');
    const record = path.join(dir, 'suite.db');
    const code = await runSuite({ files: [DOORBELL], architectures: 'direct', seeds: [1, 2, 3], workers: 2, report, recordFile: record, junit: path.join(dir, 'all.xml') }, io);
    expect(code).toBe(0);
    const written = JSON.parse(readFileSync(report, 'utf8')) as SuiteReport;
    expect(written.runs.map((r) => r.seed)).toEqual([1, 2, 3]);
    for (const run of written.runs) expect(run.eventHash).toBe(await aloneHash(run.seed));
    // Which worker ran each run, and its CPU for it: both workers took a first job, and every run cost some CPU.
    expect(new Set(written.runs.map((r) => r.worker))).toEqual(new Set([1, 2]));
    for (const run of written.runs) expect(run.cpuMs).toBeGreaterThan(0);
    expect(written.groups).toHaveLength(1);
    expect(written.groups[0]).toMatchObject({ scenario: 'doorbell', architecture: 'direct', runs: 3, passed: 3, passRate: 1 });
    expect(written.groups[0]!.e2e.count).toBe(written.runs.reduce((n, r) => n + r.result!.metrics.e2eSamples.length, 0));
    expect(io.lines.filter((l) => /^ok +\[\d\/3\] doorbell \[direct\]/.test(l))).toHaveLength(3);
    const db = openRecordingDatabase(record);
    try {
      expect(listRuns(db, record).map((r) => r.seed).sort()).toEqual([1, 2, 3]);
    } finally {
      db.close();
    }
    const junit = readFileSync(path.join(dir, 'all.xml'), 'utf8');
    expect(junit).toContain('doorbell [direct] seed 2');
  });

  it('writes shards that merge into the unsharded report', async () => {
    const parts = [1, 2].map((index) => path.join(dir, `shard${index}.json`));
    for (const [i, file] of parts.entries()) {
      const code = await runSuite({ files: [DOORBELL], architectures: 'direct', seeds: [4, 5, 6], workers: 1, shard: { index: i + 1, total: 2 }, report: file }, capture());
      expect(code).toBe(0);
    }
    const shards = parts.map((file) => ({ file, report: readSuiteReport(file) }));
    expect(shards.map((s) => s.report.runs.map((r) => r.seed))).toEqual([[4, 6], [5]]);
    const merged = mergeSuiteReports(shards);
    expect(merged.missing).toEqual([]);
    expect(merged.report.runs.map((r) => r.seed)).toEqual([4, 5, 6]);
    expect(merged.report.groups[0]!.runs).toBe(3);
    expect(mergeSuiteReports([shards[0]!]).missing).toEqual([1]);
  });

  it('fails the suite, naming the run, when a scene cannot run', async () => {
    const file = path.join(dir, 'vanishing.yaml');
    copyFileSync(DOORBELL, file);
    const io = capture();
    // Valid when the suite is planned, gone when its worker loads it.
    const report = path.join(dir, 'vanishing.json');
    const junit = path.join(dir, 'vanishing.xml');
    const suite = runSuite({ files: [file], architectures: 'direct', seeds: [1], workers: 1, report, junit }, { out: (t) => { if (t.startsWith('suite:')) rmSync(file); io.out(t); }, err: io.err });
    expect(await suite).toBe(1);
    expect(io.lines.join('\n')).toMatch(/ERROR \[1\/1\] doorbell \[direct\] seed=1: .*vanishing\.yaml/);
    const [run] = readSuiteReport(report).runs;
    expect(run).toMatchObject({ verdict: 'error' }); // no result, so no CPU figure either
    expect(run!.cpuMs).toBeUndefined();
    // A CI that reads only JUnit sees the run fail too, with why.
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<testsuites name="twinbench" tests="1" failures="1"/);
    expect(xml).toMatch(/<failure message="the run could not run: [^"]*vanishing\.yaml[^"]*" type="error">/);
  });

  it('validates every file before running any, listing each invalid one', async () => {
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'scenario: x\nseed: "abc"\n');
    const io = capture();
    expect(await runSuite({ files: [DOORBELL, bad], seeds: [1], workers: 2 }, io)).toBe(1);
    expect(io.lines.join('\n')).toContain('bad.yaml:');
    expect(io.lines.some((l) => l.startsWith('ok'))).toBe(false);
  });
});
