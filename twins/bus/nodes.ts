// What the bus needs to know about the gateways a message crosses, without depending on how they are modelled:
// each gateway twin (twins/gateways/) keeps a NodeCondition object up to date in place, and the bus reads it on
// every hop. Reading a few fields of an object found once per route keeps the hot path free of lookups.
import type { Json, SimTime } from '../kernel/types';
import type { Envelope, FailureCode } from './envelope';

export interface NodeCondition {
  /** Null while the node passes traffic; otherwise why it refuses a hop (the failure reason after retries). */
  refusal: string | null;
  /** Failure class reported when the refusal makes a message fail. */
  refusalCode: FailureCode;
  /** Time the node spends on a message before forwarding it. */
  processingMs: number;
  /** Added to every hop leaving the node while it is degraded. */
  extraLatencyMs: number;
  /** Added to the loss probability of hops touching the node while it is degraded. */
  extraLoss: number;
}

export interface TranslationContext {
  envelope: Envelope;
  /** The node the message came from and the node it goes to next. */
  from: string;
  to: string;
  now: SimTime;
}

export type TranslationResult = { ok: true; payload: Json; format: string } | { ok: false; error: string };

export interface PayloadTranslator {
  /**
   * Also applied to messages the node itself sends (a brand cloud writes its own schema toward the hub); the hub
   * only translates what passes through it.
   */
  atOrigin?: boolean;
  translate(payload: Json, format: string, context: TranslationContext): TranslationResult;
}

/** Gateways known to the bus. Every method is called once per route, never per message. */
export interface GatewayDirectory {
  /** Condition of the node at `address`, or undefined for plain endpoints (cars, devices). */
  node(address: string): NodeCondition | undefined;
  /**
   * Condition of the interface a node uses for one link type, when it can fail on its own: the home gateway's
   * WAN uplink (home-broadband), a phone's projection session, a home's near-field radio.
   */
  linkInterface(address: string, linkId: string): NodeCondition | undefined;
  /** The translator a node applies to messages passing through it (the hub), if any. */
  translator(address: string): PayloadTranslator | undefined;
}

/** A directory with no gateways: every node always passes traffic untouched. */
export const NO_GATEWAYS: GatewayDirectory = {
  node: () => undefined,
  linkInterface: () => undefined,
  translator: () => undefined,
};
