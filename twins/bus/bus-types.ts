// The bus's public contract: what senders, endpoints, observers and the runner pass to and get from it.
import type { Json, KernelContext, SimTime } from '../kernel/types';
import type { Architecture, Envelope, FailureCode, Hop, MessageKind } from './envelope';
import type { LinkModel } from './links';
import type { GatewayDirectory } from './nodes';
import type { PathTopology } from './paths';

export interface BusTopology extends PathTopology {
  /** Whether the car is within near-field / LAN range of the home at virtual time `t` (local architecture). */
  isLocalReachable(vehicleId: string, homeId: string, t: SimTime): boolean;
}

export interface BusMessage {
  source: string;
  destination: string;
  topic: string;
  kind: MessageKind;
  payload: Json;
  /** The message this one answers or was caused by: continues its trace as a child of its root span. */
  causedBy?: Envelope;
  /** Or name the parent span and its trace explicitly (e.g. from a `traceparent` header). */
  parentSpanId?: string;
  traceId?: string;
  /** Overrides the bus's architecture for this one message (comparing architectures in one run). */
  architecture?: Architecture;
}

/** `payload` is the payload as delivered to this endpoint, i.e. after any translation on the way. */
export type EndpointHandler = (envelope: Envelope, payload: Json) => void;

export interface SendCallbacks {
  onDelivered?(envelope: Envelope, payload: Json): void;
  onFailure?(reason: string, envelope: Envelope): void;
}

export interface RequestOptions {
  timeoutMs: number;
  onResponse(response: Envelope, payload: Json): void;
  /** The request or its response failed, or no response came within `timeoutMs`. */
  onFailure(reason: string, envelope: Envelope): void;
}

export type EnvelopePhase = 'sent' | 'hop' | 'delivered' | 'failed' | 'timeout';
export type EnvelopeListener = (phase: EnvelopePhase, envelope: Envelope, hop: Hop | undefined) => void;

/** A party on a request's path refused it at its hop: why, and the response it sends back from there. */
export interface TransitRefusal {
  reason: string;
  response: Json;
}

/**
 * Called when a command or query (never a response or an event) leaves its source, and when its hop lands on an
 * intermediate node (never at the destination, whose own endpoint decides): the node at `at` may refuse it there,
 * at that moment.
 */
export type TransitCheck = (at: string, envelope: Envelope, payload: Json) => TransitRefusal | undefined;

export interface BusOptions {
  kernel: KernelContext;
  architecture: Architecture;
  topology: BusTopology;
  /** Link model overrides by link id (e.g. `{ cellular: { loss: 0.05 } }`). */
  links?: { [linkId: string]: Partial<LinkModel> };
  /** Gateway twins whose state affects delivery (twins/gateways createGatewayFleet); none by default. */
  gateways?: GatewayDirectory;
  /**
   * Data of the one canonical event per envelope; the whole envelope with its hops by default. Serialising and
   * hashing ~1 KB per message dominates a busy run, so a run that needs speed may record less.
   */
  canonicalData?: (envelope: Envelope) => { [key: string]: Json };
  /** The checks parties on the path make at their own hop (the security checkpoints); none by default. */
  checkpoint?: TransitCheck;
}

export interface BusStats {
  sent: number;
  delivered: number;
  failed: number;
  inFlight: number;
}

/** How a real wire carried one hop into an external party: the latency measured on it, or why it failed. */
export type WireOutcome =
  | { ok: true; latencyMs: number }
  | { ok: false; latencyMs: number; error: string; failure: FailureCode };

/**
 * A party that lives outside the simulation (engine/connectors): hops into it cross a real wire instead of a link
 * model, and envelopes addressed to it go to `deliver` instead of an in-simulation endpoint.
 */
export interface ExternalParty {
  /**
   * Carry `envelope` across `hop` into the party; call `done` exactly once. The hop arrives `latencyMs` of virtual
   * time after it was sent (or at once, if virtual time already ran past that while the wire was busy).
   */
  carry(envelope: Envelope, hop: Hop, payload: Json, done: (outcome: WireOutcome) => void): void;
  deliver: EndpointHandler;
}
