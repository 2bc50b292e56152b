// Records runs into a SQLite file: every canonical event line, every message envelope, and the run's verdict.
// Events are buffered and written in batched transactions — when the buffer reaches `maxBufferedRows`, and
// at the latest `flushIntervalMs` after the oldest buffered event — because one transaction per event would
// cap recording at a few thousand events per second. A crash loses at most the events since the last flush;
// the run is then found `running` with a dead writer and marked `interrupted` by the next Recorder.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type { WallClock } from '../../twins/kernel/pacer';
import type { Json } from '../../twins/kernel/types';
import { asRecordingError, openRecordingDatabase } from './database';
import type { Migration } from './migrations';
import { RecordingError } from './recording-error';
import { stripSecrets } from './redact';
import { RunRecorder, type FlushInfo, type RunRecorderHost } from './run-recorder';
import { listRuns } from './runs';
import type { RunInfo, RunRow } from './schema';
import { isWriterAlive, thisWriter } from './writer-liveness';

export interface RunMeta {
  scenario: string;
  seed: number;
  architecture: string;
  parameters?: { [key: string]: Json };
  /** Defaults to the version in package.json. */
  appVersion?: string;
  /** Wall-clock start; defaults to now. */
  startedAt?: Date;
  /** Salt of the run's trace ids on real wires, when it has connectors (engine/connectors/wire-ids.ts). */
  wireSalt?: string;
  /** The group the run belongs to, e.g. `comparison …` for one run of the app's architecture comparison. */
  label?: string;
}

export interface RecorderOptions {
  /** Longest wall time an event may wait in the buffer. Default 100 ms. */
  flushIntervalMs?: number;
  /** Buffered events that trigger a flush at once. Default 8192. */
  maxBufferedRows?: number;
  /** Called after each committed batch (tests, progress displays). */
  onFlush?: (flush: FlushInfo) => void;
  /** Wall clock and timers; defaults to performance.now and setTimeout. */
  wallClock?: WallClock;
  migrations?: readonly Migration[];
}

/** Runs recorded by a live RunRecorder of this process, by `<absolute file>#<run id>`. */
const heldRuns = new Set<string>();

const systemWallClock: WallClock = {
  now: () => performance.now(),
  setTimer(ms, fn) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};

export class Recorder {
  private readonly live = new Map<number, RunRecorder>();
  private readonly options: Required<Omit<RecorderOptions, 'onFlush' | 'migrations'>> & Pick<RecorderOptions, 'onFlush'>;
  private closed = false;
  /** Runs this Recorder found cut short when it opened the file and marked `interrupted`. */
  readonly interruptedOnOpen: readonly number[];

  private constructor(
    readonly file: string,
    readonly db: Database.Database,
    options: RecorderOptions,
  ) {
    this.options = {
      flushIntervalMs: options.flushIntervalMs ?? 100,
      maxBufferedRows: options.maxBufferedRows ?? 8192,
      wallClock: options.wallClock ?? systemWallClock,
      onFlush: options.onFlush,
    };
    this.interruptedOnOpen = this.markAbandonedRuns();
  }

  /** Opens or creates the recording at `file` (upgrading its schema if it is older). */
  static open(file: string, options: RecorderOptions = {}): Recorder {
    const db = openRecordingDatabase(file, { mode: 'write', ...(options.migrations ? { migrations: options.migrations } : {}) });
    try {
      return new Recorder(file, db, options);
    } catch (err) {
      db.close();
      throw asRecordingError(err, file);
    }
  }

  startRun(meta: RunMeta): RunRecorder {
    if (this.closed) throw new RecordingError(`${this.file}: the recorder is closed; open a new one to record another run`, { file: this.file });
    const parameters = stripSecrets(meta.parameters ?? {});
    const info = this.db
      .prepare(
        `INSERT INTO runs (scenario, parameters, seed, architecture, app_version, started_at, status, writer, wire_salt, label)
         VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, ?)`,
      )
      .run(
        meta.scenario,
        JSON.stringify(parameters.value),
        meta.seed,
        meta.architecture,
        meta.appVersion ?? appVersion(),
        (meta.startedAt ?? new Date()).toISOString(),
        thisWriter(),
        meta.wireSalt ?? null,
        meta.label ?? null,
      );
    const runId = Number(info.lastInsertRowid);
    const host: RunRecorderHost = {
      file: this.file,
      db: this.db,
      flushIntervalMs: this.options.flushIntervalMs,
      maxBufferedRows: this.options.maxBufferedRows,
      wallClock: this.options.wallClock,
      onFlush: this.options.onFlush,
      release: (id) => {
        this.live.delete(id);
        heldRuns.delete(heldKey(this.file, id));
      },
    };
    const run = new RunRecorder(runId, host);
    this.live.set(runId, run);
    heldRuns.add(heldKey(this.file, runId));
    return run;
  }

  /** Every run in the file, newest first. */
  runs(): RunInfo[] {
    return listRuns(this.db, this.file);
  }

  /** Flushes every live run. */
  flush(): void {
    for (const run of this.live.values()) run.flush();
  }

  /**
   * Flushes and closes the file. A run not finished by then did not complete: it is marked `interrupted`, which
   * is also what a crash would have left, so a closed-early run and a crashed one read the same.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      for (const run of [...this.live.values()]) run.interrupt();
    } finally {
      this.db.close();
    }
  }

  private markAbandonedRuns(): number[] {
    const running = this.db.prepare<[], Pick<RunRow, 'id' | 'writer'>>("SELECT id, writer FROM runs WHERE status = 'running' ORDER BY id").all();
    const abandoned = running.filter((row) => !isWriterAlive(row.writer, heldRuns.has(heldKey(this.file, row.id)))).map((row) => row.id);
    const mark = this.db.prepare("UPDATE runs SET status = 'interrupted' WHERE id = ? AND status = 'running'");
    this.db.transaction(() => {
      for (const id of abandoned) mark.run(id);
    })();
    return abandoned;
  }
}

function heldKey(file: string, runId: number): string {
  return `${resolve(file)}#${runId}`;
}

let cachedVersion: string | undefined;
function appVersion(): string {
  if (cachedVersion === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
      cachedVersion = pkg.version ?? 'unknown';
    } catch {
      cachedVersion = 'unknown';
    }
  }
  return cachedVersion;
}

export { RunRecorder, type FlushInfo, type ExpectationResult, type RunResult, type FinishReport } from './run-recorder';
