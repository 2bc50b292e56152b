// Builds canonical event streams for recorder tests with the real kernel EventLog (so lines and eventHash are
// exactly what a run produces), without a whole scenario: twins changing state, domain events, and message
// envelopes completing with their hops. Message and trace ids carry a prefix so tests can prove that two
// runs differing only in ids are equivalent.
import type { Envelope, Hop } from '../../../twins/bus/envelope';
import { createKernel, type Kernel } from '../../../twins/kernel';
import type { SimEvent } from '../../../twins/kernel/event-log';
import type { Json } from '../../../twins/kernel/types';

export interface SyntheticHop {
  from: string;
  to: string;
  link: string;
  latencyMs: number;
  payload?: Json;
}

export interface SyntheticMessage {
  source: string;
  destination: string;
  topic: string;
  kind?: Envelope['kind'];
  payload: Json;
  hops: SyntheticHop[];
  failure?: Envelope['failure'];
  /** Messages sharing a flow name share a trace id (a request and what it caused). */
  flow?: string;
}

export interface SyntheticRun {
  events: { event: SimEvent; line: string }[];
  hash: string;
}

export class RunBuilder {
  readonly kernel: Kernel;
  private messages = 0;
  private readonly traces = new Map<string, string>();

  constructor(
    seed = 1,
    private readonly idPrefix = 'a',
  ) {
    this.kernel = createKernel({ seed });
  }

  /** Moves virtual time forward to `t`. */
  at(t: number): this {
    this.kernel.clock.runUntil(t);
    return this;
  }

  twin(id: string, kind: string, state: string, changes: { [key: string]: Json } = {}): this {
    this.kernel.events.emit('twin.state', id, { kind, state, changes });
    return this;
  }

  event(type: string, source: string, data: { [key: string]: Json } = {}): this {
    this.kernel.events.emit(type, source, data);
    return this;
  }

  /** Emits the completion event of a message sent `sum of hop latencies` ago, as the bus would. */
  message(m: SyntheticMessage): this {
    const n = ++this.messages;
    const now = this.kernel.clock.now();
    const total = m.hops.reduce((sum, h) => sum + h.latencyMs, 0);
    const createdAt = now - total;
    const traceId = this.traceFor(m.flow ?? `solo-${n}`);
    let sentAt = createdAt;
    const hops: Hop[] = m.hops.map((h, index) => {
      const hop: Hop = {
        index, from: h.from, to: h.to, link: h.link, spanId: hex(`${this.idPrefix}s${n}h${index}`, 16), parentSpanId: hex(`${this.idPrefix}s${n}`, 16),
        sentAt, deliveredAt: sentAt + h.latencyMs, attempts: 1, status: 'delivered',
        ...(h.payload === undefined ? {} : { payload: h.payload }),
      };
      sentAt += h.latencyMs;
      return hop;
    });
    const failed = m.failure !== undefined;
    if (failed && hops.length > 0) hops[hops.length - 1]!.status = 'lost';
    const env: Envelope = {
      id: `${this.idPrefix}-m-${n}`, traceId, spanId: hex(`${this.idPrefix}s${n}`, 16), source: m.source, destination: m.destination,
      topic: m.topic, kind: m.kind ?? 'command', payload: m.payload, architecture: 'cloud-cloud', createdAt,
      path: [m.source, ...m.hops.map((h) => h.to)], hops, status: failed ? 'failed' : 'delivered', completedAt: now,
      ...(failed ? { failure: m.failure!, error: `lost on ${m.hops[m.hops.length - 1]?.link}` } : {}),
    };
    this.kernel.events.emit(failed ? 'msg.failed' : 'msg.delivered', m.source, env as unknown as { [key: string]: Json });
    return this;
  }

  /** Every event with its canonical line, and the eventHash (seals the log). */
  build(): SyntheticRun {
    const lines = this.kernel.events.lines();
    const events = lines.map((line) => {
      const raw = JSON.parse(line) as SimEvent;
      return { event: { seq: raw.seq, t: raw.t, type: raw.type, source: raw.source, data: raw.data }, line };
    });
    return { events, hash: this.kernel.events.hash() };
  }

  private traceFor(flow: string): string {
    let id = this.traces.get(flow);
    if (id === undefined) this.traces.set(flow, (id = hex(`${this.idPrefix}t${this.traces.size}`, 32)));
    return id;
  }
}

/** A deterministic hex string of `length` derived from `seed` (ids only need to be distinct and well-formed). */
function hex(seed: string, length: number): string {
  let h = 2166136261;
  let out = '';
  while (out.length < length) {
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619) >>> 0;
    h = Math.imul(h ^ out.length, 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

/** The three hops of "car turns on home AC" over cloud-to-cloud, with a latency scale for shift tests. */
export function cloudHops(car: string, device: string, latency: [number, number, number] = [40, 25, 15]): SyntheticHop[] {
  return [
    { from: car, to: 'cloud/vehicle', link: 'cellular', latencyMs: latency[0] },
    { from: 'cloud/vehicle', to: 'cloud/home', link: 'internet', latencyMs: latency[1] },
    { from: 'cloud/home', to: device, link: 'home-broadband', latencyMs: latency[2] },
  ];
}
