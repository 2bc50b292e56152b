// The edges of one run's recording that a slip would silently break: when record() looks at the wall clock
// (every 64 rows, not more, not less) and the exact interval edge; that a failed write is kept and rethrown,
// never retried into a half-written run; what finish() stores for absent and textual details; when a recording
// is `complete`; that interrupt() and a late timer after the end do nothing. A scripted database stands in
// where a real one cannot be made to fail on cue.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WallClock } from '../../twins/kernel/pacer';
import { Recorder } from './recorder';
import { RecordingError } from './recording-error';
import { RunRecorder, type RunRecorderHost } from './run-recorder';
import { RunBuilder, type SyntheticRun } from './test-support/synthetic-run';
import { tempDirPerTest } from './test-support/recording-fixtures';

/** A wall clock that counts how often it is read and never fires its timers by itself. */
class CountingClock implements WallClock {
  reads = 0;
  timers: (() => void)[] = [];
  constructor(public time = 0) {}
  now(): number {
    this.reads++;
    return this.time;
  }
  setTimer(_ms: number, fn: () => void): () => void {
    this.timers.push(fn);
    return () => undefined; // a cancel that cannot stop a timer already due, like a queued callback
  }
}

function events(n: number): SyntheticRun {
  const b = new RunBuilder(3);
  for (let i = 0; i < n; i++) b.at(i).twin('home/h1/light.hall', 'light', i % 2 ? 'on' : 'off', { brightness: i });
  return b.build();
}

let file: string;
let reader: Database.Database | undefined;
tempDirPerTest((d) => void (file = d.file('edges.db')));
afterEach(() => {
  reader?.close();
  reader = undefined;
});

const committed = (runId: number): number => {
  reader ??= new Database(file, { readonly: true });
  return (reader.prepare('SELECT count(*) AS n FROM events WHERE run_id = ?').get(runId) as { n: number }).n;
};

describe('record() and the wall clock', () => {
  it('reads the clock once when the buffer starts, then on every 64th row', () => {
    const clock = new CountingClock();
    const recorder = Recorder.open(file, { wallClock: clock, flushIntervalMs: 100 });
    const rec = recorder.startRun({ scenario: 's', seed: 1, architecture: 'local' });
    const run = events(130);
    expect(rec.flushedSeq).toBe(-1);
    run.events.slice(0, 63).forEach(({ event, line }) => rec.record(event, line));
    expect(clock.reads).toBe(1);
    rec.record(run.events[63]!.event, run.events[63]!.line);
    expect(clock.reads).toBe(2);
    run.events.slice(64, 127).forEach(({ event, line }) => rec.record(event, line));
    expect(clock.reads).toBe(2);
    rec.record(run.events[127]!.event, run.events[127]!.line);
    expect(clock.reads).toBe(3);
    recorder.close();
  });

  it('flushes at the check when exactly the interval has passed since the oldest buffered row, not 1 ms before', () => {
    const early = new CountingClock(1_000);
    const recorder = Recorder.open(file, { wallClock: early, flushIntervalMs: 100 });
    const rec = recorder.startRun({ scenario: 's', seed: 1, architecture: 'local' });
    const run = events(128);
    rec.record(run.events[0]!.event, run.events[0]!.line);
    early.time += 99;
    run.events.slice(1, 64).forEach(({ event, line }) => rec.record(event, line));
    expect(committed(rec.runId)).toBe(0);
    early.time += 1;
    run.events.slice(64, 128).forEach(({ event, line }) => rec.record(event, line));
    expect(committed(rec.runId)).toBe(128);
    expect(rec.flushedSeq).toBe(run.events[127]!.event.seq);
    recorder.close();
  });

  it('does not flush on a clock that started late: it is the time since the oldest row that counts', () => {
    const clock = new CountingClock(1_000_000);
    const recorder = Recorder.open(file, { wallClock: clock, flushIntervalMs: 100 });
    const rec = recorder.startRun({ scenario: 's', seed: 1, architecture: 'local' });
    for (const { event, line } of events(64).events) rec.record(event, line);
    expect(committed(rec.runId)).toBe(0);
    recorder.close();
  });
});

