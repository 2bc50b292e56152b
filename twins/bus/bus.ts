// The message bus: carries envelopes hop by hop along the path of the integration architecture, on virtual
// time. Each hop waits for the sending gateway's processing and the link's latency, is retried by the link's
// retransmission policy when lost or refused, and records its span, attempts and payload format. When an
// envelope completes, exactly one canonical event is emitted: `msg.delivered` or `msg.failed` (the envelope as
// data, its compact record as the line, written as bytes) — a failed delivery is never silent. Hot path: one closure per message, one
// scheduler entry per hop (more only on retries), no cloning, no scans. A party marked external (externalize) is
// reached over a real wire: its hops take the latency measured there, and what is addressed to it leaves the run.
// Who receives what lives in endpoint-registry.ts and how one hop is carried in hop-transport.ts; this file is the
// message from launch to its end.
// Parties on the path may refuse a request at their own hop (BusOptions.checkpoint): it stops there, failed as
// `refused`, and the refusing party's response travels back along the part of the path the request crossed.
import { writeEnvelopeRecord } from './envelope-record';
import { Emitter } from '../kernel/emitter';
import type { JsonWriter } from '../kernel/json-writer';
import type { Json, KernelContext, RandomStream, Scheduler } from '../kernel/types';
import type {
  BusMessage,
  BusOptions,
  BusStats,
  EndpointHandler,
  EnvelopeListener,
  EnvelopePhase,
  ExternalParty,
  RequestOptions,
  SendCallbacks,
  TransitCheck,
  TransitRefusal,
} from './bus-types';
import { EndpointRegistry } from './endpoint-registry';
import type { Architecture, Envelope, FailureCode, Hop } from './envelope';
import { Flight, type FlightCarrier } from './flight';
import { detectFormat } from './formats';
import { HopTransport, type HopFailed } from './hop-transport';
import { LinkTable } from './links';
import { NO_GATEWAYS } from './nodes';
import { PendingRequests, type PendingRequest } from './pending-requests';
import { RouteTable, type Route } from './routes';
import { newSpanId, newTraceId } from './trace-ids';

export class MessageBus implements FlightCarrier {
  readonly links: LinkTable;
  readonly architecture: Architecture;
  private readonly routes: RouteTable;
  private readonly scheduler: Scheduler;
  private readonly events: KernelContext['events'];
  private readonly trace: RandomStream;
  /** Who receives what (endpoints, external parties, subscribers): a job of its own, see endpoint-registry.ts. */
  private readonly receivers = new EndpointRegistry();
  /** A hop's own mechanics (span, translation, link attempts, retries, external wires): see hop-transport.ts. */
  private readonly hops: HopTransport;
  private readonly listeners = new Emitter<EnvelopeListener>();
  private readonly pending: PendingRequests;
  private readonly canonicalData: ((envelope: Envelope) => { [key: string]: Json }) | undefined;
  private readonly checkpoint: TransitCheck | undefined;
  private seq = 0;
  private readonly counts = { sent: 0, delivered: 0, failed: 0 };

  constructor(options: BusOptions) {
    const { kernel } = options;
    this.scheduler = kernel.scheduler;
    this.events = kernel.events;
    this.trace = kernel.random.stream('trace');
    this.architecture = options.architecture;
    this.links = new LinkTable(kernel.random, kernel.scheduler, options.links);
    this.routes = new RouteTable(this.links, options.gateways ?? NO_GATEWAYS, options.topology);
    this.canonicalData = options.canonicalData;
    this.checkpoint = options.checkpoint;
    this.pending = new PendingRequests(kernel.scheduler);
    // One closure per bus, not per hop: the transport reports a hop it could not carry through it.
    const failHop: HopFailed = (f, status, reason, code) => this.failHop(f, status, reason, code);
    this.hops = new HopTransport(kernel.scheduler, this.trace, options.topology, this.receivers, failHop);
  }

  /** The handler for messages addressed to `address`; returns the function that unregisters it. */
  register(address: string, handler: EndpointHandler): () => void {
    return this.receivers.register(address, handler);
  }

  /** Mark `address` as a party outside the simulation (see EndpointRegistry.externalize). */
  externalize(address: string, party: ExternalParty): () => void {
    return this.receivers.externalize(address, party);
  }

  /** Observe every delivered message whose topic matches the MQTT-style filter (`+`, `#`). */
  subscribe(topicFilter: string, handler: EndpointHandler): () => void {
    return this.receivers.subscribe(topicFilter, handler);
  }

