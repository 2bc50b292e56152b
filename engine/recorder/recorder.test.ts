// Round trip: a run recorded, closed, reopened, listed and replayed gives back the same stream and hash;
// messages land in their own table; secrets never land; an unfinished run reads as interrupted.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimEvent } from '../../twins/kernel/event-log';
import { Recorder } from './recorder';
import { openReplay } from './replay';
import { doorbellRun } from './test-support/doorbell-run';
import { recordRun, tempDir, type TempDir } from './test-support/recording-fixtures';

let dir: TempDir;
beforeEach(() => (dir = tempDir()));
afterEach(() => dir.remove());

describe('Recorder round trip', () => {
  it('records, lists, replays and reproduces the eventHash', async () => {
    const run = doorbellRun();
    const file = dir.file('runs.db');
    const recorder = Recorder.open(file);
    const runId = recordRun(recorder, run, { expectations: [{ id: 'unlock-after-confirmation', passed: true }] });
    recorder.close();

    const reopened = Recorder.open(file);
    const [listed] = reopened.runs();
    expect(listed).toMatchObject({ id: runId, scenario: 'doorbell-across-screens', status: 'passed', eventHash: run.hash, eventCount: run.events.length, messageCount: 5 });
    reopened.close();

    const replay = openReplay(file, 'latest');
    expect(replay.run.id).toBe(runId);
    expect([...replay.lines()]).toEqual(run.events.map((e) => e.line));
    expect([...replay.events()]).toEqual(run.events.map((e) => e.event));
    expect(replay.hash()).toBe(run.hash);
    expect(replay.verify()).toMatchObject({ ok: true, expected: run.hash });

    const played: [SimEvent, string][] = [];
    const result = await replay.play({ speed: 'max', onEvent: (event, line) => played.push([event, line]) });
    expect(result).toMatchObject({ events: run.events.length, aborted: false });
    expect(played.map(([, line]) => line)).toEqual(run.events.map((e) => e.line));
    replay.close();
  });

  it('stores each completed message with its trace, hops and end-to-end latency', () => {
    const file = dir.file('runs.db');
    const recorder = Recorder.open(file);
    const runId = recordRun(recorder, doorbellRun());
    recorder.close();
    const db = new Database(file, { readonly: true });
    // Hops live in the event line that completed the message; the row keeps the scalar columns.
    const rows = db.prepare("SELECT m.topic, m.status, m.failure, m.e2e_ms, m.trace_id, json_extract(e.line, '$.data.hops') AS hops FROM messages m JOIN events e ON e.run_id = m.run_id AND e.seq = m.seq WHERE m.run_id = ? ORDER BY m.seq").all(runId) as {
      topic: string; status: string; failure: string | null; e2e_ms: number; trace_id: string; hops: string;
    }[];
    db.close();
    expect(rows.map((r) => r.topic)).toEqual(['home/h1/doorbell/ring', 'home/h1/climate/set', 'home/h1/lock/get', 'home/h1/lock/unlock', 'vehicle/car1/status']);
    expect(rows[1]).toMatchObject({ status: 'delivered', e2e_ms: 80 });
    expect(JSON.parse(rows[1]!.hops).map((h: { link: string }) => h.link)).toEqual(['cellular', 'internet', 'home-broadband']);
    expect(rows[2]!.trace_id).toBe(rows[3]!.trace_id); // one flow, one trace
    expect(rows[4]).toMatchObject({ status: 'failed', failure: 'lost' });
  });

  it('never writes secret fields, and says the stored stream differs from the live one because of it', () => {
    const run = doorbellRun({ withSecrets: true });
    const file = dir.file('runs.db');
    const recorder = Recorder.open(file);
    const rec = recorder.startRun({ scenario: 's', seed: 1, architecture: 'local', parameters: { homeToken: 'abc', rooms: 3 } });
    for (const { event, line } of run.events) rec.record(event, line);
    const report = rec.finish({ status: 'passed', eventHash: run.hash, verdict: { apiKey: 'k', ok: true } });
    recorder.close();
    expect(report).toMatchObject({ redactedFields: 2, complete: false });

    const bytes = new Database(file, { readonly: true });
    const everything = bytes
      .prepare("SELECT group_concat(line, '') AS text FROM events")
      .get() as { text: string };
    const messages = bytes.prepare("SELECT group_concat(message_id || source || destination || topic, '') AS text FROM messages").get() as { text: string };
    const runRow = bytes.prepare('SELECT parameters, verdict, redacted_fields FROM runs').get() as { parameters: string; verdict: string; redacted_fields: number };
    bytes.close();
    for (const text of [everything.text, messages.text, runRow.parameters, runRow.verdict]) {
      expect(text).not.toMatch(/hunter2|eyJhbGciOi|"k"|abc/);
    }
    expect(JSON.parse(runRow.parameters)).toEqual({ rooms: 3 });
    expect(runRow.redacted_fields).toBe(2);
    // The other fields of a redacted payload are kept.
    expect(everything.text).toContain('"user":"ana"');

    const replay = openReplay(file, 1);
    const check = replay.verify();
    replay.close();
    expect(check.ok).toBe(true);
    expect(check.expected).not.toBe(run.hash);
    expect(check.explanation).toMatch(/2 secret fields were removed/);
  });

  it('marks a run that was never finished as interrupted when the recorder closes, keeping its events', () => {
    const run = doorbellRun();
    const file = dir.file('runs.db');
    const recorder = Recorder.open(file);
    const rec = recorder.startRun({ scenario: 's', seed: 1, architecture: 'local' });
    for (const { event, line } of run.events.slice(0, 5)) rec.record(event, line);
    recorder.close();
    const again = Recorder.open(file);
    expect(again.runs()[0]).toMatchObject({ status: 'interrupted', eventCount: 5, eventHash: null });
    again.close();
  });

  it('refuses events after finish, naming the file and run', () => {
    const file = dir.file('runs.db');
    const recorder = Recorder.open(file);
    const run = doorbellRun();
    const rec = recorder.startRun({ scenario: 's', seed: 1, architecture: 'local' });
    rec.finish({ status: 'passed', eventHash: run.hash });
    expect(() => rec.record(run.events[0]!.event, run.events[0]!.line)).toThrow(new RegExp(`runs\\.db: run ${rec.runId} is already finished`));
    recorder.close();
  });

  it('records two runs into one file without mixing them', () => {
    const file = dir.file('runs.db');
    const recorder = Recorder.open(file);
    const a = doorbellRun();
    const b = doorbellRun({ targetTemperature: 25 });
    const ra = recorder.startRun({ scenario: 'a', seed: 1, architecture: 'local' });
    const rb = recorder.startRun({ scenario: 'b', seed: 2, architecture: 'direct' });
    a.events.forEach((e, i) => {
      ra.record(e.event, e.line);
      rb.record(b.events[i]!.event, b.events[i]!.line);
    });
    ra.finish({ status: 'passed', eventHash: a.hash });
    rb.finish({ status: 'failed', eventHash: b.hash });
    recorder.close();
    for (const [id, run] of [[ra.runId, a], [rb.runId, b]] as const) {
      const replay = openReplay(file, id);
      expect(replay.hash()).toBe(run.hash);
      replay.close();
    }
  });

  it('does not declare interrupted a run another live recorder is still writing', () => {
    const file = dir.file('runs.db');
    const first = Recorder.open(file);
    const live = first.startRun({ scenario: 's', seed: 1, architecture: 'local' });
    const run = doorbellRun();
    live.record(run.events[0]!.event, run.events[0]!.line);
    live.flush();
    const second = Recorder.open(file);
    expect(second.interruptedOnOpen).toEqual([]);
    expect(second.runs()[0]).toMatchObject({ id: live.runId, status: 'running' });
    second.close();
    for (const { event, line } of run.events.slice(1)) live.record(event, line);
    live.finish({ status: 'passed', eventHash: run.hash });
    first.close();
  });

  it('serves seek by time and trace lookups from indexes, not table scans', () => {
    const file = dir.file('runs.db');
    const recorder = Recorder.open(file);
    const plan = (sql: string): string =>
      (recorder.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(1, 0) as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan('SELECT seq, line FROM events WHERE run_id = ? AND t >= ? ORDER BY t, seq LIMIT 1')).toMatch(/USING (COVERING )?INDEX events_by_run_time/);
    expect(plan('SELECT * FROM messages WHERE run_id = ? AND trace_id = ?')).toMatch(/USING INDEX messages_by_run_trace/);
    recorder.close();
  });
});
