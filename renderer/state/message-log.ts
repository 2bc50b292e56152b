// The messages of the current run as the flow view needs them: envelopes by id (the engine sends a message again
// whenever it changes), in the order they were first seen, capped so a long max-speed run cannot exhaust memory.
// Every update costs in proportion to the batch, not to the log: with 100k messages kept and 5k arriving each
// second, nothing here may walk the whole log per batch. Rows are addressed by a sequence number that never
// shifts (`firstSeq` moves when old ones are dropped), so views can keep indexes across evictions.
import type { Envelope, MessageBatch } from '../../protocol';

export const MAX_MESSAGES = 100_000;
/** Old messages are dropped in chunks of this many, so eviction is not an array shift per batch. */
const EVICT_CHUNK = 5_000;

export class MessageLog {
  private entries: Envelope[] = [];
  /** Sequence number of entries[0]. */
  private base = 0;
  private readonly seqOf = new Map<string, number>();
  private readonly traces = new Map<string, Set<string>>();
  private failedCount = 0;
  private epochCount = 0;
  /** Bumped on every change; the views re-derive what they show when it moves. */
  version = 0;
  total = 0;
  private readonly listeners = new Set<() => void>();

  apply(batch: MessageBatch): void {
    if (batch.reset) this.reset();
    for (const envelope of batch.envelopes) {
      const seq = this.seqOf.get(envelope.id);
      if (seq === undefined) {
        this.seqOf.set(envelope.id, this.base + this.entries.length);
        this.entries.push(envelope);
        this.traceOf(envelope.traceId).add(envelope.id);
      } else {
        this.failedCount -= Number(this.entries[seq - this.base]!.status === 'failed');
        this.entries[seq - this.base] = envelope;
      }
      this.failedCount += Number(envelope.status === 'failed');
    }
    if (this.entries.length > MAX_MESSAGES + EVICT_CHUNK) this.evict(this.entries.length - MAX_MESSAGES);
    this.total = batch.total;
    this.changed();
  }

  clear(): void {
    this.reset();
    this.changed();
  }

  get(id: string): Envelope | undefined {
    const seq = this.seqOf.get(id);
    return seq === undefined ? undefined : this.entries[seq - this.base];
  }

  /** The i-th kept envelope, oldest first. */
  at(index: number): Envelope | undefined {
    return index < 0 ? undefined : this.entries[index];
  }

  /** Every kept envelope, oldest first (a copy: O(size), not for per-batch use). */
  all(): Envelope[] {
    return [...this.entries];
  }

  get size(): number {
    return this.entries.length;
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

  /** The kept messages of one trace, oldest first. */
  trace(traceId: string): Envelope[] {
    return [...(this.traces.get(traceId) ?? [])].map((id) => this.get(id)!).filter((e) => e !== undefined);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private traceOf(traceId: string): Set<string> {
    let ids = this.traces.get(traceId);
    if (ids === undefined) this.traces.set(traceId, (ids = new Set()));
    return ids;
  }

  private evict(count: number): void {
    for (const envelope of this.entries.splice(0, count)) {
      this.seqOf.delete(envelope.id);
      this.failedCount -= Number(envelope.status === 'failed');
      const ids = this.traces.get(envelope.traceId);
      ids?.delete(envelope.id);
      if (ids?.size === 0) this.traces.delete(envelope.traceId);
    }
    this.base += count;
  }

  private reset(): void {
    this.entries = [];
    this.base = 0;
    this.seqOf.clear();
    this.traces.clear();
    this.failedCount = 0;
    this.total = 0;
    this.epochCount++;
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
