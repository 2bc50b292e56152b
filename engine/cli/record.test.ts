// QA's workflow from the command line: record a golden run, re-run, list, diff, export, and replay to the same
// eventHash — every run recorded into SQLite by default.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openReplay } from '../recorder';
import { defaultRecordingFile } from './data-dir';
import { cli } from './test-support/cli';

const scenario = (name: string): string => path.resolve(import.meta.dirname, '../../scenarios', `${name}.yaml`);
const hashOf = (out: string): string => /eventHash=([0-9a-f]{64})/.exec(out)![1]!;

describe('recording runs', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'twinbench-record-'));
  const db = path.join(dir, 'qa.db');

  it('records into --record file.db, lists runs, and replays a run to its live eventHash', async () => {
    const first = await cli('run', scenario('doorbell'), '--arch', 'direct', '--record', db);
    expect(first.out).toContain(`recorded as run 1 in ${db}`);
    const runs = await cli('runs', db);
    expect(runs.out).toMatch(/ 1 .*doorbell +direct +42 +passed/);
    const replay = openReplay(db, 1);
    try {
      expect(replay.hash()).toBe(hashOf(first.out));
    } finally {
      replay.close();
    }
  });

  it('diffs a re-run as equivalent (exit 0) and a run with another seed as different (exit 1)', async () => {
    await cli('run', scenario('doorbell'), '--arch', 'direct', '--record', db);
    await cli('run', scenario('doorbell'), '--arch', 'direct', '--record', db, '--seed', '43');
    const same = await cli('diff', db, '1', '2');
    expect(same.code).toBe(0);
    const other = await cli('diff', db, '1', '3', '--tolerance-ms', '1');
    expect(other.code).toBe(1);
    expect(other.out + other.err).toMatch(/latency|differ/i);
  });

  it('exports a run as JSONL with vehicle locations coarsened unless --precise-location', async () => {
    const coarse = path.join(dir, 'run.jsonl');
    const precise = path.join(dir, 'run-precise.jsonl');
    expect((await cli('export', db, '1', '--format', 'jsonl', '--out', coarse)).code).toBe(0);
    expect((await cli('export', db, '1', '--format', 'jsonl', '--out', precise, '--precise-location')).code).toBe(0);
    const latitudes = (file: string): number[] => [...readFileSync(file, 'utf8').matchAll(/"latitude":(-?[0-9.]+)/g)].map((m) => Number(m[1]));
    expect(latitudes(coarse).length).toBeGreaterThan(0);
    expect(latitudes(coarse).every((lat) => Math.round(lat * 100) / 100 === lat)).toBe(true);
    expect(latitudes(precise).some((lat) => Math.round(lat * 100) / 100 !== lat)).toBe(true);
  });

  it('records into the data folder by default, and not at all with --no-record', async () => {
    const before = await cli('runs');
    const recorded = await cli('run', scenario('safety-alert'), '--arch', 'direct');
    expect(recorded.out).toContain(`in ${defaultRecordingFile()}`);
    const after = await cli('runs');
    const rows = (out: string): number => out.split('\n').filter((line) => line.includes('safety-alert')).length;
    expect(rows(after.out)).toBe(rows(before.out) + 1);
    const skipped = await cli('run', scenario('safety-alert'), '--arch', 'direct', '--no-record');
    expect(skipped.out).not.toContain('recorded as');
  });
});
