// Batching: buffered events reach the file (visible to another connection) when the flush interval elapses —
// by timer when the event loop is free, from record() itself when a run holds the loop — and when the buffer
// is full. A fake wall clock drives the interval, so nothing here depends on the machine's speed.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { WallClock } from '../../twins/kernel/pacer';
import { Recorder } from './recorder';
import { cloudHops, RunBuilder, type SyntheticRun } from './test-support/synthetic-run';
import { tempDirPerTest } from './test-support/recording-fixtures';

class FakeWallClock implements WallClock {
  time = 0;
  private timers: { at: number; fn: () => void }[] = [];
  now(): number {
    return this.time;
  }
  setTimer(ms: number, fn: () => void): () => void {
    const timer = { at: this.time + ms, fn };
    this.timers.push(timer);
    return () => (this.timers = this.timers.filter((t) => t !== timer));
  }
  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((t) => t.at <= this.time);
    this.timers = this.timers.filter((t) => t.at > this.time);
    for (const t of due) t.fn();
  }
}

function manyEvents(n: number): SyntheticRun {
  const b = new RunBuilder(5);
  for (let i = 0; i < n; i++) {
    b.at(i * 10);
    if (i % 2 === 0) b.twin('home/h1/cover.living_room', 'cover', i % 4 === 0 ? 'opening' : 'open', { current_position: i % 100 });
    else b.message({ source: 'vehicle/car1', destination: 'home/h1/cover.living_room', topic: 'home/h1/cover/set', payload: { position: i % 100 }, hops: cloudHops('vehicle/car1', 'home/h1/cover.living_room') });
  }
  return b.build();
}

let file: string;
let reader: Database.Database | undefined;
tempDirPerTest((d) => void (file = d.file('flush.db')));
// Registered after the temp directory's hook, so it runs before the directory is removed (after-hooks unwind).
afterEach(() => {
  reader?.close();
  reader = undefined;
});

/** Events of the run visible to a second connection, i.e. committed. */
function visible(runId: number): number {
  reader ??= new Database(file, { readonly: true });
  return (reader.prepare('SELECT count(*) AS n FROM events WHERE run_id = ?').get(runId) as { n: number }).n;
}

describe('RunRecorder flushing', () => {
  it('commits buffered events once the flush interval has passed, without an explicit flush', () => {
    const clock = new FakeWallClock();
    const recorder = Recorder.open(file, { wallClock: clock, flushIntervalMs: 100 });
    const rec = recorder.startRun({ scenario: 's', seed: 1, architecture: 'local' });
    const run = manyEvents(10);
    for (const { event, line } of run.events) rec.record(event, line);
    expect(visible(rec.runId)).toBe(0);
    clock.advance(99);
    expect(visible(rec.runId)).toBe(0);
    clock.advance(1);
    expect(visible(rec.runId)).toBe(10);
    expect(rec.flushedSeq).toBe(9);
    recorder.close();
  });

  it('flushes from record() when a busy run never lets the timer fire', () => {
    const clock = new FakeWallClock();
    const recorder = Recorder.open(file, { wallClock: clock, flushIntervalMs: 100 });
    const rec = recorder.startRun({ scenario: 's', seed: 1, architecture: 'local' });
    const run = manyEvents(200);
    run.events.slice(0, 10).forEach(({ event, line }) => rec.record(event, line));
    clock.time += 150; // wall time passes, but the timer never gets to run
    run.events.slice(10, 100).forEach(({ event, line }) => rec.record(event, line));
    expect(visible(rec.runId)).toBeGreaterThanOrEqual(10);
    expect(rec.flushedSeq).toBeGreaterThanOrEqual(9);
    recorder.close();
  });

  it('flushes at once when the buffer is full', () => {
    const flushes: number[] = [];
    const recorder = Recorder.open(file, { wallClock: new FakeWallClock(), maxBufferedRows: 50, onFlush: (f) => flushes.push(f.lastSeq) });
    const rec = recorder.startRun({ scenario: 's', seed: 1, architecture: 'local' });
    for (const { event, line } of manyEvents(120).events) rec.record(event, line);
    expect(flushes).toEqual([49, 99]);
    expect(visible(rec.runId)).toBe(100);
    recorder.close();
    expect(visible(rec.runId)).toBe(120); // close flushes the rest
  });

  it('with the real clock, events become visible to another connection by themselves', async () => {
    const recorder = Recorder.open(file);
    const rec = recorder.startRun({ scenario: 's', seed: 1, architecture: 'local' });
    for (const { event, line } of manyEvents(10).events) rec.record(event, line);
    // Generous bound: this asserts that the timer flushes at all, not how fast.
    const deadline = Date.now() + 10_000;
    while (visible(rec.runId) < 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(visible(rec.runId)).toBe(10);
    recorder.close();
  });
});
