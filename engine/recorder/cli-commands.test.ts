// The `runs`, `diff` and `export` commands, run in-process: their output, and their exit codes (diff: 0
// equivalent, 1 different, 2 usage error or unreadable file), with errors naming the file.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../cli/main';
import { Recorder } from './recorder';
import { doorbellRun } from './test-support/doorbell-run';
import { recordRun, tempDirPerTest, type TempDir } from './test-support/recording-fixtures';

interface CapturedIo extends CliIo {
  stdout: string;
  stderr: string;
}

function captureIo(): CapturedIo {
  const io: CapturedIo = { stdout: '', stderr: '', isTTY: false, out: (t) => (io.stdout += t), err: (t) => (io.stderr += t) };
  return io;
}

const EVENTS = doorbellRun().events.length;

let dir: TempDir;
let file: string;
tempDirPerTest((d) => {
  dir = d;
  file = d.file('runs.db');
  const recorder = Recorder.open(file);
  recordRun(recorder, doorbellRun(), { meta: { scenario: 'doorbell', architecture: 'cloud-cloud', seed: 7 } });
  recordRun(recorder, doorbellRun({ idPrefix: 'b' }), { meta: { scenario: 'doorbell', architecture: 'cloud-cloud', seed: 7 } });
  recordRun(recorder, doorbellRun({ targetTemperature: 26 }), { meta: { scenario: 'doorbell', architecture: 'local', seed: 8 }, status: 'failed' });
  recorder.close();
});

describe('twinbench runs', () => {
  it('lists the runs newest first', async () => {
    const io = captureIo();
    expect(await main(['runs', file], io)).toBe(0);
    const [header, ...rows] = io.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID\s+STARTED\s+SCENARIO\s+ARCHITECTURE\s+SEED\s+STATUS\s+EVENTS\s+MESSAGES\s+DURATION\s+HASH$/);
    expect(rows.map((r) => r.trim().split(/\s+/)[0])).toEqual(['3', '2', '1']);
    expect(rows[0]).toMatch(new RegExp(`doorbell\\s+local\\s+8\\s+failed\\s+${EVENTS}\\s+5\\s`));
  });

  it('adds a LABEL column once a run was recorded in a group (an architecture comparison)', async () => {
    const recorder = Recorder.open(file);
    recordRun(recorder, doorbellRun({ idPrefix: 'c' }), { meta: { scenario: 'doorbell', architecture: 'direct', seed: 7, label: 'comparison 2026-12-06 22:57:28' } });
    recorder.close();
    const io = captureIo();
    expect(await main(['runs', file], io)).toBe(0);
    const [header, newest, older] = io.stdout.trimEnd().split('\n');
    expect(header).toMatch(/\sHASH\s+LABEL$/);
    expect(newest).toMatch(/\scomparison 2026-12-06 22:57:28$/);
    expect(older).toMatch(/\s-$/);
  });

  it('gives JSON with --json and exit 2 naming a missing file', async () => {
    const io = captureIo();
    expect(await main(['runs', file, '--json'], io)).toBe(0);
    expect(JSON.parse(io.stdout).map((r: { id: number }) => r.id)).toEqual([3, 2, 1]);
    const bad = captureIo();
    expect(await main(['runs', dir.file('nope.db')], bad)).toBe(2);
    expect(bad.stderr).toContain(`twinbench runs: ${dir.file('nope.db')}: no such recording file`);
  });
});

describe('twinbench diff', () => {
  it('exits 0 for equivalent runs and 1 with a report for different ones', async () => {
    const same = captureIo();
    expect(await main(['diff', file, '1', '2'], same)).toBe(0);
    expect(same.stdout).toContain('Equivalent');
    const different = captureIo();
    expect(await main(['diff', file, '1', 'latest'], different)).toBe(1);
    expect(different.stdout).toContain('target_temperature: 22 in A, 26 in B');
  });

  it('compares against a second file and honours --tolerance-ms', async () => {
    const other = dir.file('other.db');
    const recorder = Recorder.open(other);
    recordRun(recorder, doorbellRun({ unlockLatency: [40, 25, 22] }));
    recorder.close();
    expect(await main(['diff', file, '1', 'latest', '--against', other], captureIo())).toBe(1);
    expect(await main(['diff', file, '1', 'latest', '--against', other, '--tolerance-ms', '7'], captureIo())).toBe(0);
  });

  it('exits 2 for usage errors and unreadable files, naming the file', async () => {
    const junk = dir.file('junk.db');
    writeFileSync(junk, 'this is not a database, just some text long enough to fill a header page'.repeat(100));
    const io = captureIo();
    expect(await main(['diff', junk, '1', '2'], io)).toBe(2);
    expect(io.stderr).toContain(`${junk} is not a Twinbench recording (not a SQLite file)`);
    const missingRun = captureIo();
    expect(await main(['diff', file, '1', '99'], missingRun)).toBe(2);
    expect(missingRun.stderr).toContain(`${file}: run 99 not found (its runs are 1–3)`);
    const tooFew = captureIo();
    expect(await main(['diff', file, '1'], tooFew)).toBe(2);
    expect(tooFew.stderr).toMatch(/expected 3 arguments \(<recording.db> <runA> <runB>\)/);
    const badTolerance = captureIo();
    expect(await main(['diff', file, '1', '2', '--tolerance-ms', 'soon'], badTolerance)).toBe(2);
    expect(badTolerance.stderr).toContain('--tolerance-ms needs a number >= 0, got "soon"');
  });
});

describe('twinbench export', () => {
  it('writes jsonl to stdout with coarse location, and csv to a file', async () => {
    const io = captureIo();
    expect(await main(['export', file, '1', '--format', 'jsonl'], io)).toBe(0);
    expect(io.stdout.split('\n').filter(Boolean)).toHaveLength(EVENTS);
    expect(io.stdout).not.toContain('31.230416');
    expect(io.stderr).toContain(`exported ${EVENTS} events of run 1; 4 location values rounded`);

    const out = dir.file('messages.csv');
    const toFile = captureIo();
    expect(await main(['export', file, 'latest', '--format', 'csv', '--out', out, '--precise-location'], toFile)).toBe(0);
    expect(toFile.stdout).toBe('');
    const csv = readFileSync(out, 'utf8');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(6);
    expect(csv).toContain('31.230416');
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it('requires a known format and names a bad run, leaving no partial file behind', async () => {
    const noFormat = captureIo();
    expect(await main(['export', file, '1'], noFormat)).toBe(2);
    expect(noFormat.stderr).toContain('--format jsonl|csv is required');
    const badFormat = captureIo();
    expect(await main(['export', file, '1', '--format', 'xml'], badFormat)).toBe(2);
    expect(badFormat.stderr).toContain('--format must be jsonl or csv, got "xml"');
    const out = dir.file('x.jsonl');
    const io = captureIo();
    expect(await main(['export', file, '12', '--format', 'jsonl', '--out', out], io)).toBe(2);
    expect(io.stderr).toContain(`${file}: run 12 not found`);
    expect(existsSync(out) || existsSync(`${out}.partial`)).toBe(false);
  });
});
