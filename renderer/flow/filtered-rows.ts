// The rows the message table shows for a filter, kept up to date in proportion to what arrived: with no filter the
// log itself is the row list (nothing copied); with one, only messages appended since the last look are tested,
// plus the ones the log's change journal says changed since (a message can fail after it arrived, which matters to
// `failed only`). Evicted rows leave from the front by moving an offset, so no per-batch pass over the matches.
import type { Envelope } from '../../protocol';
import type { MessageLog } from '../state/message-log';
import { matchesFilter, type MessageFilter } from './parties';

/** What the table needs of its rows; a plain array is one. A row the log has since dropped reads as undefined. */
export interface MessageRows {
  readonly length: number;
  at(index: number): Envelope | undefined;
}

const isEmpty = (f: MessageFilter): boolean => f.party === '' && f.topic === '' && f.kind === '' && !f.failedOnly;

/** Index of the first element of sorted[from..] that is >= value. */
function lowerBound(sorted: readonly number[], from: number, value: number): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class FilteredRows {
  /** Sequence numbers (log.firstSeq-based) of the matching messages, ascending, from seqs[head]. */
  private seqs: number[] = [];
  private head = 0;
  private filter: MessageFilter | undefined;
  private epoch = -1;
  private scannedTo = 0;
  private changeCursor = 0;
  private version = -1;
  private view: MessageRows = [];

  constructor(private readonly log: MessageLog) {}

  /** The rows for this filter as of the log's current version. */
  rows(filter: MessageFilter): MessageRows {
    const log = this.log;
    if (isEmpty(filter)) {
      // By sequence number, so a table re-rendering on its own (a scroll) with this older view after the log dropped
      // old messages gets the same rows or nothing — never a row shifted into another's place.
      const first = log.firstSeq;
      const length = log.size;
      return { length, at: (i) => (i < 0 || i >= length ? undefined : log.at(first + i - log.firstSeq)) };
    }
    if (filter === this.filter && log.version === this.version) return this.view;
    const end = log.firstSeq + log.size;
    const changes = log.changesSince(this.changeCursor);
    if (filter !== this.filter || log.epoch !== this.epoch || changes === undefined) {
      this.seqs = [];
      this.head = 0;
      this.scannedTo = log.firstSeq;
    } else {
      // Messages seen before that changed since: one may now match (it failed) or no longer match.
      for (const seq of changes) if (seq >= log.firstSeq && seq < this.scannedTo) this.recheck(seq, filter);
    }
    this.changeCursor = log.changeCursor;
    for (let seq = Math.max(this.scannedTo, log.firstSeq); seq < end; seq++) {
      if (matchesFilter(log.at(seq - log.firstSeq)!, filter)) this.seqs.push(seq);
    }
    // Drop what the log evicted: they are at the front.
    this.head = lowerBound(this.seqs, this.head, log.firstSeq);
    if (this.head > 1024 && this.head * 2 > this.seqs.length) {
      this.seqs = this.seqs.slice(this.head);
      this.head = 0;
    }
    this.scannedTo = end;
    this.filter = filter;
    this.epoch = log.epoch;
    this.version = log.version;
    const { seqs, head } = this;
    const length = seqs.length - head;
    this.view = { length, at: (i) => (i < 0 || i >= length ? undefined : log.at(seqs[head + i]! - log.firstSeq)) };
    return this.view;
  }

  private recheck(seq: number, filter: MessageFilter): void {
    const m = this.log.at(seq - this.log.firstSeq);
    if (m === undefined) return;
    const at = lowerBound(this.seqs, this.head, seq);
    const present = this.seqs[at] === seq;
    const matches = matchesFilter(m, filter);
    if (matches && !present) this.seqs.splice(at, 0, seq);
    else if (!matches && present) this.seqs.splice(at, 1);
  }
}
