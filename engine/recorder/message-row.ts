// Turns a `msg.delivered` / `msg.failed` event (its data the Envelope, or its compact record when read back from a
// line: the scalar fields are the same in both) into a row of the messages table: the scalar columns latency,
// trace and failure queries need. The payload and hops stay in the event line (already stripped of secrets),
// which readers join on seq — storing them twice doubled the database.
import type { Hop } from '../../twins/bus/envelope';
import { envelopeOfRecord, isEnvelopeRecord } from '../../twins/bus/envelope-record';
import type { SimEvent } from '../../twins/kernel/event-log';
import type { Json } from '../../twins/kernel/types';
import type { MessageRow } from './schema';

/** Column values in the order of INSERT_MESSAGE_SQL (after run_id). */
export type MessageValues = [
  seq: number,
  messageId: string,
  traceId: string,
  spanId: string,
  parentSpanId: string | null,
  source: string,
  destination: string,
  topic: string,
  kind: string,
  architecture: string | null,
  status: string,
  failure: string | null,
  createdAt: number,
  completedAt: number | null,
  e2eMs: number | null,
];

export const INSERT_MESSAGE_SQL =
  'INSERT INTO messages (run_id, seq, message_id, trace_id, span_id, parent_span_id, source, destination, topic, kind, ' +
  'architecture, status, failure, created_at, completed_at, e2e_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

/** True for the events that carry an envelope (`msg.*` with an id and hops). */
export function isMessageEvent(event: SimEvent): boolean {
  return event.type.startsWith('msg.') && isEnvelopeRecord(event.data);
}

/** The messages row of an envelope event. */
export function messageValues(event: SimEvent): { values: MessageValues } {
  const env = event.data;
  const createdAt = env['createdAt'] as number;
  const completedAt = typeof env['completedAt'] === 'number' ? env['completedAt'] : null;
  const values: MessageValues = [
    event.seq,
    env['id'] as string,
    stringOr(env['traceId'], ''),
    stringOr(env['spanId'], ''),
    stringOr(env['parentSpanId'], null),
    stringOr(env['source'], event.source),
    stringOr(env['destination'], ''),
    stringOr(env['topic'], ''),
    stringOr(env['kind'], ''),
    stringOr(env['architecture'], null),
    stringOr(env['status'], event.type === 'msg.failed' ? 'failed' : 'delivered'),
    stringOr(env['failure'], null),
    createdAt,
    completedAt,
    completedAt === null ? null : completedAt - createdAt,
  ];
  return { values };
}

/** Hops and payload of a recorded message, from its (secret-stripped) event line: a compact record or, in
 *  recordings made before it, the whole envelope. */
export function envelopeOfLine(line: string): { hops: Hop[]; payload: Json } {
  const data = (JSON.parse(line) as { data: { [key: string]: Json } }).data;
  const env = isEnvelopeRecord(data) ? envelopeOfRecord(data) : undefined;
  return { hops: env?.hops ?? [], payload: env?.payload ?? null };
}

/** Messages of a run with the line of the event that completed each (and whether it is JSON), in seq order. */
export const MESSAGES_WITH_LINES_SQL =
  'SELECT m.*, e.line AS line, json_valid(e.line) AS line_valid FROM messages m JOIN events e ON e.run_id = m.run_id AND e.seq = m.seq WHERE m.run_id = ? ORDER BY m.seq';

/** A row of MESSAGES_WITH_LINES_SQL. */
export type MessageWithLine = MessageRow & { line: string; line_valid: 0 | 1 };

/** Latency of one hop in virtual ms, or undefined while it was in flight or lost. */
export function hopLatency(hop: Pick<Hop, 'sentAt' | 'deliveredAt'>): number | undefined {
  return hop.deliveredAt === undefined ? undefined : hop.deliveredAt - hop.sentAt;
}

function stringOr<T extends string | null>(value: Json | undefined, fallback: T): string | T {
  return typeof value === 'string' ? value : fallback;
}
