// One run being recorded: buffers events (and the message rows derived from msg.* events) and writes them in
// batched transactions. Flushes happen from a timer, and also from record() itself once the oldest buffered
// event is older than the interval, because a simulation running flat out never yields to the event loop and
// the timer alone would then wait until the run ended.
import { createHash, type Hash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { SimEvent, SimEventListener } from '../../twins/kernel/event-log';
import type { WallClock } from '../../twins/kernel/pacer';
import type { Json } from '../../twins/kernel/types';
import { asRecordingError } from './database';
import { INSERT_MESSAGE_SQL, isMessageEvent, messageValues, type MessageValues } from './message-row';
import { RecordingError } from './recording-error';
import { redactLine, stripSecrets } from './redact';

export interface FlushInfo {
  runId: number;
  /** Events written by this flush. */
  rows: number;
  /** Highest seq now safely on disk. */
  lastSeq: number;
}

export interface ExpectationResult {
  id: string;
  passed: boolean;
  detail?: Json;
}

export interface RunResult {
  status: 'passed' | 'failed' | 'interrupted';
  /** EventLog.hash() of the live run. */
  eventHash: string;
  verdict?: Json;
  metrics?: Json;
  expectations?: readonly ExpectationResult[];
  endedAt?: Date;
}

export interface FinishReport {
  /** SHA-256 over the lines actually stored. */
  recordedHash: string;
  /** Secret fields removed before writing (each makes the stored stream differ from the live one). */
  redactedFields: number;
  /** True when the stored lines hash to the live eventHash: nothing was missed, nothing redacted. */
  complete: boolean;
}

/** What a RunRecorder needs from the Recorder that opened it. */
export interface RunRecorderHost {
  file: string;
  db: Database.Database;
  flushIntervalMs: number;
  maxBufferedRows: number;
  wallClock: WallClock;
  onFlush: ((flush: FlushInfo) => void) | undefined;
  release(runId: number): void;
}

type EventValues = [seq: number, t: number, type: string, source: string, line: string];

/** How many record() calls between two looks at the wall clock (reading it costs more than a row). */
const CLOCK_CHECK_EVERY = 64;

export class RunRecorder {
  private events: EventValues[] = [];
  private messages: MessageValues[] = [];
  private readonly hash: Hash = createHash('sha256');
  private redacted = 0;
  private oldestBufferedAt = 0;
  private sinceClockCheck = 0;
  private cancelTimer: (() => void) | undefined;
  private lastFlushedSeq = -1;
  private done = false;
  private failure: RecordingError | undefined;
  private readonly writeBatch: (events: EventValues[], messages: MessageValues[]) => void;

  constructor(
    readonly runId: number,
    private readonly host: RunRecorderHost,
  ) {
    const insertEvent = host.db.prepare('INSERT INTO events (run_id, seq, t, type, source, line) VALUES (?, ?, ?, ?, ?, ?)');
    const insertMessage = host.db.prepare(INSERT_MESSAGE_SQL);
    this.writeBatch = host.db.transaction((events: EventValues[], messages: MessageValues[]) => {
      for (const e of events) insertEvent.run(runId, e[0], e[1], e[2], e[3], e[4]);
      for (const m of messages) insertMessage.run(runId, ...m);
    });
  }

  /** Highest seq committed to the file, -1 before the first flush. */
  get flushedSeq(): number {
    return this.lastFlushedSeq;
  }

  get finished(): boolean {
    return this.done;
  }

  /** Records one event of the canonical stream (the arguments EventLog.onEvent gives its listeners). */
  record(event: SimEvent, line: string): void {
    this.assertWritable();
    const stored = redactLine(line);
    this.redacted += stored.removed;
    this.hash.update(stored.value + '\n');
    if (this.events.length === 0) this.startTimer();
    this.events.push([event.seq, event.t, event.type, event.source, stored.value]);
    if (isMessageEvent(event)) this.messages.push(messageValues(event).values);
    if (this.events.length >= this.host.maxBufferedRows) return this.flush();
    if (++this.sinceClockCheck >= CLOCK_CHECK_EVERY) {
      this.sinceClockCheck = 0;
      if (this.host.wallClock.now() - this.oldestBufferedAt >= this.host.flushIntervalMs) this.flush();
    }
  }

  /** A listener for EventLog.onEvent that records into this run. */
  readonly listener: SimEventListener = (event, line) => this.record(event, line);

  /** Writes the buffered events now, in one transaction. */
  flush(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    if (this.failure) throw this.failure;
    if (this.events.length === 0) return;
    const events = this.events;
    const messages = this.messages;
    try {
      this.writeBatch(events, messages);
    } catch (err) {
      // Nothing of the batch landed (the transaction rolled back); the run cannot continue consistently.
      this.failure = asRecordingError(err, this.host.file, this.runId);
      throw this.failure;
    }
    this.events = [];
    this.messages = [];
    this.lastFlushedSeq = events[events.length - 1]![0];
    this.host.onFlush?.({ runId: this.runId, rows: events.length, lastSeq: this.lastFlushedSeq });
  }

  /** Flushes, then stores the verdict, hashes, metrics and expectation results; the run is complete. */
  finish(result: RunResult): FinishReport {
    this.assertWritable();
    this.flush();
    const recordedHash = this.hash.digest('hex');
    const expectations = result.expectations ?? [];
    const db = this.host.db;
    const insertExpectation = db.prepare('INSERT OR REPLACE INTO expectations (run_id, id, passed, detail) VALUES (?, ?, ?, ?)');
    try {
      db.transaction(() => {
        db.prepare(
          `UPDATE runs SET status = ?, ended_at = ?, verdict = ?, event_hash = ?, recorded_hash = ?,
             redacted_fields = ?, metrics = ? WHERE id = ?`,
        ).run(
          result.status,
          (result.endedAt ?? new Date()).toISOString(),
          jsonOrNull(result.verdict),
          result.eventHash,
          recordedHash,
          this.redacted,
          jsonOrNull(result.metrics),
          this.runId,
        );
        for (const e of expectations) insertExpectation.run(this.runId, e.id, e.passed ? 1 : 0, detailText(e.detail));
      })();
    } catch (err) {
      throw asRecordingError(err, this.host.file, this.runId);
    } finally {
      this.release();
    }
    return { recordedHash, redactedFields: this.redacted, complete: this.redacted === 0 && recordedHash === result.eventHash };
  }

  /** Flushes what there is and marks the run `interrupted` (the Recorder closed before the run finished). */
  interrupt(): void {
    if (this.done) return;
    try {
      if (!this.failure) this.flush();
      this.host.db.prepare("UPDATE runs SET status = 'interrupted', ended_at = ? WHERE id = ? AND status = 'running'").run(new Date().toISOString(), this.runId);
    } finally {
      this.release();
    }
  }

  private release(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.done = true;
    this.host.release(this.runId);
  }

  private startTimer(): void {
    this.oldestBufferedAt = this.host.wallClock.now();
    this.sinceClockCheck = 0;
    this.cancelTimer ??= this.host.wallClock.setTimer(this.host.flushIntervalMs, () => {
      this.cancelTimer = undefined;
      // A timer has no caller to throw to: a failure is kept in this.failure and thrown by the next record() or
      // finish(). After the end nothing is buffered (or the kept failure is thrown again), so a late timer writes nothing.
      try {
        this.flush();
      } catch {
        /* kept in this.failure */
      }
    });
  }

  private assertWritable(): void {
    if (this.failure) throw this.failure;
    if (this.done) {
      throw new RecordingError(`${this.host.file}: run ${this.runId} is already finished; start a new run to record more events`, {
        file: this.host.file,
        runId: this.runId,
      });
    }
  }
}

function jsonOrNull(value: Json | undefined): string | null {
  return value === undefined ? null : JSON.stringify(stripSecrets(value).value);
}

function detailText(detail: Json | undefined): string | null {
  if (detail === undefined || detail === null) return null;
  return typeof detail === 'string' ? detail : JSON.stringify(stripSecrets(detail).value);
}
