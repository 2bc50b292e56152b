// One simulated car or home as its own MQTT client: its own client id and session, keepalive, a retained
// `offline` last will on its availability topic and a retained `online` on every connect. Dropped connections
// come back through the project's ReconnectBackoff (capped, jittered) rather than mqtt.js's fixed period, so
// thousands of clients that lost the same node do not return in step.
import mqtt, { type IClientPublishOptions, type MqttClient, type Packet } from 'mqtt';
import { ReconnectBackoff } from '../connectors/reconnect-backoff';
import type { FleetMember, MqttVersion } from './fleet-plan';

export interface DeviceClientOptions {
  member: FleetMember;
  version: MqttVersion;
  availabilityTopic: string;
  /** Topics subscribed after every connect (QoS 1). */
  subscriptions: string[];
  onMessage(topic: string, payload: Buffer, packet: Packet): void;
  keepaliveS?: number | undefined;
  connectTimeoutMs?: number | undefined;
  /** PEM of the CA that signed the broker's certificate, for mqtts:// and wss:// with a private CA. */
  ca?: Buffer | undefined;
}

/** Why a connection attempt failed, for the report. */
export type ConnectFailure = 'refused' | 'unreachable' | 'timeout' | 'closed' | 'tls';

export class DeviceClient {
  readonly client: MqttClient;
  connected = false;
  everConnected = false;
  /** From the first attempt to the first CONNACK (monotonic clock). */
  firstConnectMs: number | undefined;
  readonly failures: Partial<Record<ConnectFailure, number>> = {};
  private readonly backoff = new ReconnectBackoff({ initialDelayMs: 500, maxDelayMs: 30_000 });
  private readonly startedAt = performance.now();
  private closing = false;
  /** This attempt already failed with a reason: its 'close' is not a second failure. */
  private attemptFailed = false;
  private firstOutcome: ((ok: boolean) => void) | undefined;

  constructor(private readonly options: DeviceClientOptions) {
    const { member, version } = options;
    this.client = mqtt.connect(member.broker, {
      clientId: member.clientId,
      protocolVersion: version,
      clean: true,
      keepalive: options.keepaliveS ?? 30,
      connectTimeout: options.connectTimeoutMs ?? 10_000,
      // Our backoff decides when to come back (see the file comment); mqtt.js must not reconnect by itself.
      reconnectPeriod: 0,
      will: { topic: options.availabilityTopic, payload: Buffer.from('offline'), qos: 1, retain: true },
      ...(options.ca !== undefined ? { ca: options.ca } : {}),
    });
    this.client.on('connect', () => this.onConnect());
    this.client.on('message', (topic, payload, packet) => options.onMessage(topic, payload, packet));
    this.client.on('error', (err) => {
      this.attemptFailed = true;
      this.count(classify(err));
    });
    this.client.on('close', () => this.onClose());
  }

  /** Resolves true once first connected and subscribed, false when the first attempt fails (retries go on). */
  firstAttempt(): Promise<boolean> {
    if (this.everConnected) return Promise.resolve(true);
    return new Promise((resolve) => (this.firstOutcome = resolve));
  }

  publish(topic: string, payload: string, options: IClientPublishOptions, done?: (err?: Error) => void): void {
    this.client.publish(topic, payload, options, (err) => done?.(err ?? undefined));
  }

  /** A clean goodbye: `offline` retained, then DISCONNECT (the will is not sent on a clean disconnect). */
  async close(): Promise<void> {
    this.closing = true;
    this.backoff.cancel();
    if (this.connected) {
      await new Promise<void>((resolve) => this.client.publish(this.options.availabilityTopic, 'offline', { qos: 1, retain: true }, () => resolve()));
    }
    await new Promise<void>((resolve) => this.client.end(false, {}, () => resolve()));
  }

  /** A crash: the socket is destroyed without DISCONNECT, so the broker sends the last will. */
  kill(): void {
    this.closing = true;
    this.backoff.cancel();
    this.client.stream?.destroy();
    this.client.end(true);
  }

  private onConnect(): void {
    this.connected = true;
    if (!this.everConnected) this.firstConnectMs = performance.now() - this.startedAt;
    this.everConnected = true;
    this.backoff.reset();
    const stream = this.client.stream as { setNoDelay?: (on: boolean) => void } | undefined;
    stream?.setNoDelay?.(true);
    this.client.publish(this.options.availabilityTopic, 'online', { qos: 1, retain: true });
    // Ready only once the broker confirmed the subscriptions: a command sent to a client that is connected but
    // not yet subscribed would be lost, and counted against the broker.
    if (this.options.subscriptions.length === 0) return this.settleFirst(true);
    this.client.subscribe(this.options.subscriptions, { qos: 1 }, (err) => this.settleFirst(err === null || err === undefined));
  }

  private onClose(): void {
    const wasConnected = this.connected;
    this.connected = false;
    if (this.closing) return;
    if (!wasConnected && !this.attemptFailed) this.count('closed');
    this.attemptFailed = false;
    this.settleFirst(false);
    this.backoff.schedule(() => {
      if (!this.closing) this.client.reconnect();
    });
  }

  private settleFirst(ok: boolean): void {
    const settle = this.firstOutcome;
    this.firstOutcome = undefined;
    settle?.(ok);
  }

  private count(reason: ConnectFailure): void {
    this.failures[reason] = (this.failures[reason] ?? 0) + 1;
  }
}

function classify(err: Error & { code?: unknown }): ConnectFailure {
  if (typeof err.code === 'number') return 'refused'; // a CONNACK with a refusal code
  // The broker's certificate is not trusted (self-signed, private CA without --broker-ca, wrong host name).
  if (typeof err.code === 'string' && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/.test(err.code)) return 'tls';
  if (err.code === 'ECONNREFUSED' || err.code === 'ENOTFOUND' || err.code === 'EHOSTUNREACH' || err.code === 'ECONNRESET') return 'unreachable';
  if (/timeout/i.test(err.message)) return 'timeout';
  return 'unreachable';
}
