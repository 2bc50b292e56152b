// Replay: seeking by virtual time, paced playback against an injected wall clock, and clear errors for a
// missing run, a missing file, a file that is not a database, and a recording whose lines were altered.
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../twins/kernel/event-log';
import { Recorder } from './recorder';
import { RecordingError } from './recording-error';
import { openReplay, type ReplayWallClock } from './replay';
import { doorbellRun } from './test-support/doorbell-run';
import { recordRun, tempDirPerTest, type TempDir } from './test-support/recording-fixtures';
import { RunBuilder } from './test-support/synthetic-run';

let dir: TempDir;
let file: string;
tempDirPerTest((d) => {
  dir = d;
  file = d.file('runs.db');
});

function recordDoorbell(): ReturnType<typeof doorbellRun> {
  const run = doorbellRun();
  const recorder = Recorder.open(file);
  recordRun(recorder, run);
  recorder.close();
  return run;
}

/** Wall clock whose sleeps complete at once and add up, so pacing can be checked without waiting. */
class InstantWallClock implements ReplayWallClock {
  time = 0;
  readonly sleeps: number[] = [];
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
  }
}

describe('openReplay', () => {
  it('seeks to the first event at or after a virtual time', () => {
    const run = recordDoorbell();
    const replay = openReplay(file, 1);
    expect(replay.seek(0)?.seq).toBe(0);
    expect(replay.seek(1000)).toMatchObject({ t: 1000, type: 'doorbell.pressed' });
    expect(replay.seek(1001)).toMatchObject({ t: 1080, type: 'msg.delivered' });
    expect(replay.seek(1e9)).toBeUndefined();
    const from2000 = [...replay.events({ from: 2000 })];
    expect(from2000[0]).toMatchObject({ t: 2000, type: 'prompt.answered' });
    expect(from2000.length).toBe(run.events.filter((e) => e.event.t >= 2000).length);
    replay.close();
  });

  it('reads long runs in pages without losing or repeating events', () => {
    const b = new RunBuilder(9);
    for (let i = 0; i < 5000; i++) b.at(i).event('meter.sampled', 'home/h1/meter', { power: i });
    const run = b.build();
    const recorder = Recorder.open(file);
    recordRun(recorder, run);
    recorder.close();
    const replay = openReplay(file, 'latest');
    const seqs = [...replay.events()].map((e) => e.seq);
    expect(seqs.length).toBe(5000);
    expect(seqs.every((s, i) => s === i)).toBe(true);
    expect(replay.hash()).toBe(run.hash);
    replay.close();
  });

  it('paces playback at N× the recorded virtual time', async () => {
    recordDoorbell();
    const replay = openReplay(file, 1);
    const clock = new InstantWallClock();
    const seen: SimEvent[] = [];
    const result = await replay.play({ speed: 10, from: 1000, to: 2100, wallClock: clock, onEvent: (e) => seen.push(e) });
    expect(seen[0]!.t).toBe(1000);
    expect(seen[seen.length - 1]!.t).toBe(2100);
    expect(result).toMatchObject({ events: seen.length, lastT: 2100, aborted: false });
    // 1,100 ms of virtual time at 10× is 110 ms of wall time.
    expect(clock.time).toBeCloseTo(110, 6);
    replay.close();
  });

  it('stops when aborted', async () => {
    recordDoorbell();
    const replay = openReplay(file, 1);
    const controller = new AbortController();
    let count = 0;
    const result = await replay.play({
      speed: 'max',
      signal: controller.signal,
      onEvent: () => {
        if (++count === 3) controller.abort();
      },
    });
    expect(result).toMatchObject({ events: 3, aborted: true });
    replay.close();
  });

  it('names the file and the run when the run is not there', () => {
    recordDoorbell();
    expect(() => openReplay(file, 42)).toThrow(RecordingError);
    expect(() => openReplay(file, 42)).toThrow(`${file}: run 42 not found (its runs are 1–1)`);
    expect(() => openReplay(file, 'nope')).toThrow(`"nope" is not a run id`);
  });

  it('names the file when it does not exist or is not a database', () => {
    expect(() => openReplay(dir.file('missing.db'), 1)).toThrow(`${dir.file('missing.db')}: no such recording file`);
    const junk = dir.file('junk.db');
    writeFileSync(junk, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256)));
    expect(() => openReplay(junk, 1)).toThrow(`${junk} is not a Twinbench recording (not a SQLite file)`);
  });

  it('reports a hash mismatch when a stored line was altered', () => {
    recordDoorbell();
    const db = new Database(file);
    db.prepare("UPDATE events SET line = replace(line, '\"cool\"', '\"heat\"') WHERE seq = 5").run();
    db.close();
    const replay = openReplay(file, 1);
    const check = replay.verify();
    replay.close();
    expect(check.ok).toBe(false);
    expect(check.explanation).toMatch(/run 1: the recorded events hash to .* not the stored/);
  });
});