  /** Live view for UIs: called on send, on each hop delivery, on completion and on request timeouts. */
  onEnvelope(listener: EnvelopeListener): () => void {
    return this.listeners.on(listener);
  }

  send(msg: BusMessage, callbacks?: SendCallbacks): Envelope {
    return this.launch(msg, callbacks, undefined);
  }

  request(msg: BusMessage, options: RequestOptions): Envelope {
    const pending = this.pending.create(options);
    const env = this.launch(msg, undefined, pending);
    this.pending.watch(pending, env, (expired) => this.timeOut(expired));
    return env;
  }

  /** Answers a delivered request: same trace, a child span of the request, back along the request's path. */
  respond(request: Envelope, payload: Json, topic: string = request.topic): Envelope {
    if (request.status !== 'delivered') throw new Error(`bus: cannot respond to ${request.id}: it was not delivered (${request.status})`);
    const route = this.routes.reverse(this.routes.forPath(request.path, request.architecture));
    const msg: BusMessage = { source: request.destination, destination: request.source, topic, kind: 'response', payload };
    return this.launch(msg, undefined, undefined, route, request);
  }

  /** Forget cached routes after the topology changed (e.g. a phone now projects into another car). */
  invalidateRoutes(): void {
    this.routes.invalidate();
  }

  stats(): BusStats {
    const { sent, delivered, failed } = this.counts;
    return { sent, delivered, failed, inFlight: sent - delivered - failed };
  }

  private launch(msg: BusMessage, callbacks: SendCallbacks | undefined, pending: PendingRequest | undefined, route?: Route, answers?: Envelope): Envelope {
    const architecture = answers?.architecture ?? msg.architecture ?? this.architecture;
    route ??= this.routes.get(msg.source, msg.destination, architecture);
    const parent = answers ?? msg.causedBy;
    const parentSpanId = parent !== undefined ? parent.spanId : msg.parentSpanId;
    if (parentSpanId !== undefined && parent === undefined && msg.traceId === undefined) {
      // A span id alone cannot say which trace it belongs to; guessing would split the trace silently.
      throw new Error(`bus.send(${msg.topic}): parentSpanId ${parentSpanId} needs its traceId; or pass causedBy: <envelope>`);
    }
    const traceId = parent !== undefined ? parent.traceId : (msg.traceId ?? newTraceId(this.trace));
    const env: Envelope = {
      id: `m-${++this.seq}`,
      traceId,
      spanId: newSpanId(this.trace),
      source: msg.source,
      destination: msg.destination,
      topic: msg.topic,
      kind: msg.kind,
      payload: msg.payload,
      architecture,
      createdAt: this.scheduler.now(),
      path: route.path,
      hops: [],
      status: 'in-flight',
      // Declared up front (undefined is left out of canonical JSON) so every envelope keeps one object shape.
      parentSpanId,
      correlationId: answers?.id,
      completedAt: undefined,
      error: undefined,
      failure: undefined,
    };
    this.counts.sent++;
    const flight = new Flight(this, env, route, msg.payload, detectFormat(msg.payload), callbacks, pending);
    this.notify('sent', env, undefined);
    const refusal = route.error === undefined && this.checkpoint !== undefined && isRequest(env) ? this.checkpoint(env.source, env, msg.payload) : undefined;
    if (route.error !== undefined) this.fail(flight, route.error, 'no-route');
    // Refused by its own sender (a gateway checking what a controller posts through it): it never leaves.
    else if (refusal !== undefined) this.fail(flight, `refused by ${env.source}: ${refusal.reason}`, 'refused');
    else this.hops.start(flight);
    flight.launching = false;
    return env;
  }

  /** Scheduler entry point of a flight: either the current hop arrives, or its next attempt is due. */
  advance(f: Flight): void {
    if (f.arriving) this.arrive(f);
    else this.hops.attempt(f, 0);
  }

  private arrive(f: Flight): void {
    const hop = f.hop!;
    hop.status = 'delivered';
    hop.deliveredAt = this.scheduler.now();
    this.notify('hop', f.env, hop);
    if (f.hopIndex === f.route.hops.length - 1) return this.complete(f);
    const refusal = this.checkpoint !== undefined && isRequest(f.env) ? this.checkpoint(hop.to, f.env, f.payload) : undefined;
    if (refusal !== undefined) return this.refuseAt(f, refusal);
    f.hopIndex++;
    this.hops.start(f);
  }

