// A trace as Jaeger draws it: one span per message (sent → delivered or failed) and, under it, one span per hop it
// crossed, each placed on a time axis from the trace's first send. Two traces compare hop by hop: the same hop
// (`from → to` over a link) in each, with the difference in its duration.
import type { Envelope } from '../../../protocol';
import type { Hop } from '../../../twins/bus/envelope';

export interface SpanRow {
  key: string;
  /** Message spans have depth 0, their hops depth 1. */
  depth: 0 | 1;
  label: string;
  /** ms after the trace's start. */
  start: number;
  /** undefined while in flight. */
  duration: number | undefined;
  status: Envelope['status'] | Hop['status'];
  envelope: Envelope;
  hop?: Hop;
}

export interface TraceLayout {
  traceId: string;
  start: number;
  /** From the first send to the last arrival (or to the latest send when something is still in flight). */
  duration: number;
  rows: SpanRow[];
}

export function layoutTrace(traceId: string, messages: readonly Envelope[]): TraceLayout {
  if (messages.length === 0) return { traceId, start: 0, duration: 0, rows: [] };
  const start = Math.min(...messages.map((m) => m.createdAt));
  let end = start;
  const rows: SpanRow[] = [];
  for (const m of [...messages].sort((a, b) => a.createdAt - b.createdAt)) {
    const done = m.completedAt;
    end = Math.max(end, done ?? m.createdAt, ...m.hops.map((h) => h.deliveredAt ?? h.sentAt));
    rows.push({
      key: m.id, depth: 0, label: `${m.kind} ${m.topic}`, start: m.createdAt - start,
      duration: done === undefined ? undefined : done - m.createdAt, status: m.status, envelope: m,
    });
    for (const hop of m.hops) {
      rows.push({
        key: `${m.id}/${hop.index}`, depth: 1, label: `${hop.from} → ${hop.to} (${hop.link})`, start: hop.sentAt - start,
        duration: hop.deliveredAt === undefined ? undefined : hop.deliveredAt - hop.sentAt, status: hop.status, envelope: m, hop,
      });
    }
  }
  return { traceId, start, duration: end - start, rows };
}

export interface HopComparison {
  hop: string;
  a: number | undefined;
  b: number | undefined;
  /** b − a in ms, when both have the hop delivered. */
  delta: number | undefined;
}

/** The hops of two traces side by side, in the order they first appear (A's, then those only B has). */
export function compareTraces(a: TraceLayout, b: TraceLayout): HopComparison[] {
  const durations = (t: TraceLayout): Map<string, number | undefined> => {
    const map = new Map<string, number | undefined>();
    for (const row of t.rows) {
      if (row.depth !== 1) continue;
      // A hop repeated in one trace (a request and its answer cross the same link) is told apart by occurrence.
      let key = `${row.envelope.kind} ${row.label}`;
      for (let i = 2; map.has(key); i++) key = `${row.envelope.kind} ${row.label} #${i}`;
      map.set(key, row.duration);
    }
    return map;
  };
  const da = durations(a);
  const db = durations(b);
  return [...new Set([...da.keys(), ...db.keys()])].map((hop) => {
    const x = da.get(hop);
    const y = db.get(hop);
    return { hop, a: x, b: y, delta: x !== undefined && y !== undefined ? y - x : undefined };
  });
}

/** The newest `limit` distinct traces of the log, newest first, each with its first message. */
export function recentTraces(log: { size: number; at(i: number): Envelope | undefined }, limit = 40): Envelope[] {
  const seen = new Map<string, Envelope>();
  for (let i = log.size - 1; i >= 0 && seen.size < limit; i--) {
    const m = log.at(i)!;
    seen.set(m.traceId, m); // walking backwards, the last set is the trace's earliest message kept
  }
  return [...seen.values()];
}
