// The rows the message table shows for a filter, kept up to date in proportion to what arrived: with no filter the
// log itself is the row list (nothing copied); with one, only messages appended since the last look are tested.
// A `failed only` filter is the exception (a message can fail after it arrived), so it rescans — failures are
// what such a user is hunting, and the scan is linear, not per row rendered.
import type { Envelope } from '../../protocol';
import type { MessageLog } from '../state/message-log';
import { matchesFilter, type MessageFilter } from './parties';

/** What the table needs of its rows; a plain array is one. A row the log has since dropped reads as undefined. */
export interface MessageRows {
  readonly length: number;
  at(index: number): Envelope | undefined;
}

const isEmpty = (f: MessageFilter): boolean => f.party === '' && f.topic === '' && f.kind === '' && !f.failedOnly;

export class FilteredRows {
  /** Sequence numbers (log.firstSeq-based) of the matching messages, ascending. */
  private seqs: number[] = [];
  private filter: MessageFilter | undefined;
  private epoch = -1;
  private scannedTo = 0;
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
    if (filter !== this.filter || log.epoch !== this.epoch || filter.failedOnly) {
      this.seqs = [];
      this.scannedTo = log.firstSeq;
    }
    for (let seq = Math.max(this.scannedTo, log.firstSeq); seq < end; seq++) {
      if (matchesFilter(log.at(seq - log.firstSeq)!, filter)) this.seqs.push(seq);
    }
    // Drop what the log evicted (it does so in chunks, so this rarely finds anything).
    if (this.seqs.length > 0 && this.seqs[0]! < log.firstSeq) this.seqs = this.seqs.filter((s) => s >= log.firstSeq);
    this.scannedTo = end;
    this.filter = filter;
    this.epoch = log.epoch;
    this.version = log.version;
    const seqs = this.seqs;
    this.view = { length: seqs.length, at: (i) => (i < 0 || i >= seqs.length ? undefined : log.at(seqs[i]! - log.firstSeq)) };
    return this.view;
  }
}