  private complete(f: Flight): void {
    const env = f.env;
    const handler = this.receivers.receiverOf(env.destination);
    if (handler === undefined) {
      return this.fail(f, `no endpoint registered at ${env.destination}: call bus.register('${env.destination}', handler)`, 'no-endpoint');
    }
    env.status = 'delivered';
    env.completedAt = this.scheduler.now();
    this.counts.delivered++;
    this.emitEnvelope('msg.delivered', env);
    this.notify('delivered', env, undefined);
    this.receivers.notifySubscribers(env, f.payload);
    handler(env, f.payload);
    f.callbacks?.onDelivered?.(env, f.payload);
    if (env.correlationId !== undefined) {
      const pending = this.pending.settle(env.correlationId);
      pending?.onResponse(env, f.payload);
    }
  }

  /**
   * The node the current hop landed on refused the request: it fails there and then, and the node's response
   * travels back along the partial path (the request's pending answer waits for that response, not the failure).
   */
  private refuseAt(f: Flight, refusal: TransitRefusal): void {
    const env = f.env;
    const at = f.hop!.to;
    this.finishFailed(f, `refused by ${at}: ${refusal.reason}`, 'refused');
    if (f.pending === undefined) return;
    const back = this.routes.reverse(this.routes.forPath(env.path.slice(0, f.hopIndex + 2), env.architecture));
    this.launch({ source: at, destination: env.source, topic: env.topic, kind: 'response', payload: refusal.response }, undefined, undefined, back, env);
  }

  private failHop(f: Flight, status: 'lost' | 'failed', reason: string, code: FailureCode): void {
    const hop = f.hop!;
    hop.status = status;
    hop.error = reason;
    this.fail(f, reason, code);
  }

  private fail(f: Flight, reason: string, code: FailureCode): void {
    // Failures found while send() runs are reported a moment later, so callers never see callbacks re-enter.
    if (f.launching) {
      f.launching = false;
      this.scheduler.schedule(0, () => this.fail(f, reason, code));
      return;
    }
    const env = f.env;
    this.finishFailed(f, reason, code);
    if (f.pending !== undefined && this.pending.settle(env.id) === f.pending) f.pending.onFailure(reason, env);
    if (env.correlationId !== undefined) this.pending.settle(env.correlationId)?.onFailure(`the response failed: ${reason}`, env);
  }

  /** What every failure does, refusals included: the envelope ends failed, once, and its watchers hear of it. */
  private finishFailed(f: Flight, reason: string, code: FailureCode): void {
    const env = f.env;
    env.status = 'failed';
    env.completedAt = this.scheduler.now();
    env.error = reason;
    env.failure = code;
    this.counts.failed++;
    this.emitEnvelope('msg.failed', env);
    this.notify('failed', env, undefined);
    f.callbacks?.onFailure?.(reason, env);
  }

  /**
   * One canonical event per finished message. Its data is the envelope itself (live listeners read it as one);
   * its line is the compact record (envelope-record.ts), which readers of stored lines expand with envelopeOfRecord.
   */
  private emitEnvelope(type: 'msg.delivered' | 'msg.failed', env: Envelope): void {
    if (this.canonicalData !== undefined) this.events.emit(type, env.source, this.canonicalData(env));
    else this.events.emitWith(type, env.source, env, writeBusRecord);
  }

  private timeOut(pending: PendingRequest): void {
    const env = pending.request;
    if (!this.pending.isWaiting(pending)) return;
    this.pending.expire(pending);
    const reason = `no response to ${env.id} (${env.topic}) from ${env.destination} within ${pending.timeoutMs} ms`;
    const data = { ...env, status: 'failed' as const, failure: 'timeout' as const, error: reason, completedAt: this.scheduler.now() };
    this.emitEnvelope('msg.failed', data);
    this.notify('timeout', env, undefined);
    pending.onFailure(reason, env);
  }

  private notify(phase: EnvelopePhase, env: Envelope, hop: Hop | undefined): void {
    this.listeners.emit(phase, env, hop);
  }
}

/** Commands and queries meet the checkpoints on their path; responses and events pass unchecked. */
const isRequest = (env: Envelope): boolean => env.kind === 'command' || env.kind === 'query';

/** The bus's envelopes are compactable by construction (see writeEnvelopeRecord). */
const writeBusRecord = (w: JsonWriter, env: Envelope): void => writeEnvelopeRecord(w, env, true);

export function createBus(options: BusOptions): MessageBus {
  return new MessageBus(options);
}
