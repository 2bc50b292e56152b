// Opening a recording file: pragmas, migrations, and SQLite's terse failures turned into errors that name the
// file. Writers use WAL with synchronous=NORMAL: a committed batch survives the process being killed (only a
// power cut can lose the last commits), and readers see committed batches while a run is still recording.
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, type Migration, MIGRATIONS, schemaVersionOf } from './migrations';
import { RecordingError } from './recording-error';

export type OpenMode = 'write' | 'read';

export interface OpenRecordingOptions {
  /** `write` creates the file when missing; `read` requires it to exist. Default `read`. */
  mode?: OpenMode;
  migrations?: readonly Migration[];
}

/** Opens (and if need be upgrades) a recording; every failure is a RecordingError naming `file`. */
export function openRecordingDatabase(file: string, options: OpenRecordingOptions = {}): Database.Database {
  const mode = options.mode ?? 'read';
  if (mode === 'read' && !existsSync(file)) {
    throw new RecordingError(`${file}: no such recording file. Check the path (\`twinbench runs <file>\` lists a file's runs).`, { file });
  }
  if (mode === 'read') refuseNonRecording(file);
  if (mode === 'write' && !existsSync(dirname(file) || '.')) {
    throw new RecordingError(`${file}: the folder ${dirname(file)} does not exist. Create it, or record elsewhere.`, { file });
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: mode === 'read' });
    db.pragma('busy_timeout = 5000');
    // The first statement that reads the header is where a file of random bytes is found out.
    if (mode === 'write') {
      // 16 KiB pages hold several event lines (~1 KiB each) per page instead of two or three: measured ~30%
      // faster recording. Only takes effect on a new file, before WAL mode is set.
      db.pragma('page_size = 16384');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // Checkpoint after ~64 MiB of WAL rather than 16 MiB: fewer, larger checkpoints on the recording path.
      db.pragma('wal_autocheckpoint = 4000');
    }
    db.pragma('foreign_keys = ON');
    // Reading never creates a schema: a version-0 file would be made into an empty recording.
    if (mode === 'read' && schemaVersionOf(db) === 0) {
      throw new RecordingError(`${file} is not a Twinbench recording (a SQLite database with no Twinbench tables). Pass a recording file.`, { file });
    }
    migrate(db, file, options.migrations ?? MIGRATIONS);
    return db;
  } catch (err) {
    db?.close();
    throw asRecordingError(err, file);
  }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * A file opened for reading must already be a SQLite database: SQLite itself would happily treat a zero-byte
 * file as a new, empty database and write a schema into it. Only the header is read; nothing is written.
 */
function refuseNonRecording(file: string): void {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  let read = 0;
  try {
    const fd = openSync(file, 'r');
    try {
      read = readSync(fd, header, 0, header.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw asRecordingError(Object.assign(new Error((err as Error).message), { code: 'SQLITE_CANTOPEN' }), file);
  }
  if (read === 0) {
    throw new RecordingError(`${file} is empty: not a Twinbench recording. Check the path (\`twinbench runs <file>\` lists a recording's runs).`, { file });
  }
  if (read < header.length || !header.equals(SQLITE_HEADER)) {
    throw new RecordingError(`${file} is not a Twinbench recording (not a SQLite file). Check the path.`, { file });
  }
}

/** Wraps SQLite errors met while reading or writing `file` so the message says which file and run. */
export function asRecordingError(err: unknown, file: string, runId?: number | string): RecordingError {
  if (err instanceof RecordingError) return err;
  const where = runId === undefined ? { file } : { file, runId };
  const run = runId === undefined ? '' : ` (run ${runId})`;
  const code = (err as { code?: unknown })?.code;
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code === 'SQLITE_CORRUPT_INDEX') {
    return new RecordingError(
      `${file}${run} is not a readable Twinbench recording (SQLite: ${message}). ` +
        'Check the path; if the file was damaged, record the run again.',
      where,
      { cause: err },
    );
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code === 'SQLITE_READONLY') {
    return new RecordingError(`${file}${run}: cannot open the recording (SQLite: ${message}). Check the path and its permissions.`, where, {
      cause: err,
    });
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new RecordingError(`${file}${run}: another process kept the recording locked for over 5 s (SQLite: ${message}); retry, or record into another file.`, where, {
      cause: err,
    });
  }
  if (code === 'SQLITE_FULL') {
    return new RecordingError(`${file}${run}: the disk is full; free some space and record again.`, where, { cause: err });
  }
  return new RecordingError(`${file}${run}: ${message}`, where, { cause: err });
}
