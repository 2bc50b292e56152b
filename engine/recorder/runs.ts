// Reading the runs of a recording: the list, one run by id, and run references as users type them (`7`,
// `latest`). Listing reports a run whose writer died as `interrupted` even before a Recorder has reopened the
// file to persist that, so `twinbench runs` never shows a crashed run as still going.
import type Database from 'better-sqlite3';
import { asRecordingError } from './database';
import { RecordingError } from './recording-error';
import { runInfoFromRow, type RunInfo, type RunRow } from './schema';
import { isWriterAlive } from './writer-liveness';

/** A run as users name it: its numeric id, or `latest` (the most recently started run). */
export type RunRef = number | 'latest' | string;

export interface RunSummary extends RunInfo {
  /** Events stored for the run. */
  eventCount: number;
  /** Messages stored for the run. */
  messageCount: number;
}

/** Every run in the file, newest first, with event and message counts. */
export function listRuns(db: Database.Database, file: string): RunSummary[] {
  try {
    const rows = db
      .prepare<[], RunRow & { event_count: number | null; message_count: number }>(
        `SELECT runs.*,
           (SELECT max(seq) + 1 FROM events WHERE events.run_id = runs.id) AS event_count,
           (SELECT count(*) FROM messages WHERE messages.run_id = runs.id) AS message_count
         FROM runs ORDER BY id DESC`,
      )
      .all();
    return rows.map((row) => ({ ...effective(runInfoFromRow(row)), eventCount: row.event_count ?? 0, messageCount: row.message_count }));
  } catch (err) {
    throw asRecordingError(err, file);
  }
}

/** Turns `7`, `"7"` or `latest` into a run id that exists in the file, or says clearly why it cannot. */
export function resolveRunId(db: Database.Database, file: string, ref: RunRef): number {
  try {
    if (ref === 'latest') {
      const row = db.prepare<[], { id: number }>('SELECT id FROM runs ORDER BY id DESC LIMIT 1').get();
      if (row === undefined) throw new RecordingError(`${file} holds no runs yet, so there is no latest run`, { file, runId: ref });
      return row.id;
    }
    const id = typeof ref === 'number' ? ref : /^\d+$/.test(ref) ? Number(ref) : NaN;
    if (!Number.isSafeInteger(id)) {
      throw new RecordingError(`${file}: "${ref}" is not a run id; use a number from \`twinbench runs ${file}\`, or latest`, { file, runId: ref });
    }
    if (db.prepare('SELECT 1 FROM runs WHERE id = ?').get(id) === undefined) throw new RecordingError(notFound(db, file, id), { file, runId: id });
    return id;
  } catch (err) {
    throw asRecordingError(err, file, ref);
  }
}

/** One run, with a crashed writer's `running` shown as `interrupted`. */
export function getRun(db: Database.Database, file: string, ref: RunRef): RunInfo {
  const id = resolveRunId(db, file, ref);
  try {
    const row = db.prepare<[number], RunRow>('SELECT * FROM runs WHERE id = ?').get(id)!;
    return effective(runInfoFromRow(row));
  } catch (err) {
    throw asRecordingError(err, file, id);
  }
}

function effective(run: RunInfo): RunInfo {
  // A run held by a RunRecorder of this process has a live writer; readers here cannot see that registry,
  // so only other-process writers are judged, and this process's own runs are taken at their word.
  if (run.status === 'running' && !isWriterAlive(run.writer, true)) return { ...run, status: 'interrupted' };
  return run;
}

function notFound(db: Database.Database, file: string, id: number): string {
  const range = db.prepare<[], { lo: number | null; hi: number | null; n: number }>('SELECT min(id) AS lo, max(id) AS hi, count(*) AS n FROM runs').get()!;
  const have = range.n === 0 ? 'it holds no runs' : `its runs are ${range.lo}–${range.hi}`;
  return `${file}: run ${id} not found (${have}); \`twinbench runs ${file}\` lists them`;
}
