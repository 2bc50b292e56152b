// Mirrors a running simulation onto an MQTT broker (topic scheme: topics.ts, TOPICS.md):
//   - every twin's state, retained, on attach and on each `twin.state` change (and the car's VSS signals);
//   - the twins' domain events (doorbell pressed, alarm raised, prompt answered …), not retained;
//   - every bus envelope once it completes (delivered, failed, or its request timed out).
// Every message carries W3C trace context (MQTT 5 user properties `traceparent`/`tracestate`, or fields of the
// JSON body on MQTT 3.1.1), with the run's wire ids (wire-ids.ts): an envelope its own root span; a state the
// message just delivered to the twin that changed (its last hop's span), else — an initial state, a timer, a
// doorbell press — a root span derived from the seed and the event.
// The mirror only observes: the simulation runs the same, and hashes the same, with or without it.
import type { Simulation } from '../../twins';
import type { Envelope } from '../../twins/bus/envelope';
import type { MqttSession, TraceContext } from './mqtt-session';
import { TopicScheme, type EnvelopeOutcome } from './topics';
import { twinStatePayload, vehicleStatePayload, type JsonObject } from './twin-state';
import { WireIds, eventSpanIds } from './wire-ids';

export interface MirrorOptions {
  /** Mirror bus envelopes (default true). */
  envelopes?: boolean;
  /** Mirror twin states and events (default true). */
  twins?: boolean;
  /** The run's wire ids (default: a fresh random salt). */
  wire?: WireIds;
}

export interface MirrorStats {
  states: number;
  events: number;
  envelopes: number;
}

export interface Mirror {
  stats(): MirrorStats;
  /** Republish every twin's retained state (after a broker lost its retained store, or for a late subscriber). */
  publishAllStates(): void;
  stop(): void;
}

const TWIN_SOURCE = /^(home|vehicle|phone)\//;
const NOT_DOMAIN_EVENTS = /^(twin\.|msg\.|sim\.)/;

/** The W3C `tracestate` Twinbench adds: its own message id, so a trace tool can link back to the run. */
export function tracestateOf(env: Envelope): string {
  return `twinbench=${env.id}`;
}

/** One finished envelope on its bus topic, ids as the wire has them, with its W3C trace context (QoS 0: telemetry). */
export function publishEnvelope(session: MqttSession, topics: TopicScheme, env: Envelope, outcome: EnvelopeOutcome, wire: WireIds): void {
  const onWire = wire.envelope(env);
  const body = (outcome === 'timeout' ? { ...onWire, outcome } : onWire) as unknown as JsonObject;
  session.publish(topics.envelope(env, outcome), body, { qos: 0, trace: { traceparent: wire.traceparent(env.traceId, env.spanId), tracestate: tracestateOf(env) } });
}

/** The span a message published without an envelope of its own continues: see the file's head. */
class StateCauses {
  /** The last envelope delivered to each address, and when: the twin's state changes in that same instant. */
  private readonly delivered = new Map<string, Envelope>();
  private snapshots = 0;

  constructor(private readonly sim: Simulation, private readonly wire: WireIds) {}

  noteDelivered(env: Envelope): void {
    this.delivered.set(env.destination, env);
  }

  /** Trace context of a twin's state or event at `t`; `seq` is the event's, absent for a republished snapshot. */
  of(address: string, t: number, seq: number | undefined): TraceContext {
    const cause = this.delivered.get(address) ?? this.delivered.get(address.split('/').slice(0, 2).join('/'));
    if (seq !== undefined && cause !== undefined && cause.completedAt === t) {
      const last = cause.hops[cause.hops.length - 1];
      return { traceparent: this.wire.traceparent(cause.traceId, last?.spanId ?? cause.spanId), tracestate: tracestateOf(cause) };
    }
    // Snapshots count down from -1 so their ids never meet an event's.
    const ids = eventSpanIds(this.sim.spec.seed, { seq: seq ?? -++this.snapshots });
    return { traceparent: this.wire.traceparent(ids.traceId, ids.spanId) };
  }
}

export function startMirror(sim: Simulation, session: MqttSession, topics: TopicScheme, options: MirrorOptions = {}): Mirror {
  const counts: MirrorStats = { states: 0, events: 0, envelopes: 0 };
  const stops: (() => void)[] = [];
  const wire = options.wire ?? new WireIds();
  const causes = new StateCauses(sim, wire);

  const publishTwin = (address: string, trace: TraceContext): void => {
    const twin = sim.twin(address);
    if (twin === undefined) return;
    session.publish(topics.twin(address, 'state'), twinStatePayload(twin, sim.now), { qos: 1, retain: true, trace });
    counts.states++;
    if (address.startsWith('vehicle/')) {
      const vehicleId = address.split('/')[1]!;
      const vehicle = sim.vehicles.get(vehicleId);
      if (vehicle !== undefined) session.publish(topics.twin(`vehicle/${vehicleId}`, 'state'), vehicleStatePayload(sim, vehicle, sim.now), { qos: 1, retain: true, trace });
    }
  };

  const publishAllStates = (): void => {
    if (!(options.twins ?? true)) return; // states are not mirrored: nothing retained to say again
    // One snapshot, one trace: what a late subscriber or a restarted broker is told is one act of the connector.
    const trace = causes.of('', sim.now, undefined);
    for (const home of sim.homes.values()) for (const device of home.devices.values()) publishTwin(device.id, trace);
    for (const vehicle of sim.vehicles.values()) for (const part of Object.values(vehicle.parts)) publishTwin(part.id, trace);
    for (const phone of sim.phones.values()) publishTwin(phone.id, trace);
  };

  // Before the listeners below, so that a state change in the instant of a delivery finds its cause.
  stops.push(sim.bus.onEnvelope((phase, env) => {
    if (phase === 'delivered') causes.noteDelivered(env);
  }));

  if (options.twins ?? true) {
    publishAllStates();
    stops.push(sim.kernel.events.onEvent((event) => {
      if (!TWIN_SOURCE.test(event.source)) return;
      if (event.type === 'twin.state') return publishTwin(event.source, causes.of(event.source, event.t, event.seq));
      if (NOT_DOMAIN_EVENTS.test(event.type) || sim.twin(event.source) === undefined) return;
      const trace = causes.of(event.source, event.t, event.seq);
      session.publish(topics.twin(event.source, 'event'), { type: event.type, data: event.data, t: event.t }, { qos: 0, trace });
      counts.events++;
    }));
  }

  if (options.envelopes ?? true) {
    stops.push(sim.bus.onEnvelope((phase, env) => {
      if (phase !== 'delivered' && phase !== 'failed' && phase !== 'timeout') return;
      publishEnvelope(session, topics, env, phase, wire);
      counts.envelopes++;
    }));
  }

  return {
    stats: () => ({ ...counts }),
    publishAllStates,
    stop() {
      for (const stop of stops.splice(0)) stop();
    },
  };
}
