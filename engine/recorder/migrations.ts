// Ordered schema migrations of the recording database. The file's version lives in PRAGMA user_version, so a
// file says which build wrote it without any table of our own; each migration runs in its own transaction,
// so a crash mid-upgrade leaves the file at the previous version rather than half-migrated.
import type Database from 'better-sqlite3';
import { RecordingError } from './recording-error';
import { SCHEMA_V1, TWINBENCH_TABLES } from './schema';

export interface Migration {
  /** The user_version the file has once this migration ran (1, 2, 3… without gaps). */
  version: number;
  description: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, description: 'runs, events, messages, expectations', up: (db) => db.exec(SCHEMA_V1) },
  {
    version: 2,
    // hops and payload were stored twice: in the event line (the canonical record) and in the messages row.
    // Readers now take them from the event line; this cut the database by about 40 %.
    description: 'messages: hops and payload are read from the event line',
    up: (db) => db.exec('ALTER TABLE messages DROP COLUMN hops; ALTER TABLE messages DROP COLUMN payload;'),
  },
  {
    version: 3,
    // Events keep the seed's trace ids; the wires carry them XOR a per-run salt (engine/connectors/wire-ids.ts).
    // With the salt, a recorded trace is found again in a collector or a broker log.
    description: "runs: wire_salt, the salt of the run's trace ids on real wires",
    up: (db) => db.exec('ALTER TABLE runs ADD COLUMN wire_salt TEXT'),
  },
  {
    version: 4,
    // The app's "Run every architecture" records each run like any other; the label says which comparison it was
    // part of, so the Recordings panel groups them and any two can be diffed.
    description: 'runs: label, the comparison (or other group) a run belongs to',
    up: (db) => db.exec('ALTER TABLE runs ADD COLUMN label TEXT'),
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export function schemaVersionOf(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the file at `file` up to the newest version this build knows. Returns the version it found.
 * A file from a newer build is refused (reading it with an older schema would misread it), and so is a
 * version-0 file that already holds tables: that is some other program's SQLite database.
 */
export function migrate(db: Database.Database, file: string, migrations: readonly Migration[] = MIGRATIONS): number {
  const found = schemaVersionOf(db);
  const latest = migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
  if (found > latest) {
    throw new RecordingError(
      `${file} was written by a newer Twinbench (schema version ${found}; this build reads up to ${latest}). ` +
        'Open it with a newer Twinbench, or record into a new file.',
      { file },
    );
  }
  if (found === 0) refuseForeignDatabase(db, file);
  for (const migration of migrations) {
    if (migration.version <= found) continue;
    db.transaction(() => {
      migration.up(db);
      // user_version cannot be bound as a parameter; the value is our own integer.
      db.pragma(`user_version = ${Math.trunc(migration.version)}`);
    }).immediate();
  }
  return found;
}

function refuseForeignDatabase(db: Database.Database, file: string): void {
  const tables = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all()
    .map((row) => row.name);
  const foreign = tables.filter((name) => !TWINBENCH_TABLES.includes(name));
  if (foreign.length > 0) {
    throw new RecordingError(
      `${file} is a SQLite database but not a Twinbench recording (it holds tables ${foreign.join(', ')}). ` +
        'Pass a recording file, or a new file name to record into.',
      { file },
    );
  }
}
