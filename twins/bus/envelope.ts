// The message envelope every party exchanges. One envelope per logical message; `hops` records each
// link it crosses, with W3C trace-context span ids so a flow can be followed across vehicle cloud,
// hub, home cloud and gateway exactly as an OpenTelemetry trace would show it.
import type { Json, SimTime } from '../kernel/types';

export type MessageKind = 'command' | 'response' | 'event' | 'query';

/** The four integration architectures of the seed report (§2.3). */
export type Architecture = 'cloud-cloud' | 'direct' | 'phone-proxy' | 'local';
export const ARCHITECTURES: readonly Architecture[] = ['cloud-cloud', 'direct', 'phone-proxy', 'local'];

export type HopStatus = 'in-flight' | 'delivered' | 'lost' | 'failed';

export interface Hop {
  index: number;
  from: string;
  to: string;
  /** Link model id, e.g. `cellular`, `internet`, `home-broadband`, `lan`, `projection`, `near-field`. */
  link: string;
  /** W3C span id (16 hex) of this hop; its parent is the previous hop's span (or the envelope's root span). */
  spanId: string;
  parentSpanId: string;
  sentAt: SimTime;
  deliveredAt?: SimTime;
  attempts: number;
  status: HopStatus;
  /** Payload schema after this hop (e.g. `vehicle-cloud/v1`, `home-cloud/v2`) when a gateway translated it. */
  format?: string;
  /** The payload as it left this hop, present only when a gateway changed it. */
  payload?: Json;
  /** True when the latency was measured on a real wire rather than drawn from a link model. */
  measured?: boolean;
  /** Why the hop failed, when it did. */
  error?: string;
}

export interface Envelope {
  /** Deterministic id (`m-<n>`), stable for the same seed and scenario. */
  id: string;
  /** W3C trace id (32 hex). Responses reuse the trace id of the request. */
  traceId: string;
  /** Root span of this message (16 hex). */
  spanId: string;
  /** Span of the message this one answers or was caused by, if any. */
  parentSpanId?: string;
  source: string;
  destination: string;
  topic: string;
  kind: MessageKind;
  payload: Json;
  /** For responses: id of the request envelope. */
  correlationId?: string;
  architecture: Architecture;
  createdAt: SimTime;
  /** Addresses the message crosses, source first, destination last. */
  path: readonly string[];
  hops: Hop[];
  status: 'in-flight' | 'delivered' | 'failed';
  /** When the message reached its destination or failed. */
  completedAt?: SimTime;
  /** Why the message failed, in words a user can act on, when it did. */
  error?: string;
  /** Machine-readable class of the failure, for failure-rate breakdowns. */
  failure?: FailureCode;
}

/** Classes of failed delivery: each is a `msg.failed` event in the canonical stream, never silence. */
export type FailureCode =
  | 'no-route'
  | 'lost'
  | 'outage'
  | 'gateway-offline'
  | 'out-of-range'
  | 'untranslatable'
  | 'no-endpoint'
  | 'timeout'
  /**
   * An external party (a real endpoint outside the simulation) answered with a refusal or an error, or a party on
   * the path refused the message at its hop (a security check): its response comes back from there.
   */
  | 'refused';

/** `traceparent` header value (W3C Trace Context, version 00, sampled). */
export function traceparentOf(traceId: string, spanId: string): string {
  return `00-${traceId}-${spanId}-01`;
}

/** The payload as it reached the destination: the last translated form, else the original. */
export function deliveredPayload(env: Envelope): Json {
  for (let i = env.hops.length - 1; i >= 0; i--) {
    const p = env.hops[i]!.payload;
    if (p !== undefined) return p;
  }
  return env.payload;
}
