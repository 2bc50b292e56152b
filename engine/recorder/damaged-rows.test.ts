// A recording damaged in one place stays readable everywhere else. Before, one corrupt JSON cell (a run's
// parameters, one event line) made `runs`, `diff` and `export` of the whole file fail with a bare JSON error,
// and `runs` on a zero-byte file silently turned it into an empty database.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { diffRuns, formatDiffReport } from './diff';
import { exportRun, type ExportFormat } from './export';
import { openRecordingDatabase } from './database';
import { Recorder } from './recorder';
import { listRuns } from './runs';
import { doorbellRun } from './test-support/doorbell-run';
import { recordRun, tempDirPerTest, type TempDir } from './test-support/recording-fixtures';

let dir: TempDir;
tempDirPerTest((d) => void (dir = d));

/** Two recordings of the same run; run 1 then gets `damage` done to it with plain SQL. */
function twoRuns(damage: (db: Database.Database) => void): string {
  const file = dir.file('runs.db');
  const recorder = Recorder.open(file);
  recordRun(recorder, doorbellRun());
  recordRun(recorder, doorbellRun());
  recorder.close();
  const db = new Database(file);
  damage(db);
  db.close();
  return file;
}

const firstMessageSeq = (db: Database.Database): number =>
  (db.prepare('SELECT min(seq) AS seq FROM messages WHERE run_id = 1').get() as { seq: number }).seq;

function exported(file: string, run: number, format: ExportFormat) {
  let text = '';
  const summary = exportRun({ file, run }, { format, write: (chunk) => (text += chunk) });
  return { text, summary };
}

describe('one corrupt JSON cell', () => {
  it('in a run row: `runs` lists every run, the damaged one flagged by run and column', () => {
    const file = twoRuns((db) => db.prepare("UPDATE runs SET parameters = '{oops', metrics = 'nul' WHERE id = 1").run());
    const db = openRecordingDatabase(file);
    try {
      const runs = listRuns(db, file);
      expect(runs.map((run) => run.id)).toEqual([2, 1]);
      const damaged = runs.find((run) => run.id === 1)!;
      expect(damaged.parameters).toEqual({});
      expect(damaged.metrics).toBeNull();
      expect(damaged.damaged).toEqual([
        expect.stringMatching(/^run 1: the parameters cell is not valid JSON \(.+\); shown as \{\}$/),
        expect.stringMatching(/^run 1: the metrics cell is not valid JSON \(.+\); shown as null$/),
      ]);
      expect(runs.find((run) => run.id === 2)!.damaged).toBeUndefined();
    } finally {
      db.close();
    }
  });

  it('in an event line: export skips that row, names it, and writes every other row', () => {
    let seq = 0;
    const file = twoRuns((db) => {
      seq = firstMessageSeq(db);
      db.prepare('UPDATE events SET line = ? WHERE run_id = 1 AND seq = ?').run('{"seq":', seq);
    });
    const clean = exported(file, 2, 'jsonl');
    const damaged = exported(file, 1, 'jsonl');
    expect(damaged.summary.rows).toBe(clean.summary.rows - 1);
    expect(damaged.summary.skipped).toEqual([expect.stringMatching(new RegExp(`^run 1, event seq ${seq}: the stored line is not valid JSON \\(.+\\); row skipped$`))]);
    expect(clean.summary.skipped).toEqual([]);
    const csvClean = exported(file, 2, 'csv');
    const csvDamaged = exported(file, 1, 'csv');
    expect(csvDamaged.summary.rows).toBe(csvClean.summary.rows - 1);
    expect(csvDamaged.summary.skipped).toEqual([expect.stringContaining(`run 1, event seq ${seq}`)]);
  });

  it('in an event line: diff still compares, and its report says which row was left out', () => {
    let seq = 0;
    const file = twoRuns((db) => {
      seq = firstMessageSeq(db);
      db.prepare('UPDATE events SET line = ? WHERE run_id = 1 AND seq = ?').run('not json at all', seq);
      db.prepare("UPDATE events SET line = '{' WHERE run_id = 1 AND type = 'twin.state' AND seq = (SELECT min(seq) FROM events WHERE run_id = 1 AND type = 'twin.state')").run();
    });
    const result = diffRuns({ file, run: 1 }, { file, run: 2 });
    expect(result.a.messages).toBe(result.b.messages - 1);
    const report = formatDiffReport(result);
    expect(report).toContain(`run 1, event seq ${seq}: the stored line is not valid JSON`);
  });
});

describe('opening a file that is not a recording, for reading', () => {
  it('a zero-byte file is refused and stays zero bytes', () => {
    const file = dir.file('empty.db');
    writeFileSync(file, '');
    expect(() => openRecordingDatabase(file)).toThrow(`${file} is empty: not a Twinbench recording`);
    expect(statSync(file).size).toBe(0);
  });

  it('a text file is refused and left as it was', () => {
    const file = dir.file('notes.db');
    writeFileSync(file, 'shopping list\n');
    expect(() => openRecordingDatabase(file)).toThrow(`${file} is not a Twinbench recording (not a SQLite file)`);
    expect(readFileSync(file, 'utf8')).toBe('shopping list\n');
  });

  it('an empty SQLite database is refused, and no tables are added to it', () => {
    const file = dir.file('blank.db');
    const blank = new Database(file);
    blank.pragma('user_version = 0');
    blank.exec('CREATE TABLE t (x); DROP TABLE t;');
    blank.close();
    const before = readFileSync(file);
    expect(() => openRecordingDatabase(file)).toThrow(`${file} is not a Twinbench recording (a SQLite database with no Twinbench tables)`);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
