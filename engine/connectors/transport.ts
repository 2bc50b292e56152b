// The contract every wire to an external party meets (HTTP, MQTT, WebSocket): one request out with its trace
// context, one reply back, or a WireError saying which kind of failure it was (the bus records it as that
// FailureCode). Unsolicited messages from the party arrive through `listen`.
import type { FailureCode } from '../../twins/bus/envelope';
import type { Json } from '../../twins/kernel/types';
import type { WireReply, WireRequest } from './external-codecs';
import type { TraceContext } from './mqtt-session';
import type { WebhookRefusal } from './webhook-guard';

export class WireError extends Error {
  constructor(
    message: string,
    /** timeout: no reply in time; outage: could not reach the party; refused: it answered with an error. */
    readonly failure: Extract<FailureCode, 'timeout' | 'outage' | 'refused'>,
  ) {
    super(message);
  }
}

/** A message the party sent on its own; the returned JSON is its answer (webhook response body, …). */
export type InboundHandler = (body: Json, trace: TraceContext | undefined) => { status: number; body: Json };

/** A push the transport refused before it became a message (a webhook without the run's secret, from another site). */
export type InboundRefused = (refusal: WebhookRefusal) => void;

export interface Transport {
  /** `http http://127.0.0.1:8080`, `mqtt acme/home-cloud on mqtt://…`, `ws ws://…` (no secrets). */
  readonly label: string;
  /** Start: connect, start the webhook server … Throws ConnectorError when the endpoint is misconfigured. */
  open(onInbound: InboundHandler, onRefused?: InboundRefused): Promise<{ inboundUrl?: string }>;
  exchange(request: WireRequest, trace: TraceContext, timeoutMs: number): Promise<WireReply>;
  close(): Promise<void>;
}
