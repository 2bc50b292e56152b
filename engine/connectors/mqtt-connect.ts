// Opening one MQTT connection for the session: the first CONNECT (with the last will), TCP_NODELAY, and turning
// what can go wrong then (refused protocol version, credentials, timeouts, sockets, TLS) into a ConnectorError.
import mqtt, { type MqttClient } from 'mqtt';
import type { ResolvedBroker } from './broker-config';
import { ConnectorError, describeNetworkError } from './connector-error';
import type { TraceContext } from './mqtt-session';

/** CONNACK codes for "unacceptable protocol version": 3.1.1's 1 and MQTT 5's 0x84. */
export const UNACCEPTABLE_PROTOCOL = new Set([1, 0x84]);
const BAD_CREDENTIALS = new Set([4, 5, 0x86, 0x87]);

export interface Will {
  topic: string;
  payload: string;
  retain: boolean;
}

export function traceProperties(trace: TraceContext): { [key: string]: string } {
  return trace.tracestate ? { traceparent: trace.traceparent, tracestate: trace.tracestate } : { traceparent: trace.traceparent };
}

export function openClient(broker: ResolvedBroker, version: 4 | 5, will: Will | undefined): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(broker.url, {
      ...broker.clientOptions,
      protocolVersion: version,
      ...(will !== undefined ? { will: { topic: will.topic, payload: Buffer.from(will.payload), retain: will.retain, qos: 1 } } : {}),
    });
    // Only our own listeners come off again: mqtt.js registers internal ones on the client that it needs.
    const detach = (): void => {
      client.off('connect', onConnect);
      client.off('error', fail);
      client.off('close', onClose);
    };
    const fail = (err: unknown): void => {
      detach();
      client.on('error', () => undefined); // late socket errors of a client we gave up on
      client.end(true);
      reject(err);
    };
    const onConnect = (): void => {
      detach();
      noDelay(client);
      resolve(client);
    };
    const onClose = (): void => fail(new Error('the broker closed the connection before accepting it'));
    client.once('connect', onConnect);
    client.once('error', fail);
    client.once('close', onClose);
  });
}

/** Small request/reply packets must not wait for Nagle's algorithm (40 ms with delayed ACKs on loopback). */
export function noDelay(client: MqttClient): void {
  const stream = client.stream as { setNoDelay?: (on: boolean) => void } | undefined;
  stream?.setNoDelay?.(true);
}

export function connectError(broker: ResolvedBroker, err: unknown): ConnectorError {
  const code = Number((err as { code?: unknown }).code);
  if (BAD_CREDENTIALS.has(code)) {
    const user = broker.clientOptions.username;
    return new ConnectorError(broker.label, `the broker refused the credentials${user ? ` of user '${user}'` : ' (none were given)'}`, 'Check username and password (or the client certificate)');
  }
  if ((err as Error).message === 'connack timeout') {
    return new ConnectorError(broker.label, `no MQTT answer within ${broker.clientOptions.connectTimeout} ms`, 'Is this an MQTT broker, and does the URL scheme match the port (mqtt/mqtts/ws/wss)?');
  }
  const { reason, hint } = describeNetworkError(err, broker.displayUrl);
  return new ConnectorError(broker.label, reason, hint);
}
