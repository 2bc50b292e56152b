// The messages of the current run as the flow view needs them: envelopes by id (the engine sends a message again
// whenever it changes), in the order they were first seen, capped so a long max-speed run cannot exhaust memory.
// Every update costs in proportion to the batch, not to the log: with 100k messages kept and 5k arriving each
// second, nothing here may walk or copy the whole log per batch, nor allocate more than a map entry per message
// (a trace of one message — most telemetry — is a number, not a set). Rows are addressed by a sequence number that
// never shifts (`firstSeq` moves when old ones are dropped), so views can keep indexes across evictions.
import { applyUpdate, type Envelope, type MessageBatch } from '../../protocol';

export const MAX_MESSAGES = 100_000;
/** Old messages are dropped in chunks of this many, so the rows under a user who scrolled up jump rarely. */
const EVICT_CHUNK = 5_000;
/** The change journal keeps at most this many entries; a reader further behind rescans (see changesSince). */
const JOURNAL_MAX = 20_000;

/**
 * Told of every message as the log takes it in, with what the log held for it before (undefined: new), so a figure
 * over the run (live latency, counts) can be kept up in O(1) per message instead of re-derived from the log.
 */
export interface MessageLogObserver {
  upsert(next: Envelope, previous: Envelope | undefined): void;
  /** The log started over (a new run): forget everything. */
  reset(): void;
}

export class MessageLog {
  /** entries[head] is the oldest kept message; evicted slots before it are cleared and compacted away lazily. */
  private entries: (Envelope | undefined)[] = [];
  private head = 0;
  /** Sequence number of entries[head]. */
  private base = 0;
  private readonly seqOf = new Map<string, number>();
  /** Sequence numbers of each trace's kept messages, ascending: a lone message's trace is its number. */
  private readonly traces = new Map<string, number | number[]>();
  /** Sequence numbers of kept messages that changed after they arrived (a hop delivered, a failure), in order. */
  private journal: number[] = [];
  /** How many journal entries were ever dropped from its front (journal[0] is entry number journalBase). */
  private journalBase = 0;
  private failedCount = 0;
  private epochCount = 0;
  /** Bumped on every change; the views re-derive what they show when it moves. */
  version = 0;
  total = 0;
  private readonly listeners = new Set<() => void>();
  private readonly observers: MessageLogObserver[] = [];

  /** Feeds `observer` every message from now on (call before the first batch to see them all). */
  observe(observer: MessageLogObserver): void {
    this.observers.push(observer);
  }

  /**
   * Takes in a batch: whole envelopes upserted by id, then updates merged into the copies held (an update for a
   * message not held — never received, or dropped as old — is skipped). Returns the envelopes as now held, in the
   * order taken in, for readers of the same batch (the map's layers).
   */
  apply(batch: MessageBatch): Envelope[] {
    if (batch.reset) this.reset();
    // Rows are in send order (issue 18): a batch lists messages by when they last changed, so new ones are taken
    // by send time. Across batches the engine's first sight of a message is its send, so appending keeps the order.
    const ordered = batch.envelopes.length > 1 ? [...batch.envelopes].sort((a, b) => a.createdAt - b.createdAt) : batch.envelopes;
    const taken: Envelope[] = [];
    for (const envelope of ordered) {
      const seq = this.seqOf.get(envelope.id);
      if (seq === undefined) {
        const next = this.base + this.size;
        this.seqOf.set(envelope.id, next);
        this.entries.push(envelope);
        this.addToTrace(envelope.traceId, next);
        this.failedCount += Number(envelope.status === 'failed');
        for (const o of this.observers) o.upsert(envelope, undefined);
      } else this.replace(seq, envelope);
      taken.push(envelope);
    }
    for (const update of batch.updates ?? []) {
      const seq = this.seqOf.get(update.id);
      if (seq === undefined) continue;
      const envelope = applyUpdate(this.entries[this.head + seq - this.base]!, update);
      if (envelope === undefined) continue;
      this.replace(seq, envelope);
      taken.push(envelope);
    }
    if (this.size > MAX_MESSAGES + EVICT_CHUNK) this.evict(this.size - MAX_MESSAGES);
    if (this.journal.length > JOURNAL_MAX) {
      const dropped = this.journal.length - JOURNAL_MAX / 2;
      this.journal = this.journal.slice(dropped);
      this.journalBase += dropped;
    }
    this.total = batch.total;
    this.changed();
    return taken;
  }

