// One connection to an MQTT broker, shared by the mirror, Home Assistant discovery and MQTT external parties.
// - Protocol: tries MQTT 5 and falls back to 3.1.1 when the broker refuses it (aedes does), so trace context can
//   travel as user properties where the broker allows and inside the JSON payload where it does not.
// - The first connection must succeed: any failure then is one ConnectorError naming the broker and the cause.
// - Afterwards the session reconnects by itself with exponential backoff and jitter; what is published meanwhile
//   waits in a bounded queue (drops counted and reported), and subscriptions are renewed on every reconnect.
import type { IClientPublishOptions, IPublishPacket, MqttClient } from 'mqtt';
import type { Json } from '../../twins/kernel/types';
import { topicMatches } from '../../twins/bus/topics';
import { Emitter } from '../../twins/kernel/emitter';
import type { ResolvedBroker } from './broker-config';
import { describeNetworkError } from './connector-error';
import { UNACCEPTABLE_PROTOCOL, connectError, noDelay, openClient, traceProperties } from './mqtt-connect';
import type { ConnectorEvents } from './connector-events';
import { writePublishV5 } from './mqtt-publish-packet';
import { PublishQueue } from './publish-queue';
import { ReconnectBackoff } from './reconnect-backoff';

export interface TraceContext {
  traceparent: string;
  tracestate?: string;
}

export interface PublishOptions {
  qos?: 0 | 1;
  retain?: boolean;
  /** W3C trace context: MQTT 5 user properties, or `traceparent`/`tracestate` fields of a JSON body on 3.1.1. */
  trace?: TraceContext;
  /** MQTT 5 request/response: where the receiver should answer, and what to echo back. */
  responseTopic?: string;
  correlationData?: string;
}

export type MessageHandler = (topic: string, payload: Buffer, packet: IPublishPacket) => void;

export interface MqttSessionStats {
  endpoint: string;
  connected: boolean;
  protocolVersion: 4 | 5;
  published: number;
  /** Publishes the broker did not acknowledge (connection lost in flight); they are queued again. */
  requeued: number;
  queued: number;
  queueLimit: number;
  dropped: number;
  superseded: number;
  disconnects: number;
  reconnects: number;
  received: number;
}

type Body = string | Buffer | { [key: string]: Json };

interface Pending {
  body: Body;
  options: PublishOptions;
}

export interface SessionOptions {
  events: ConnectorEvents;
  /** Last will: published by the broker if this session dies without saying goodbye (availability). */
  will?: { topic: string; payload: string; retain: boolean };
}

export class MqttSession {
  private client!: MqttClient;
  private closing = false;
  private connectedNow = false;
  private readonly backoff: ReconnectBackoff;
  private readonly queue: PublishQueue<Pending>;
  private readonly subscriptions: { filter: string; handler: MessageHandler }[] = [];
  private readonly connectListeners = new Emitter<(reconnected: boolean) => void>();
  private overflowReported = false;
  private lastErrorReason = '';
  private readonly counts = { published: 0, requeued: 0, disconnects: 0, reconnects: 0, received: 0 };

  private constructor(
    readonly broker: ResolvedBroker,
    private version: 4 | 5,
    private readonly options: SessionOptions,
  ) {
    this.queue = new PublishQueue(broker.options.queueLimit ?? 10_000);
    this.backoff = new ReconnectBackoff({ initialDelayMs: broker.options.reconnectInitialDelayMs, maxDelayMs: broker.options.reconnectMaxDelayMs });
  }

  /** Connects (MQTT 5, else 3.1.1) or throws one ConnectorError saying why not. */
  static async connect(broker: ResolvedBroker, options: SessionOptions): Promise<MqttSession> {
    const wanted = broker.options.protocol ?? 'auto';
    let version: 4 | 5 = wanted === 4 ? 4 : 5;
    let client: MqttClient;
    try {
      client = await openClient(broker, version, options.will);
    } catch (err) {
      if (wanted !== 'auto' || !UNACCEPTABLE_PROTOCOL.has(Number((err as { code?: number }).code))) throw connectError(broker, err);
      version = 4;
      try {
        client = await openClient(broker, version, options.will);
      } catch (err4) {
        throw connectError(broker, err4);
      }
    }
    const session = new MqttSession(broker, version, options);
    session.adopt(client);
    session.connectedNow = true;
    options.events.emit('connector.connected', broker.label, { protocolVersion: version, reconnected: false });
    return session;
  }

  get protocolVersion(): 4 | 5 {
    return this.version;
  }

  get connected(): boolean {
    return this.connectedNow;
  }

  /** The mqtt.js client, for measurements that must bypass the session (benchmarks). */
  get rawClient(): MqttClient {
    return this.client;
  }

  /** Publish now, or queue until the connection is back. Never throws for a lost connection. */
  publish(topic: string, body: Body, options: PublishOptions = {}): void {
    if (this.closing) return;
    if (!this.connectedNow) return this.enqueue(topic, { body, options });
    this.send(topic, { body, options });
  }

  /** Subscribe now (resolves on SUBACK) and again after every reconnect. */
  async subscribe(filter: string, handler: MessageHandler): Promise<() => void> {
    const entry = { filter, handler };
    this.subscriptions.push(entry);
    const unsubscribe = (): void => {
      const i = this.subscriptions.indexOf(entry);
      if (i >= 0) this.subscriptions.splice(i, 1);
      if (!this.subscriptions.some((s) => s.filter === filter) && this.connectedNow) this.client.unsubscribe(filter);
    };
    if (this.connectedNow) await this.client.subscribeAsync(filter, { qos: 1 });
    return unsubscribe;
  }

