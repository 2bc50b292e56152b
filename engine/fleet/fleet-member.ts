// One car or home of the fleet on the wire: its DeviceClient, its behaviour, and how it answers commands like a
// real device — apply the command to its state, publish the new state, reply to the sender's reply topic with
// the sender's correlation id (MQTT 5 response topic + correlation data when the command carried them, the
// JSON's `replyTo`/`correlationId` otherwise: NATS's MQTT listener speaks 3.1.1 only).
import type { Packet } from 'mqtt';
import type { RandomStream } from '../../twins/kernel/types';
import { DeviceClient } from './device-client';
import type { FleetMember, MqttVersion } from './fleet-plan';
import type { FleetCommand, FleetReply, FleetTopics } from './fleet-topics';
import { HomeBehaviour } from './home-behaviour';
import { VehicleBehaviour } from './vehicle-behaviour';

/** Payloads above this are not commands of ours: dropped unread (a hostile peer on a shared broker). */
export const MAX_COMMAND_BYTES = 16 * 1024;

export interface MemberEvents {
  /** A reply to one of this member's commands arrived. */
  onReply(reply: FleetReply): void;
  /** Counts for the report. */
  onHandled(ok: boolean): void;
  onMalformed(): void;
}

export class FleetParty {
  readonly client: DeviceClient;
  readonly vehicle: VehicleBehaviour | undefined;
  readonly home: HomeBehaviour | undefined;
  nextTelemetryAt = 0;
  telemetryPublished = 0;

  constructor(
    readonly member: FleetMember,
    private readonly topics: FleetTopics,
    version: MqttVersion,
    random: RandomStream,
    private readonly events: MemberEvents,
    /** PEM of the CA that signed the broker's certificate (mqtts://, wss://), when not a public one. */
    ca?: Buffer | undefined,
  ) {
    if (member.kind === 'vehicle') this.vehicle = new VehicleBehaviour(random, member.index);
    else this.home = new HomeBehaviour(random);
    this.client = new DeviceClient({
      member,
      version,
      availabilityTopic: topics.availability(member.kind, member.id),
      subscriptions: [topics.command(member.kind, member.id), topics.reply(member.kind, member.id)],
      onMessage: (topic, payload, packet) => this.onMessage(topic, payload, packet),
      ca,
    });
  }

  get stateTopic(): string {
    return this.topics.state(this.member.kind, this.member.id);
  }

  /** Advances the behaviour by `seconds` and publishes the state (QoS 0: telemetry is high volume). */
  publishState(seconds: number): void {
    if (!this.client.connected) return;
    const state = this.vehicle ? { signals: this.vehicle.advance(seconds) } : { entities: this.home!.advance(seconds) };
    this.client.publish(this.stateTopic, JSON.stringify({ id: this.member.id, ...state, t: Date.now() }), { qos: 0 });
    this.telemetryPublished++;
  }

  private onMessage(topic: string, payload: Buffer, packet: Packet): void {
    if (payload.length > MAX_COMMAND_BYTES) return this.events.onMalformed();
    let body: unknown;
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch {
      return this.events.onMalformed();
    }
    if (typeof body !== 'object' || body === null) return this.events.onMalformed();
    if (topic.endsWith('/reply')) {
      const reply = body as Partial<FleetReply>;
      if (typeof reply.correlationId !== 'string' || typeof reply.ok !== 'boolean') return this.events.onMalformed();
      return this.events.onReply(reply as FleetReply);
    }
    this.answer(body as Partial<FleetCommand>, packet);
  }

  private answer(command: Partial<FleetCommand>, packet: Packet): void {
    const props = 'properties' in packet ? (packet.properties as { responseTopic?: string; correlationData?: Buffer } | undefined) : undefined;
    const replyTo = props?.responseTopic ?? command.replyTo;
    const correlationId = props?.correlationData?.toString('utf8') ?? command.correlationId;
    if (typeof replyTo !== 'string' || typeof correlationId !== 'string' || typeof command.command !== 'string' || replyTo.includes('#') || replyTo.includes('+')) {
      return this.events.onMalformed();
    }
    const args = typeof command.args === 'object' && command.args !== null ? command.args : undefined;
    const outcome = this.vehicle ? this.vehicle.apply(command.command, args) : this.home!.apply(command.command, args);
    this.events.onHandled(outcome.ok);
    if (outcome.ok) this.publishState(0);
    const reply: FleetReply = {
      correlationId,
      ok: outcome.ok,
      ...(outcome.ok ? { state: this.vehicle ? { ...this.vehicle.signals } : { ...this.home!.state } } : { error: outcome.error }),
      ...(typeof command.traceparent === 'string' ? { traceparent: command.traceparent } : {}),
    };
    this.client.publish(replyTo, JSON.stringify(reply), {
      qos: 1,
      ...(props?.correlationData ? { properties: { correlationData: props.correlationData } } : {}),
    });
  }
}
