// `twinbench run` with several files, --seeds, --workers or --shard, and `twinbench merge`, as a CI job uses them.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import type { SuiteReport } from '../suite/suite-report';
import { cli } from './test-support/cli';

const dir = mkdtempSync(path.join(os.tmpdir(), 'twinbench-suite-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const doorbell = path.resolve('scenarios/doorbell.yaml');
const declined = path.resolve('scenarios/doorbell-declined.yaml');
const at = (name: string): string => path.join(dir, name);

describe('twinbench run as a suite', () => {
  it('runs every file × seed on workers, with one combined report and JUnit', async () => {
    const { code, out } = await cli('run', doorbell, declined, '--arch', 'direct', '--seeds', '1..2', '--workers', '2', '--no-record', '--report', at('suite.json'), '--junit', at('suite.xml'));
    expect(code).toBe(0);
    expect(out).toContain('suite: 4 run(s) on 2 worker(s)');
    const report = JSON.parse(readFileSync(at('suite.json'), 'utf8')) as SuiteReport;
    expect(report.runs.map((r) => `${r.scenario} ${r.seed}`)).toEqual(['doorbell 1', 'doorbell 2', 'doorbell-declined 1', 'doorbell-declined 2']);
    expect(report.groups.map((g) => g.passRate)).toEqual([1, 1]);
    const xml = readFileSync(at('suite.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('doorbell-declined [direct] seed 2');
  });

  it('runs a shard of the suite, and merge puts the shards back together', async () => {
    for (const i of [1, 2]) {
      const { code } = await cli('run', doorbell, '--arch', 'direct', '--seeds', '3..5', '--shard', `${i}/2`, '--workers', '1', '--no-record', '--report', at(`shard${i}.json`));
      expect(code).toBe(0);
    }
    const merged = await cli('merge', at('shard1.json'), at('shard2.json'), '--report', at('merged.md'), '--junit', at('merged.xml'));
    expect(merged.code).toBe(0);
    expect(merged.out).toContain('merged 2 report(s): 3 of 3 runs, 0 failed');
    expect(readFileSync(at('merged.md'), 'utf8')).toContain('| doorbell | direct | 3 | 3/3 (100.0 %) |');
    const partial = await cli('merge', at('shard1.json'), '--report', at('partial.json'));
    expect(partial.code).toBe(1);
    expect(partial.err).toContain('missing 1 run(s) of the suite (no shard ran #1)');
  });

  it.each([
    [['--seeds', 'abc'], /--seeds takes whole numbers/],
    [['--seeds', '5..1'], /runs backwards/],
    [['--workers', '0'], /--workers takes a whole number from 1 to 64/],
    [['--workers', '1.5'], /--workers takes a whole number/],
    [['--shard', '3/2'], /--shard takes i\/n/],
    [['--seeds', '1', '--seed', '2'], /--seed is for a single run.*use --seeds/],
    [['--seeds', '1', '--broker', 'embedded'], /--broker is for a single run/],
    [['--seeds', '1', '--speed', '1'], /--speed is for a single run/],
    [['--seeds', '1', '--report', 'out.txt'], /a suite's report is \.json, \.md or \.html/],
  ])('refuses %j with exit 2', async (flags, message) => {
    const { code, err } = await cli('run', doorbell, ...flags);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it('merge names a file that is not a suite report', async () => {
    writeFileSync(at('not-a-report.json'), '{"scenario":"x"}');
    const { code, err } = await cli('merge', at('not-a-report.json'), '--report', at('m.json'));
    expect(code).toBe(1);
    expect(err).toContain('not-a-report.json: not a suite report');
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('merge needs --report', async () => {
    const { code, err } = await cli('merge', at('shard1.json'));
    expect(code).toBe(2);
    expect(err).toContain('--report FILE is required');
  });
});
