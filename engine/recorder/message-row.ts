// Turns a `msg.delivered` / `msg.failed` event (whose data is the whole Envelope) into a row of the messages
// table, so latency, trace and failure queries need not parse every event line. Secrets are stripped from the
// payload and from translated hop payloads, exactly as they are from the event line itself.
import type { Hop } from '../../twins/bus/envelope';
import type { SimEvent } from '../../twins/kernel/event-log';
import type { Json } from '../../twins/kernel/types';
import { stripSecrets } from './redact';

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
  hops: string,
  payload: string,
];

export const INSERT_MESSAGE_SQL =
  'INSERT INTO messages (run_id, seq, message_id, trace_id, span_id, parent_span_id, source, destination, topic, kind, ' +
  'architecture, status, failure, created_at, completed_at, e2e_ms, hops, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

/** True for the events that carry an envelope (`msg.*` with an id and hops). */
export function isMessageEvent(event: SimEvent): boolean {
  if (!event.type.startsWith('msg.')) return false;
  const data = event.data;
  return typeof data['id'] === 'string' && Array.isArray(data['hops']) && typeof data['createdAt'] === 'number';
}

/**
 * The messages row of an envelope event, and how many secret fields were removed on the way. `mayHoldSecrets`
 * false (the event's line holds no secret-like word at all) skips walking payload and hops for secrets.
 */
export function messageValues(event: SimEvent, mayHoldSecrets = true): { values: MessageValues; removed: number } {
  const env = event.data;
  const payload = mayHoldSecrets ? stripSecrets(env['payload'] ?? null) : { value: env['payload'] ?? null, removed: 0 };
  const hops = mayHoldSecrets ? stripSecrets(env['hops'] as Json[]) : { value: env['hops'] as Json[], removed: 0 };
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
    JSON.stringify(hops.value),
    JSON.stringify(payload.value),
  ];
  return { values, removed: payload.removed + hops.removed };
}

/** Latency of one hop in virtual ms, or undefined while it was in flight or lost. */
export function hopLatency(hop: Pick<Hop, 'sentAt' | 'deliveredAt'>): number | undefined {
  return hop.deliveredAt === undefined ? undefined : hop.deliveredAt - hop.sentAt;
}

function stringOr<T extends string | null>(value: Json | undefined, fallback: T): string | T {
  return typeof value === 'string' ? value : fallback;
}
