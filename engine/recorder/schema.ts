// The recording database's shape: the tables a run lands in and the row types the recorder, replay, diff and
// export read back. The DDL here is what the migrations apply; a change to it is a new migration, never an
// edit of an old one, because files recorded by earlier builds must still open.
import type { Json } from '../../twins/kernel/types';

export type RunStatus = 'running' | 'passed' | 'failed' | 'interrupted';
export const RUN_STATUSES: readonly RunStatus[] = ['running', 'passed', 'failed', 'interrupted'];

/** Schema version 1: runs, their canonical event lines, their messages and their expectation verdicts. */
export const SCHEMA_V1 = `
CREATE TABLE runs (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  scenario        TEXT NOT NULL,
  parameters      TEXT NOT NULL DEFAULT '{}',   -- JSON object, secrets stripped
  seed            INTEGER NOT NULL,
  architecture    TEXT NOT NULL,
  app_version     TEXT NOT NULL,
  started_at      TEXT NOT NULL,                -- wall clock, ISO 8601
  ended_at        TEXT,
  status          TEXT NOT NULL CHECK (status IN ('running', 'passed', 'failed', 'interrupted')),
  verdict         TEXT,                         -- JSON
  event_hash      TEXT,                         -- eventHash of the live stream (EventLog.hash())
  recorded_hash   TEXT,                         -- SHA-256 over the lines actually stored
  redacted_fields INTEGER NOT NULL DEFAULT 0,   -- secret fields removed from event lines (why recorded_hash may differ)
  metrics         TEXT,                         -- JSON
  writer          TEXT                          -- host:pid of the recording process, to spot crashed writers
);

CREATE TABLE events (
  run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  seq     INTEGER NOT NULL,
  t       REAL NOT NULL,
  type    TEXT NOT NULL,
  source  TEXT NOT NULL,
  line    TEXT NOT NULL,                        -- the canonical JSON line the eventHash covers
  PRIMARY KEY (run_id, seq)
);
CREATE INDEX events_by_run_time ON events (run_id, t, seq);

CREATE TABLE messages (
  run_id         INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  seq            INTEGER NOT NULL,              -- seq of the msg.* event that completed the message
  message_id     TEXT NOT NULL,
  trace_id       TEXT NOT NULL,
  span_id        TEXT NOT NULL,
  parent_span_id TEXT,
  source         TEXT NOT NULL,
  destination    TEXT NOT NULL,
  topic          TEXT NOT NULL,
  kind           TEXT NOT NULL,
  architecture   TEXT,
  status         TEXT NOT NULL,
  failure        TEXT,
  created_at     REAL NOT NULL,                 -- virtual ms
  completed_at   REAL,
  e2e_ms         REAL,
  hops           TEXT NOT NULL,                 -- JSON array of Hop
  payload        TEXT NOT NULL,                 -- JSON, secrets stripped
  PRIMARY KEY (run_id, seq)
);
CREATE INDEX messages_by_run_trace ON messages (run_id, trace_id);

CREATE TABLE expectations (
  run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  id      TEXT NOT NULL,
  passed  INTEGER NOT NULL CHECK (passed IN (0, 1)),
  detail  TEXT,
  PRIMARY KEY (run_id, id)
);
`;

/** The tables a Twinbench recording has; a version-0 file holding other tables is someone else's database. */
export const TWINBENCH_TABLES: readonly string[] = ['runs', 'events', 'messages', 'expectations'];

export interface RunRow {
  id: number;
  scenario: string;
  parameters: string;
  seed: number;
  architecture: string;
  app_version: string;
  started_at: string;
  ended_at: string | null;
  status: RunStatus;
  verdict: string | null;
  event_hash: string | null;
  recorded_hash: string | null;
  redacted_fields: number;
  metrics: string | null;
  writer: string | null;
  /** Salt of the run's trace ids on real wires (schema version 3), null for a run without connectors. */
  wire_salt: string | null;
  /** The group the run was recorded in, e.g. an architecture comparison (schema version 4); null for a run alone. */
  label: string | null;
}

export interface MessageRow {
  run_id: number;
  seq: number;
  message_id: string;
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  source: string;
  destination: string;
  topic: string;
  kind: string;
  architecture: string | null;
  status: string;
  failure: string | null;
  created_at: number;
  completed_at: number | null;
  e2e_ms: number | null;
}

export interface ExpectationRow {
  run_id: number;
  id: string;
  passed: 0 | 1;
  detail: string | null;
}

/** What a caller gets for a run: the row with its JSON columns parsed. */
export interface RunInfo {
  id: number;
  scenario: string;
  parameters: { [key: string]: Json };
  seed: number;
  architecture: string;
  appVersion: string;
  startedAt: string;
  endedAt: string | null;
  status: RunStatus;
  verdict: Json | null;
  eventHash: string | null;
  recordedHash: string | null;
  redactedFields: number;
  metrics: Json | null;
  writer: string | null;
  /** Trace and span ids on the run's wires are the recorded ones XOR this (engine/connectors/wire-ids.ts). */
  wireSalt: string | null;
  /** The group the run was recorded in (an architecture comparison), or null. */
  label: string | null;
  /**
   * What could not be read of this run (a cell or an event line that is not JSON), one message each naming
   * the run and the row; absent when nothing is damaged. The rest of the run and the file stay readable.
   */
  damaged?: string[];
}

export function runInfoFromRow(row: RunRow): RunInfo {
  const damaged: string[] = [];
  const cell = <T extends Json>(column: string, text: string | null, fallback: T): T | Json => {
    if (text === null) return null;
    try {
      return JSON.parse(text) as Json;
    } catch (err) {
      damaged.push(`run ${row.id}: the ${column} cell is not valid JSON (${(err as Error).message}); shown as ${JSON.stringify(fallback)}`);
      return fallback;
    }
  };
  const parameters = cell('parameters', row.parameters, {});
  const info: RunInfo = {
    id: row.id,
    scenario: row.scenario,
    parameters: (parameters !== null && typeof parameters === 'object' && !Array.isArray(parameters) ? parameters : {}) as { [key: string]: Json },
    seed: row.seed,
    architecture: row.architecture,
    appVersion: row.app_version,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    status: row.status,
    verdict: cell('verdict', row.verdict, null),
    eventHash: row.event_hash,
    recordedHash: row.recorded_hash,
    redactedFields: row.redacted_fields,
    metrics: cell('metrics', row.metrics, null),
    writer: row.writer,
    wireSalt: row.wire_salt ?? null,
    label: row.label ?? null,
  };
  return damaged.length > 0 ? { ...info, damaged } : info;
}

/** The run as read, with rows that could not be read added to what is flagged as damaged. */
export function withDamage(run: RunInfo, skipped: readonly string[]): RunInfo {
  return skipped.length === 0 ? run : { ...run, damaged: [...(run.damaged ?? []), ...skipped] };
}

/** An event line as JSON, or the reason it is not, naming the run and the row: one bad line must not hide the rest. */
export function readEventLine(line: string, runId: number, seq: number): { ok: true; value: Json } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(line) as Json };
  } catch (err) {
    return { ok: false, problem: `run ${runId}, event seq ${seq}: the stored line is not valid JSON (${(err as Error).message}); row skipped` };
  }
}
