// Reads a recorded run back as the event stream it was: the same SimEvents with the same canonical lines, so
// anything that listens to a live EventLog (inspector, timeline, metrics) can be fed from a recording instead.
// Events are read in pages by seq rather than through one open cursor, because better-sqlite3 forbids other
// statements on a connection while a cursor is open and play() awaits between events.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { eventDataOfLine } from '../../twins/bus/envelope-record';
import type { SimEvent, SimEventListener } from '../../twins/kernel/event-log';
import type { SimTime } from '../../twins/kernel/types';
import { asRecordingError, openRecordingDatabase } from './database';
import { getRun, type RunRef } from './runs';
import type { RunInfo } from './schema';

export interface PlayOptions {
  /** N× real time (2 = twice as fast as it happened), or `max` for as fast as possible. Default `max`. */
  speed?: number | 'max';
  /** Start at the first event at or after this virtual time. */
  from?: SimTime;
  /** Stop after the last event at or before this virtual time. */
  to?: SimTime;
  onEvent: SimEventListener;
  signal?: AbortSignal;
  /** Wall clock used for pacing; defaults to performance.now and setTimeout. */
  wallClock?: ReplayWallClock;
}

export interface ReplayWallClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface PlayResult {
  events: number;
  lastT: SimTime | undefined;
  aborted: boolean;
}

export interface HashCheck {
  ok: boolean;
  expected: string | null;
  actual: string;
  /** One sentence on the outcome, for logs and the CLI. */
  explanation: string;
}

const PAGE = 2048;
/** In `max` mode, hand control back to the event loop this often so a long replay does not starve I/O. */
const YIELD_EVERY = 4096;

const systemClock: ReplayWallClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class Replay {
  private readonly page: Database.Statement<[number, number, number], { seq: number; line: string }>;
  private readonly seekStmt: Database.Statement<[number, number], { seq: number; line: string }>;

  constructor(
    readonly file: string,
    private readonly db: Database.Database,
    readonly run: RunInfo,
    private readonly ownsDb: boolean,
  ) {
    this.page = db.prepare('SELECT seq, line FROM events WHERE run_id = ? AND seq >= ? ORDER BY seq LIMIT ?');
    this.seekStmt = db.prepare('SELECT seq, line FROM events WHERE run_id = ? AND t >= ? ORDER BY t, seq LIMIT 1');
  }

  /** The canonical lines in seq order, starting at `fromSeq`. */
  *lines(fromSeq = 0): Generator<string> {
    let next = fromSeq;
    for (;;) {
      const rows = this.guard(() => this.page.all(this.run.id, next, PAGE));
      for (const row of rows) yield row.line;
      if (rows.length < PAGE) return;
      next = rows[rows.length - 1]!.seq + 1;
    }
  }

  /** The recorded events in order, optionally from the first one at or after virtual time `from`. */
  *events(options: { from?: SimTime } = {}): Generator<SimEvent> {
    for (const [event] of this.entries(options.from)) yield event;
  }

  private *entries(from: SimTime | undefined): Generator<[SimEvent, string]> {
    const start = from === undefined ? 0 : this.seek(from)?.seq;
    if (start === undefined) return;
    for (const line of this.lines(start)) yield [this.parse(line), line];
  }

  /** First event at or after virtual time `t` (an index lookup, not a scan), or undefined past the end. */
  seek(t: SimTime): SimEvent | undefined {
    const row = this.guard(() => this.seekStmt.get(this.run.id, t));
    return row === undefined ? undefined : this.parse(row.line);
  }

  /** Feeds the events to `onEvent`, paced against the wall clock at `speed`× the virtual time. */
  async play(options: PlayOptions): Promise<PlayResult> {
    const speed = options.speed ?? 'max';
    if (speed !== 'max' && !(speed > 0)) throw new Error(`replay speed must be a positive number or 'max', got ${speed}`);
    const clock = options.wallClock ?? systemClock;
    let count = 0;
    let lastT: SimTime | undefined;
    let anchor: { wall: number; t: SimTime } | undefined;
    for (const [event, line] of this.entries(options.from)) {
      if (options.signal?.aborted) return { events: count, lastT, aborted: true };
      if (options.to !== undefined && event.t > options.to) break;
      if (speed === 'max') {
        if (count > 0 && count % YIELD_EVERY === 0) await clock.sleep(0);
      } else {
        anchor ??= { wall: clock.now(), t: event.t };
        const due = anchor.wall + (event.t - anchor.t) / speed;
        const wait = due - clock.now();
        if (wait > 0) await clock.sleep(wait);
        if (options.signal?.aborted) return { events: count, lastT, aborted: true };
      }
      options.onEvent(event, line);
      count++;
      lastT = event.t;
    }
    return { events: count, lastT, aborted: false };
  }

  /** SHA-256 over the recorded lines, each followed by "\n": the eventHash of the stream as stored. */
  hash(): string {
    const hasher = createHash('sha256');
    for (const line of this.lines()) hasher.update(line + '\n');
    return hasher.digest('hex');
  }

  /** Recomputes the hash and compares it with the one stored when the run finished. */
  verify(): HashCheck {
    const actual = this.hash();
    const { eventHash, recordedHash, redactedFields, status } = this.run;
    const expected = redactedFields > 0 ? recordedHash : eventHash;
    const where = `${this.file} run ${this.run.id}`;
    if (expected === null) {
      return { ok: false, expected, actual, explanation: `${where} is ${status} and has no stored hash to compare with` };
    }
    if (actual !== expected) {
      return { ok: false, expected, actual, explanation: `${where}: the recorded events hash to ${actual}, not the stored ${expected}: the recording is incomplete or was altered` };
    }
    const note = redactedFields > 0 ? ` (${redactedFields} secret fields were removed, so it differs from the live eventHash by design)` : '';
    return { ok: true, expected, actual, explanation: `${where}: recorded events reproduce the stored hash${note}` };
  }

  /** Closes the file if openReplay opened it. */
  close(): void {
    if (this.ownsDb) this.db.close();
  }

  private parse(line: string): SimEvent {
    let raw: { seq: number; t: SimTime; type: string; source: string; data: SimEvent['data'] };
    try {
      raw = JSON.parse(line) as typeof raw;
    } catch (err) {
      throw asRecordingError(new Error(`a stored event line is not valid JSON (${(err as Error).message}); the recording is damaged`), this.file, this.run.id);
    }
    // A message's line holds its compact record; readers of a replay get the envelope, as live listeners do.
    return { seq: raw.seq, t: raw.t, type: raw.type, source: raw.source, data: eventDataOfLine(raw.type, raw.data) };
  }

  private guard<T>(read: () => T): T {
    try {
      return read();
    } catch (err) {
      throw asRecordingError(err, this.file, this.run.id);
    }
  }
}

/**
 * Opens run `runRef` (a number or `latest`) of a recording, given its file name or an open connection.
 * A missing file, a file that is not a recording, or a run that is not in it is a RecordingError naming both.
 */
export function openReplay(source: string | Database.Database, runRef: RunRef): Replay {
  const owns = typeof source === 'string';
  const db = owns ? openRecordingDatabase(source) : source;
  const file = owns ? source : db.name;
  try {
    return new Replay(file, db, getRun(db, file, runRef), owns);
  } catch (err) {
    if (owns) db.close();
    throw asRecordingError(err, file, runRef);
  }
}
