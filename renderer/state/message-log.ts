// The messages of the current run as the flow view needs them: envelopes by id (the engine sends a message again
// whenever it changes), in the order they were first seen, capped so a long max-speed run cannot exhaust memory.
// Every update costs in proportion to the batch, not to the log: with 100k messages kept and 5k arriving each
// second, nothing here may walk or copy the whole log per batch, nor allocate more than a map entry per message
// (a trace of one message — most telemetry — is a number, not a set). Rows are addressed by a sequence number that
// never shifts (`firstSeq` moves when old ones are dropped), so views can keep indexes across evictions.
// An update is merged into the envelope held, in place, and its common strings are pooled (message-interner.ts): a
// new envelope per update, each with its own copies of the same strings, made the young generation copy every
// message several times and filled the old one — the collections behind the flow view's long frames. So a held
// envelope's identity says nothing about its state: views compare `revision(seq)`, which moves at every change.
import { mergeUpdate, type Envelope, type MessageBatch } from '../../protocol';
import { MessageInterner } from './message-interner';

export const MAX_MESSAGES = 100_000;
/** Old messages are dropped in chunks of this many, so the rows under a user who scrolled up jump rarely. */
const EVICT_CHUNK = 5_000;
/** The change journal keeps at most this many entries; a reader further behind rescans (see changesSince). */
const JOURNAL_MAX = 20_000;

/** What a held message was before a change: the fields a change can move that observers count by. */
export interface PreviousState {
  readonly status: Envelope['status'];
  readonly completedAt: number | undefined;
  readonly kind: Envelope['kind'];
  readonly createdAt: number;
}

/**
 * Told of every message as the log takes it in, with what the log held for it before (undefined: new), so a figure
 * over the run (live latency, counts) can be kept up in O(1) per message instead of re-derived from the log.
 * `previous` is valid during the call only (the log reuses it).
 */
export interface MessageLogObserver {
  upsert(next: Envelope, previous: PreviousState | undefined): void;
  /** The log started over (a new run): forget everything. */
  reset(): void;
}

export class MessageLog {
  /** entries[head] is the oldest kept message; evicted slots before it are cleared and compacted away lazily. */
  private entries: (Envelope | undefined)[] = [];
  /** revisions[slot]: how many times entries[slot] changed since it arrived (small integers: no heap objects). */
  private revisions: number[] = [];
  private readonly interner = new MessageInterner();
  /** Reused for every change told to observers, so a change allocates nothing for them. */
  private readonly before = { status: 'in-flight' as Envelope['status'], completedAt: undefined as number | undefined, kind: 'event' as Envelope['kind'], createdAt: 0 };
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
      this.interner.envelope(envelope);
      if (seq === undefined) {
        const next = this.base + this.size;
        this.seqOf.set(envelope.id, next);
        this.entries.push(envelope);
        this.revisions.push(0);
        this.addToTrace(envelope.traceId, next);
        this.failedCount += Number(envelope.status === 'failed');
        for (const o of this.observers) o.upsert(envelope, undefined);
      } else this.replace(seq, envelope);
      taken.push(envelope);
    }
    for (const update of batch.updates ?? []) {
      const seq = this.seqOf.get(update.id);
      if (seq === undefined) continue; // never held, or dropped as old: an update does not bring it back
      const slot = this.head + seq - this.base;
      const held = this.entries[slot]!;
      const was = this.remember(held);
      if (Array.isArray(update.hops) && Number.isInteger(update.hopsFrom)) this.interner.hops(update.hops, update.hopsFrom > 0 ? held.hops[update.hopsFrom - 1]?.spanId : held.spanId);
      const changedHop = update.changedHop;
      if (typeof changedHop === 'object' && changedHop !== null && changedHop.status !== undefined) changedHop.status = this.interner.string(changedHop.status);
      if (!mergeUpdate(held, update)) continue;
      held.status = this.interner.string(held.status);
      this.changedAt(slot, seq, held, was);
      taken.push(held);
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

  /** A held message's new state, whole (a page that re-attached gets its messages whole again). */
  private replace(seq: number, envelope: Envelope): void {
    const slot = this.head + seq - this.base;
    const was = this.remember(this.entries[slot]!);
    this.entries[slot] = envelope;
    this.changedAt(slot, seq, envelope, was);
  }

  /** The scratch `before` filled from `held` as it is now, before a change. */
  private remember(held: Envelope): PreviousState {
    const b = this.before;
    b.status = held.status;
    b.completedAt = held.completedAt;
    b.kind = held.kind;
    b.createdAt = held.createdAt;
    return b;
  }

  private changedAt(slot: number, seq: number, now: Envelope, was: PreviousState): void {
    this.failedCount += Number(now.status === 'failed') - Number(was.status === 'failed');
    this.revisions[slot]!++;
    this.journal.push(seq);
    for (const o of this.observers) o.upsert(now, was);
  }

  clear(): void {
    this.reset();
    this.changed();
  }

  get(id: string): Envelope | undefined {
    const seq = this.seqOf.get(id);
    return seq === undefined ? undefined : this.entries[this.head + seq - this.base];
  }

  /**
   * How many times the message with sequence number `seq` changed since it arrived (held envelopes change in place:
   * a view that skips unchanged messages compares this, not the envelope). -1 when not held.
   */
  revision(seq: number): number {
    const index = seq - this.base;
    return index < 0 || index >= this.size ? -1 : this.revisions[this.head + index]!;
  }

  /** Sequence number of a held message, by id. */
  seqOfId(id: string): number | undefined {
    return this.seqOf.get(id);
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
      this.revisions = this.revisions.slice(this.head);
      this.head = 0;
    }
  }

  private reset(): void {
    this.entries = [];
    this.revisions = [];
    this.interner.clear();
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
