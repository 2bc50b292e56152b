// Matching scenario event patterns against the canonical stream. A source matches itself and everything under
// it (`vehicle/car1` matches `vehicle/car1/screen`), so a scenario can name the car rather than its parts.
// `data` is matched field by field (evaluate/field-matcher.ts); on a message event (msg.delivered, msg.failed)
// `payload` matches the payload as the sender wrote it and `delivered` the one that reached the destination,
// after the hub's translation between the vehicle cloud's and the home cloud's schemas.
import { deliveredPayload, type Envelope } from '../../twins/bus/envelope';
import { canonicalJson } from '../../twins/kernel/canonical-json';
import type { Json } from '../../twins/kernel/types';
import type { SimEvent } from '../../twins/kernel/event-log';
import { matchFields, type MatchContext } from './evaluate/field-matcher';

export interface EventPattern {
  type: string;
  source?: string | undefined;
  data?: Record<string, unknown> | undefined;
  payload?: Record<string, unknown> | undefined;
  delivered?: Record<string, unknown> | undefined;
}

export function matchesEvent(pattern: EventPattern, event: SimEvent, ctx: MatchContext = {}): boolean {
  if (event.type !== pattern.type) return false;
  if (pattern.source !== undefined && event.source !== pattern.source && !event.source.startsWith(`${pattern.source}/`)) return false;
  if (pattern.data !== undefined && !matchFields(pattern.data, event.data, ctx)) return false;
  if (pattern.payload !== undefined && !matchPayload(pattern.payload, event.data.payload, ctx)) return false;
  if (pattern.delivered !== undefined && !matchPayload(pattern.delivered, deliveredOf(event), ctx)) return false;
  return true;
}

const MAX_SHOWN = 120;

/** Only a message has a payload: on any other event, a payload matcher (even `{}`) does not match. */
function matchPayload(fields: Record<string, unknown>, payload: unknown, ctx: MatchContext): boolean {
  return payload !== undefined && matchFields(fields, payload, ctx);
}

/** The payload as it reached the destination; an event that is not a message has none. */
function deliveredOf(event: SimEvent): unknown {
  const data = event.data as unknown as Partial<Envelope>;
  if (data.payload === undefined) return undefined;
  return Array.isArray(data.hops) ? deliveredPayload(data as Envelope) : data.payload;
}

/** The pattern in a verdict's detail; a long matcher is cut (the scenario file has it whole). */
export function describePattern(pattern: EventPattern): string {
  const part = (label: string, fields: Record<string, unknown> | undefined): string => {
    if (fields === undefined) return '';
    const text = canonicalJson(fields as Json);
    return ` ${label}${text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text}`;
  };
  return `${pattern.type}${pattern.source ? ` from ${pattern.source}` : ''}${part('', pattern.data)}${part('payload ', pattern.payload)}${part('delivered ', pattern.delivered)}`;
}