  /** Called after every successful (re)connection, once subscriptions are renewed. */
  onConnect(listener: (reconnected: boolean) => void): () => void {
    return this.connectListeners.on(listener);
  }

  stats(): MqttSessionStats {
    return {
      endpoint: this.broker.displayUrl,
      connected: this.connectedNow,
      protocolVersion: this.version,
      ...this.counts,
      queued: this.queue.size,
      queueLimit: this.queue.limit,
      dropped: this.queue.dropped,
      superseded: this.queue.superseded,
    };
  }

  /** Flush what can be flushed (bounded wait), then disconnect. Queued messages still unsent are reported. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.backoff.cancel();
    if (this.queue.size > 0) {
      this.options.events.emit('connector.closed-with-queue', this.broker.label, { unsent: this.queue.size });
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.client.end(true, () => resolve()), 2_000);
      this.client.end(false, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private send(topic: string, pending: Pending): void {
    const { body, options } = pending;
    const publishOptions: IClientPublishOptions = { qos: options.qos ?? 0, retain: options.retain ?? false };
    let payload: string | Buffer;
    if (typeof body === 'string' || Buffer.isBuffer(body)) {
      payload = body;
      if (this.version === 5 && options.trace !== undefined) publishOptions.properties = { userProperties: traceProperties(options.trace) };
    } else if (this.version === 5) {
      payload = JSON.stringify(body);
      publishOptions.properties = {
        contentType: 'application/json',
        ...(options.trace !== undefined ? { userProperties: traceProperties(options.trace) } : {}),
        ...(options.responseTopic !== undefined ? { responseTopic: options.responseTopic } : {}),
        ...(options.correlationData !== undefined ? { correlationData: Buffer.from(options.correlationData) } : {}),
      };
    } else {
      // MQTT 3.1.1 has no user properties: the trace context rides in the JSON body, as the W3C MQTT draft suggests.
      const withTrace = options.trace !== undefined ? { traceparent: options.trace.traceparent, ...(options.trace.tracestate ? { tracestate: options.trace.tracestate } : {}) } : {};
      payload = JSON.stringify({ ...withTrace, ...body });
    }
    if (publishOptions.qos === 0) {
      // The mirror's hot path: one buffer per packet instead of mqtt-packet's many small writes (see that file).
      const direct = this.version === 5 && options.responseTopic === undefined && options.correlationData === undefined;
      if (direct && writePublishV5(this.client, topic, payload, publishOptions.retain ?? false, publishOptions.properties ?? {})) {
        this.counts.published++;
        return;
      }
      // No acknowledgement to wait for; a callback would only make mqtt.js hang one 'drain' listener per message
      // on the socket under load, which costs more than the publish itself.
      this.client.publish(topic, payload, publishOptions);
      this.counts.published++;
      return;
    }
    this.client.publish(topic, payload, publishOptions, (err) => {
      if (err === undefined || err === null) {
        this.counts.published++;
        return;
      }
      if (this.closing) return;
      // Lost in flight with the connection: queue it again rather than lose it silently.
      this.counts.requeued++;
      this.enqueue(topic, pending);
    });
  }

  private enqueue(topic: string, pending: Pending): void {
    const dropped = this.queue.push({ topic, retain: pending.options.retain ?? false, message: pending });
    if (dropped > 0 && !this.overflowReported) {
      this.overflowReported = true;
      this.options.events.emit('connector.queue-overflow', this.broker.label, {
        limit: this.queue.limit,
        dropped: this.queue.dropped,
        hint: 'the broker is unreachable and the queue is full: the oldest messages are being dropped (raise queueLimit to keep more)',
      });
    }
  }

  private adopt(client: MqttClient): void {
    this.client = client;
    client.on('message', (topic, payload, packet) => {
      this.counts.received++;
      for (const sub of this.subscriptions.slice()) {
        if (topicMatches(sub.filter, topic)) sub.handler(topic, payload, packet);
      }
    });
    client.on('error', (err) => {
      const { reason } = describeNetworkError(err, this.broker.displayUrl);
      if (reason === this.lastErrorReason) return; // one report per distinct failure, not one per retry
      this.lastErrorReason = reason;
      this.options.events.emit('connector.error', this.broker.label, { reason });
    });
    client.on('close', () => {
      if (this.closing) return;
      if (this.connectedNow) {
        this.connectedNow = false;
        this.counts.disconnects++;
        this.options.events.emit('connector.disconnected', this.broker.label, { queued: this.queue.size });
      }
      this.scheduleReconnect();
    });
    client.on('connect', () => {
      if (this.connectedNow) return; // the first connect, handled by connect()
      noDelay(client);
      this.connectedNow = true;
      this.counts.reconnects++;
      this.backoff.reset();
      this.lastErrorReason = '';
      void this.afterReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (this.closing) return;
    this.backoff.schedule(() => {
      if (!this.closing && !this.connectedNow) this.client.reconnect();
    });
  }

  private async afterReconnect(): Promise<void> {
    const filters = [...new Set(this.subscriptions.map((s) => s.filter))];
    if (filters.length > 0) {
      try {
        await this.client.subscribeAsync(filters, { qos: 1 });
      } catch (err) {
        this.options.events.emit('connector.error', this.broker.label, { reason: `resubscribing failed: ${(err as Error).message}` });
      }
    }
    const queued = this.queue.size;
    const dropped = this.queue.dropped;
    for (let next = this.queue.shift(); next !== undefined && this.connectedNow; next = this.queue.shift()) this.send(next.topic, next.message);
    this.overflowReported = false;
    this.options.events.emit('connector.connected', this.broker.label, { protocolVersion: this.version, reconnected: true, flushed: queued, droppedSoFar: dropped });
    this.connectListeners.emit(true);
  }
}
