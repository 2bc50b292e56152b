// The fleet's topic scheme (documented in engine/connectors/TOPICS.md, "Fleet mode"). One function per topic so
// the car, the home and the command driver cannot spell a topic two ways.
import type { FleetKind } from './fleet-plan';

export const FLEET_TOPIC_ROOT = 'twinbench/v1/fleet';

export interface FleetTopics {
  /** Retained `online` / `offline`; `offline` is the client's last will. */
  availability(kind: FleetKind, id: string): string;
  /** Cars: VSS telemetry. Homes: device state. Published periodically and after every command. */
  state(kind: FleetKind, id: string): string;
  /** Commands to this party (endpoint-direct: the sender publishes straight to the device). */
  command(kind: FleetKind, id: string): string;
  /** Where this party's commands are answered (MQTT 5 response topic, or `replyTo` in the JSON). */
  reply(kind: FleetKind, id: string): string;
}

export function fleetTopics(root = FLEET_TOPIC_ROOT): FleetTopics {
  const base = (kind: FleetKind, id: string): string => `${root}/${kind}/${id}`;
  return {
    availability: (kind, id) => `${base(kind, id)}/availability`,
    state: (kind, id) => `${base(kind, id)}/${kind === 'vehicle' ? 'telemetry' : 'state'}`,
    command: (kind, id) => `${base(kind, id)}/command`,
    reply: (kind, id) => `${base(kind, id)}/reply`,
  };
}

/** A command on the wire (JSON). `replyTo`/`correlationId` are always present: MQTT 3.1.1 has no properties. */
export interface FleetCommand {
  command: string;
  args?: Record<string, unknown> | undefined;
  from: string;
  correlationId: string;
  replyTo: string;
  /** W3C trace context of the command. */
  traceparent: string;
}

export interface FleetReply {
  correlationId: string;
  ok: boolean;
  /** The device's state after applying the command. */
  state?: Record<string, unknown> | undefined;
  error?: string | undefined;
  traceparent?: string | undefined;
}
