// The table's rows follow the log as batches arrive and old messages are dropped, for any filter, without ever
// showing an evicted message or missing a new one; a new run starts the rows over.
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../protocol';
import { MAX_MESSAGES, MessageLog } from '../state/message-log';
import { FilteredRows } from './filtered-rows';
import { NO_FILTER } from './parties';

const envelope = (i: number, status: Envelope['status'] = 'delivered'): Envelope => ({
  id: `m-${i}`, traceId: `t-${i % 3}`, kind: i % 2 === 0 ? 'event' : 'command', topic: i % 2 === 0 ? 'vehicle/state_changed' : 'climate/set_temperature',
  source: 'vehicle/car1', destination: 'vehicle-cloud', status, hops: [], createdAt: i,
} as unknown as Envelope);

const ids = (rows: { length: number; at(i: number): Envelope | undefined }): string[] => Array.from({ length: rows.length }, (_, i) => rows.at(i)!.id);

describe('FilteredRows', () => {
  it('appends new matches, sees a message that failed later, and starts over on a new run', () => {
    const log = new MessageLog();
    const rows = new FilteredRows(log);
    const commands = { ...NO_FILTER, kind: 'command' as const };
    log.apply({ envelopes: [0, 1, 2, 3].map((i) => envelope(i)), total: 4, reset: true });
    expect(ids(rows.rows(commands))).toEqual(['m-1', 'm-3']);
    log.apply({ envelopes: [envelope(5), envelope(2, 'failed')], total: 6, reset: false });
    expect(ids(rows.rows(commands))).toEqual(['m-1', 'm-3', 'm-5']);
    expect(ids(rows.rows({ ...NO_FILTER, failedOnly: true }))).toEqual(['m-2']);
    expect(log.failed).toBe(1);
    expect(ids(rows.rows(NO_FILTER))).toEqual(['m-0', 'm-1', 'm-2', 'm-3', 'm-5']);
    expect(log.trace('t-2').map((e) => e.id)).toEqual(['m-2', 'm-5']);
    log.apply({ envelopes: [envelope(7)], total: 1, reset: true });
    expect(ids(rows.rows(commands))).toEqual(['m-7']);
    expect(log.failed).toBe(0);
  });

  it('drops evicted messages from the rows and the log keeps its cap', () => {
    const log = new MessageLog();
    const rows = new FilteredRows(log);
    const events = { ...NO_FILTER, kind: 'event' as const };
    let next = 0;
    const batch = (n: number): void => void log.apply({ envelopes: Array.from({ length: n }, () => envelope(next++)), total: next, reset: next === n });
    batch(2_000);
    expect(rows.rows(events).length).toBe(1_000);
    while (next < MAX_MESSAGES + 20_000) batch(2_000);
    expect(log.size).toBeLessThanOrEqual(MAX_MESSAGES + 5_000);
    const view = rows.rows(events);
    expect(view.length).toBe(log.size / 2);
    expect(view.at(0)!.id).toBe(`m-${log.firstSeq}`);
    expect(view.at(view.length - 1)!.id).toBe(`m-${next - 2}`);
    expect(log.get('m-0')).toBeUndefined();
    expect(log.trace('t-0').length).toBeLessThanOrEqual(log.size);
  });

  it('keeps one filter\'s rows current as messages fail after they arrived, without rescanning', () => {
    const log = new MessageLog();
    const rows = new FilteredRows(log);
    const failedOnly = { ...NO_FILTER, failedOnly: true };
    log.apply({ envelopes: [0, 1, 2, 3].map((i) => envelope(i)), total: 4, reset: true });
    expect(ids(rows.rows(failedOnly))).toEqual([]);
    log.apply({ envelopes: [envelope(3, 'failed'), envelope(4), envelope(1, 'failed')], total: 5, reset: false });
    expect(ids(rows.rows(failedOnly))).toEqual(['m-1', 'm-3']);
    log.apply({ envelopes: [envelope(5, 'failed'), envelope(2, 'failed')], total: 6, reset: false });
    expect(ids(rows.rows(failedOnly))).toEqual(['m-1', 'm-2', 'm-3', 'm-5']);
    // A retried message that no longer reads as failed leaves the rows.
    log.apply({ envelopes: [envelope(3)], total: 6, reset: false });
    expect(ids(rows.rows(failedOnly))).toEqual(['m-1', 'm-2', 'm-5']);
    expect(log.failed).toBe(3);
  });

  it('keeps each trace\'s messages in order as old ones are dropped', () => {
    const log = new MessageLog();
    let next = 0;
    const batch = (n: number): void => void log.apply({ envelopes: Array.from({ length: n }, () => envelope(next++)), total: next, reset: next === n });
    while (next < MAX_MESSAGES + 12_000) batch(2_000);
    const trace = log.trace('t-1');
    expect(trace.length).toBe(log.all().filter((m) => m.traceId === 't-1').length);
    expect(trace[0]!.id).toBe(`m-${log.firstSeq + ((1 - (log.firstSeq % 3) + 3) % 3)}`);
    expect(trace.every((m, i) => i === 0 || Number(m.id.slice(2)) === Number(trace[i - 1]!.id.slice(2)) + 3)).toBe(true);
    expect(log.at(0)!.id).toBe(`m-${log.firstSeq}`);
    expect(log.all().length).toBe(log.size);
  });
});