  /** A held message's new state. */
  private replace(seq: number, envelope: Envelope): void {
    const slot = this.head + seq - this.base;
    const previous = this.entries[slot]!;
    this.failedCount += Number(envelope.status === 'failed') - Number(previous.status === 'failed');
    this.entries[slot] = envelope;
    this.journal.push(seq);
    for (const o of this.observers) o.upsert(envelope, previous);
  }

  clear(): void {
    this.reset();
    this.changed();
  }

  get(id: string): Envelope | undefined {
    const seq = this.seqOf.get(id);
    return seq === undefined ? undefined : this.entries[this.head + seq - this.base];
  }

  /** The i-th kept envelope, oldest first. */
  at(index: number): Envelope | undefined {
    return index < 0 || index >= this.size ? undefined : this.entries[this.head + index];
  }

  /** Every kept envelope, oldest first (a copy: O(size), not for per-batch use). */
  all(): Envelope[] {
    return this.entries.slice(this.head) as Envelope[];
  }

  get size(): number {
    return this.entries.length - this.head;
  }

  /** Sequence number of at(0); grows as old messages are dropped. */
  get firstSeq(): number {
    return this.base;
  }

  /** Bumped when the log starts over (a new run): views that index into it rebuild then. */
  get epoch(): number {
    return this.epochCount;
  }

  /** Kept messages whose status is failed. */
  get failed(): number {
    return this.failedCount;
  }

  /** Where the change journal ends now: pass it to changesSince later to learn what changed in between. */
  get changeCursor(): number {
    return this.journalBase + this.journal.length;
  }

  /**
   * Sequence numbers of messages that changed after they arrived, since `cursor` (from changeCursor), oldest
   * first and possibly repeated or already evicted; undefined when the journal no longer reaches back that far.
   */
  changesSince(cursor: number): readonly number[] | undefined {
    return cursor < this.journalBase ? undefined : this.journal.slice(cursor - this.journalBase);
  }

  /** The kept messages of one trace, oldest first. */
  trace(traceId: string): Envelope[] {
    const seqs = this.traces.get(traceId);
    if (seqs === undefined) return [];
    const messages: Envelope[] = [];
    for (const seq of typeof seqs === 'number' ? [seqs] : seqs) {
      const m = this.at(seq - this.base);
      if (m !== undefined) messages.push(m);
    }
    return messages;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private addToTrace(traceId: string, seq: number): void {
    const seqs = this.traces.get(traceId);
    if (seqs === undefined) this.traces.set(traceId, seq);
    else if (typeof seqs === 'number') this.traces.set(traceId, [seqs, seq]);
    else seqs.push(seq);
  }

  /** Drops the `count` oldest messages. They are the oldest of their traces too, so they leave their traces' fronts. */
  private evict(count: number): void {
    const entries = this.entries;
    /** How many leave each trace of more than one message: one splice each, however long the trace. */
    const leaving = new Map<string, number>();
    for (let slot = this.head; slot < this.head + count; slot++) {
      const envelope = entries[slot]!;
      entries[slot] = undefined;
      this.seqOf.delete(envelope.id);
      this.failedCount -= Number(envelope.status === 'failed');
      if (typeof this.traces.get(envelope.traceId) === 'number') this.traces.delete(envelope.traceId);
      else leaving.set(envelope.traceId, (leaving.get(envelope.traceId) ?? 0) + 1);
    }
    for (const [traceId, n] of leaving) {
      const seqs = this.traces.get(traceId) as number[];
      if (n >= seqs.length) this.traces.delete(traceId);
      else seqs.splice(0, n);
    }
    this.head += count;
    this.base += count;
    // Compact once the dead front is as long as the kept part: one copy per ~MAX_MESSAGES arrivals, not per chunk.
    if (this.head >= MAX_MESSAGES) {
      this.entries = entries.slice(this.head);
      this.head = 0;
    }
  }

  private reset(): void {
    this.entries = [];
    this.head = 0;
    this.base = 0;
    this.seqOf.clear();
    this.traces.clear();
    this.journal = [];
    this.journalBase = 0;
    this.failedCount = 0;
    this.total = 0;
    this.epochCount++;
    for (const o of this.observers) o.reset();
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
