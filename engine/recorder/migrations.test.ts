// Schema versions: a version-0 file is upgraded, pending migrations run in order and only once, a file from a
// newer build or some other program's database is refused by name, and damaged files give errors naming them.
import { openSync, readFileSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRecordingDatabase } from './database';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations';
import { Recorder } from './recorder';
import { openReplay } from './replay';
import { doorbellRun } from './test-support/doorbell-run';
import { recordRun, tempDir, type TempDir } from './test-support/recording-fixtures';
import { RunBuilder } from './test-support/synthetic-run';

let dir: TempDir;
beforeEach(() => (dir = tempDir()));
afterEach(() => dir.remove());

function tables(file: string): string[] {
  const db = new Database(file, { readonly: true });
  const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  db.close();
  return names;
}

describe('migrations', () => {
  it('upgrades a version-0 database to the current schema, in WAL mode', () => {
    const file = dir.file('v0.db');
    const blank = new Database(file);
    blank.pragma('user_version = 0');
    blank.close();
    const recorder = Recorder.open(file);
    expect(recorder.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(recorder.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(recorder.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    recorder.close();
    expect(tables(file)).toEqual(['events', 'expectations', 'messages', 'runs']);
  });

  it('runs pending migrations in order, each once, keeping the data', () => {
    const file = dir.file('v1.db');
    const recorder = Recorder.open(file);
    recordRun(recorder, doorbellRun());
    recorder.close();
    const applied: number[] = [];
    const later: Migration[] = [
      ...MIGRATIONS,
      { version: SCHEMA_VERSION + 1, description: 'tags', up: (db) => (applied.push(SCHEMA_VERSION + 1), db.exec('ALTER TABLE runs ADD COLUMN tags TEXT')) },
      { version: SCHEMA_VERSION + 2, description: 'tag index', up: (db) => (applied.push(SCHEMA_VERSION + 2), db.exec('CREATE INDEX runs_by_tags ON runs (tags)')) },
    ];
    openRecordingDatabase(file, { mode: 'write', migrations: later }).close();
    openRecordingDatabase(file, { mode: 'write', migrations: later }).close();
    expect(applied).toEqual([SCHEMA_VERSION + 1, SCHEMA_VERSION + 2]);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 2);
    expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: doorbellRun().events.length });
    db.close();
  });

  it('upgrades a version-1 recording (hops and payload stored twice) without losing what diff and export read', async () => {
    const file = dir.file('v1.db');
    const v1 = new Database(file);
    v1.pragma('journal_mode = WAL');
    MIGRATIONS[0]!.up(v1);
    v1.pragma('user_version = 1');
    v1.close();
    // Write a run the way version 1 did: the messages rows still carry hops and payload.
    const old = new Database(file);
    const run = doorbellRun();
    old.prepare("INSERT INTO runs (id, scenario, parameters, seed, architecture, app_version, started_at, status, writer) VALUES (1, 'doorbell', '{}', 1, 'cloud-cloud', '0.1.0', '2026-01-01', 'passed', 'old:1')").run();
    for (const { event, line } of run.events) {
      old.prepare('INSERT INTO events (run_id, seq, t, type, source, line) VALUES (1, ?, ?, ?, ?, ?)').run(event.seq, event.t, event.type, event.source, line);
      const env = event.data as Record<string, unknown>;
      if (!event.type.startsWith('msg.') || !Array.isArray(env.hops)) continue;
      old.prepare("INSERT INTO messages (run_id, seq, message_id, trace_id, span_id, source, destination, topic, kind, status, created_at, hops, payload) VALUES (1, ?, ?, '', '', ?, ?, ?, ?, ?, 0, ?, ?)")
        .run(event.seq, env.id, env.source, env.destination, env.topic, env.kind, env.status ?? 'delivered', JSON.stringify(env.hops), JSON.stringify(env.payload ?? null));
    }
    old.close();
    const upgraded = openRecordingDatabase(file);
    const columns = (upgraded.prepare('PRAGMA table_info(messages)').all() as { name: string }[]).map((c) => c.name);
    upgraded.close();
    expect(columns).not.toContain('hops');
    expect(columns).not.toContain('payload');
    const { exportRun } = await import('./export');
    let csv = '';
    exportRun({ file, run: 1 }, { format: 'csv', write: (chunk: string) => void (csv += chunk) });
    expect(csv).toContain('hop1_link');
    expect(csv).toContain('cellular');
  });

  it('refuses a file written by a newer Twinbench, naming the file and both versions', () => {
    const file = dir.file('future.db');
    Recorder.open(file).close();
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    const expected = `${file} was written by a newer Twinbench (schema version ${SCHEMA_VERSION + 5}; this build reads up to ${SCHEMA_VERSION})`;
    expect(() => Recorder.open(file)).toThrow(expected);
    expect(() => openReplay(file, 'latest')).toThrow(expected);
  });

  it("refuses some other program's SQLite database rather than adding tables to it", () => {
    const file = dir.file('other.db');
    const db = new Database(file);
    db.exec('CREATE TABLE contacts (name TEXT)');
    db.close();
    expect(() => Recorder.open(file)).toThrow(`${file} is a SQLite database but not a Twinbench recording (it holds tables contacts)`);
    expect(tables(file)).toEqual(['contacts']);
  });
});

describe('damaged files', () => {
  it('a recording in a folder that does not exist is refused by name', () => {
    const file = dir.file('no/such/folder/runs.db');
    expect(() => Recorder.open(file)).toThrow(`${file}: the folder ${dir.file('no/such/folder')} does not exist`);
  });

  it('a file of random bytes gives an error naming it, when recording and when reading', () => {
    const file = dir.file('random.db');
    let x = 12345;
    writeFileSync(file, Buffer.from(Array.from({ length: 16384 }, () => ((x = (x * 1103515245 + 12345) >>> 0), x >>> 24))));
    expect(() => Recorder.open(file)).toThrow(`${file} is not a readable Twinbench recording (SQLite: file is not a database)`);
    expect(() => openReplay(file, 1)).toThrow(`${file} is not a Twinbench recording (not a SQLite file)`);
  });

  it('a recording whose pages were overwritten gives an error naming the file and the run', () => {
    const file = dir.file('damaged.db');
    const b = new RunBuilder(2);
    for (let i = 0; i < 3000; i++) b.at(i).event('meter.sampled', 'home/h1/meter', { power: i, note: 'x'.repeat(40) });
    const recorder = Recorder.open(file);
    recordRun(recorder, b.build());
    recorder.close();
    const size = readFileSync(file).length;
    const fd = openSync(file, 'r+');
    // Keep the header page (so the file still opens) and garble the middle of the data pages.
    writeSync(fd, Buffer.alloc(size / 2, 0xa5), 0, size / 2, 4096 * 4);
    closeSync(fd);
    expect(() => {
      const replay = openReplay(file, 1);
      try {
        replay.hash();
      } finally {
        replay.close();
      }
    }).toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*(run 1|not a readable)`));
  });
});