describe('finish()', () => {
  const stored = (runId: number) => {
    reader ??= new Database(file, { readonly: true });
    return {
      run: reader.prepare('SELECT verdict, metrics, status FROM runs WHERE id = ?').get(runId) as { verdict: string | null; metrics: string | null; status: string },
      details: Object.fromEntries((reader.prepare('SELECT id, detail FROM expectations WHERE run_id = ?').all(runId) as { id: string; detail: string | null }[]).map((r) => [r.id, r.detail])),
    };
  };

  it('stores absent verdict and metrics as NULL, text details as text, objects as JSON, none as NULL', () => {
    const recorder = Recorder.open(file);
    const rec = recorder.startRun({ scenario: 's', seed: 1, architecture: 'local' });
    const run = events(3);
    for (const { event, line } of run.events) rec.record(event, line);
    rec.finish({
      status: 'passed', eventHash: run.hash,
      expectations: [{ id: 'a', passed: true, detail: 'seen at 1.2 s' }, { id: 'b', passed: true, detail: { ms: 3 } }, { id: 'c', passed: false, detail: null }, { id: 'd', passed: true }],
    });
    recorder.close();
    expect(stored(rec.runId)).toEqual({ run: { verdict: null, metrics: null, status: 'passed' }, details: { a: 'seen at 1.2 s', b: '{"ms":3}', c: null, d: null } });
  });

  it('is complete only when nothing was redacted and the stored lines hash to the live eventHash', () => {
    const recorder = Recorder.open(file);
    const whole = recorder.startRun({ scenario: 's', seed: 1, architecture: 'local' });
    const run = events(3);
    for (const { event, line } of run.events) whole.record(event, line);
    expect(whole.finish({ status: 'passed', eventHash: run.hash }).complete).toBe(true);

    const missed = recorder.startRun({ scenario: 's', seed: 1, architecture: 'local' });
    for (const { event, line } of run.events.slice(1)) missed.record(event, line);
    expect(missed.finish({ status: 'passed', eventHash: run.hash }).complete).toBe(false);

    const secret = new RunBuilder(3);
    secret.at(0).twin('home/h1/light.hall', 'light', 'on', { apiKey: 'k-123' });
    const redacted = secret.build();
    const withSecret = recorder.startRun({ scenario: 's', seed: 1, architecture: 'local' });
    for (const { event, line } of redacted.events) withSecret.record(event, line);
    const report = withSecret.finish({ status: 'passed', eventHash: redacted.hash });
    expect(report.redactedFields).toBe(1);
    expect(report.complete).toBe(false);
    recorder.close();
  });

  it('refuses events after the end, naming the file and the run', () => {
    const recorder = Recorder.open(file);
    const rec = recorder.startRun({ scenario: 's', seed: 1, architecture: 'local' });
    const run = events(2);
    rec.record(run.events[0]!.event, run.events[0]!.line);
    rec.finish({ status: 'passed', eventHash: run.hash });
    expect(rec.finished).toBe(true);
    const error = (() => { try { rec.record(run.events[1]!.event, run.events[1]!.line); } catch (e) { return e; } })() as RecordingError;
    expect(error).toBeInstanceOf(RecordingError);
    expect(error.message).toBe(`${file}: run ${rec.runId} is already finished; start a new run to record more events`);
    expect(error).toMatchObject({ file, runId: rec.runId });
    recorder.close();
  });
});

/** A host whose database fails the next batch write (or the finishing transaction) on cue. */
function scriptedHost(clock: WallClock) {
  const state = { failWrite: false, failFinish: false, writes: 0, updates: [] as string[], released: 0 };
  const db = {
    prepare: (sql: string) => ({ run: () => void (sql.startsWith('UPDATE') && state.updates.push(sql.replace(/\s+/g, ' '))) }),
    transaction: (fn: (...args: unknown[]) => void) => (...args: unknown[]) => {
      if (args.length > 0 ? state.failWrite : state.failFinish) throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
      if (args.length > 0) state.writes++;
      fn(...args);
    },
  };
  const host: RunRecorderHost = {
    file: 'scripted.db', db: db as unknown as Database.Database, flushIntervalMs: 100, maxBufferedRows: 1000, wallClock: clock,
    onFlush: undefined, release: () => void state.released++,
  };
  return { host, state };
}

describe('a failed write', () => {
  it('is kept: flush, record and finish rethrow the same error and never write again', () => {
    const { host, state } = scriptedHost(new CountingClock());
    const rec = new RunRecorder(7, host);
    const run = events(3);
    rec.record(run.events[0]!.event, run.events[0]!.line);
    state.failWrite = true;
    const first = (() => { try { rec.flush(); } catch (e) { return e; } })();
    expect(first).toBeInstanceOf(RecordingError);
    state.failWrite = false;
    expect(() => rec.flush()).toThrow(first as Error);
    expect(() => rec.record(run.events[1]!.event, run.events[1]!.line)).toThrow(first as Error);
    expect(() => rec.finish({ status: 'passed', eventHash: run.hash })).toThrow(first as Error);
    expect(state.writes).toBe(0);
  });

  it('then interrupt() marks the run interrupted without trying the write again, and releases it once', () => {
    const { host, state } = scriptedHost(new CountingClock());
    const rec = new RunRecorder(7, host);
    const run = events(2);
    rec.record(run.events[0]!.event, run.events[0]!.line);
    state.failWrite = true;
    expect(() => rec.flush()).toThrow(RecordingError);
    expect(() => rec.interrupt()).not.toThrow();
    expect(state.updates).toEqual(["UPDATE runs SET status = 'interrupted', ended_at = ? WHERE id = ? AND status = 'running'"]);
    expect(state.released).toBe(1);
    rec.interrupt();
    expect(state.updates.length).toBe(1);
    expect(state.released).toBe(1);
  });

  it('in the finishing transaction still releases the run', () => {
    const { host, state } = scriptedHost(new CountingClock());
    const rec = new RunRecorder(7, host);
    const run = events(1);
    rec.record(run.events[0]!.event, run.events[0]!.line);
    state.failFinish = true;
    expect(() => rec.finish({ status: 'passed', eventHash: run.hash })).toThrow(/disk I\/O error|scripted\.db/);
    expect(state.released).toBe(1);
    expect(rec.finished).toBe(true);
  });

  it('a timer that fires after the end does nothing', () => {
    const clock = new CountingClock();
    const { host, state } = scriptedHost(clock);
    const rec = new RunRecorder(7, host);
    const run = events(1);
    rec.record(run.events[0]!.event, run.events[0]!.line);
    rec.finish({ status: 'passed', eventHash: run.hash });
    const writes = state.writes;
    const onFlush = vi.fn();
    host.onFlush = onFlush;
    for (const fire of clock.timers) expect(() => fire()).not.toThrow();
    expect(state.writes).toBe(writes);
    expect(onFlush).not.toHaveBeenCalled();
  });
});
