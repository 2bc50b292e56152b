// Mirrors a running simulation onto an MQTT broker (topic scheme: topics.ts, TOPICS.md):
//   - every twin's state, retained, on attach and on each `twin.state` change (and the car's VSS signals);
//   - the twins' domain events (doorbell pressed, alarm raised, prompt answered …), not retained;
//   - every bus envelope once it completes (delivered, failed, or its request timed out), with its W3C trace
//     context: MQTT 5 user properties `traceparent`/`tracestate`, or fields of the JSON body on MQTT 3.1.1.
// The mirror only observes: the simulation runs the same, and hashes the same, with or without it.
import type { Simulation } from '../../twins';
import { traceparentOf, type Envelope } from '../../twins/bus/envelope';
import type { MqttSession } from './mqtt-session';
import { TopicScheme, type EnvelopeOutcome } from './topics';
import { twinStatePayload, vehicleStatePayload, type JsonObject } from './twin-state';

export interface MirrorOptions {
  /** Mirror bus envelopes (default true). */
  envelopes?: boolean;
  /** Mirror twin states and events (default true). */
  twins?: boolean;
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

/** One finished envelope on its bus topic, with its W3C trace context (QoS 0: telemetry, high volume). */
export function publishEnvelope(session: MqttSession, topics: TopicScheme, env: Envelope, outcome: EnvelopeOutcome): void {
  const body = (outcome === 'timeout' ? { ...env, outcome } : { ...env }) as unknown as JsonObject;
  session.publish(topics.envelope(env, outcome), body, { qos: 0, trace: { traceparent: traceparentOf(env.traceId, env.spanId), tracestate: tracestateOf(env) } });
}

export function startMirror(sim: Simulation, session: MqttSession, topics: TopicScheme, options: MirrorOptions = {}): Mirror {
  const counts: MirrorStats = { states: 0, events: 0, envelopes: 0 };
  const stops: (() => void)[] = [];

  const publishTwin = (address: string): void => {
    const twin = sim.twin(address);
    if (twin === undefined) return;
    session.publish(topics.twin(address, 'state'), twinStatePayload(twin, sim.now), { qos: 1, retain: true });
    counts.states++;
    if (address.startsWith('vehicle/')) {
      const vehicleId = address.split('/')[1]!;
      const vehicle = sim.vehicles.get(vehicleId);
      if (vehicle !== undefined) session.publish(topics.twin(`vehicle/${vehicleId}`, 'state'), vehicleStatePayload(sim, vehicle, sim.now), { qos: 1, retain: true });
    }
  };

  const publishAllStates = (): void => {
    for (const home of sim.homes.values()) for (const device of home.devices.values()) publishTwin(device.id);
    for (const vehicle of sim.vehicles.values()) for (const part of Object.values(vehicle.parts)) publishTwin(part.id);
    for (const phone of sim.phones.values()) publishTwin(phone.id);
  };

  if (options.twins ?? true) {
    publishAllStates();
    stops.push(sim.kernel.events.onEvent((event) => {
      if (!TWIN_SOURCE.test(event.source)) return;
      if (event.type === 'twin.state') return publishTwin(event.source);
      if (NOT_DOMAIN_EVENTS.test(event.type) || sim.twin(event.source) === undefined) return;
      session.publish(topics.twin(event.source, 'event'), { type: event.type, data: event.data, t: event.t }, { qos: 0 });
      counts.events++;
    }));
  }

  if (options.envelopes ?? true) {
    stops.push(sim.bus.onEnvelope((phase, env) => {
      if (phase !== 'delivered' && phase !== 'failed' && phase !== 'timeout') return;
      publishEnvelope(session, topics, env, phase);
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
