// MQTT to an external party under a topic prefix P:
//   request  P/<path>          { correlationId, replyTo, body }  (+ MQTT 5 responseTopic/correlationData and
//                               traceparent/tracestate user properties; on 3.1.1 traceparent rides in the JSON)
//   reply    P/reply/<client>  { correlationId, status?, body }
//   push     P/inbound         { body } or any JSON: a message the party sends on its own
// Requests go at QoS 0: the party's reply is the end-to-end acknowledgement, and a request the broker retransmitted
// after a reconnect would deliver a command late. For the same reason a request while the broker is unreachable
// fails at once as an outage: queueing it would deliver a command minutes late, worse than a recorded failure.
import { randomUUID } from 'node:crypto';
import type { Json } from '../../twins/kernel/types';
import type { WireReply, WireRequest } from './external-codecs';
import type { MqttSession, TraceContext } from './mqtt-session';
import { WireError, type InboundHandler, type Transport } from './transport';

export function mqttTransport(name: string, session: MqttSession, prefix: string): Transport {
  const clean = prefix.replace(/\/+$/, '');
  const replyTopic = `${clean}/reply/${randomUUID().slice(0, 8)}`;
  const label = `external ${name} (mqtt ${clean} on ${session.broker.displayUrl})`;
  const waiting = new Map<string, { resolve: (r: WireReply) => void; reject: (e: WireError) => void; timer: NodeJS.Timeout }>();
  const stops: (() => void)[] = [];
  let seq = 0;

  const parse = (payload: Buffer): Json => {
    try {
      return JSON.parse(payload.toString('utf8')) as Json;
    } catch {
      return payload.toString('utf8');
    }
  };

  return {
    label,
    async open(onInbound: InboundHandler) {
      stops.push(await session.subscribe(replyTopic, (_topic, payload, packet) => {
        const reply = parse(payload);
        const obj = reply !== null && typeof reply === 'object' && !Array.isArray(reply) ? reply : {};
        const id = typeof obj.correlationId === 'string' ? obj.correlationId : packet.properties?.correlationData?.toString('utf8');
        const entry = id === undefined ? undefined : waiting.get(id);
        if (entry === undefined) return; // late (already timed out) or not ours
        waiting.delete(id!);
        clearTimeout(entry.timer);
        entry.resolve({ status: typeof obj.status === 'number' ? obj.status : 200, body: 'body' in obj ? obj.body! : reply });
      }));
      stops.push(await session.subscribe(`${clean}/inbound`, (_topic, payload, packet) => {
        const message = parse(payload);
        const obj = message !== null && typeof message === 'object' && !Array.isArray(message) ? message : {};
        const props = packet.properties?.userProperties as Record<string, string | string[]> | undefined;
        const traceparent = typeof obj.traceparent === 'string' ? obj.traceparent : typeof props?.traceparent === 'string' ? props.traceparent : undefined;
        onInbound('body' in obj ? obj.body! : message, traceparent ? { traceparent } : undefined);
      }));
      return {};
    },
    exchange(request: WireRequest, trace: TraceContext, timeoutMs: number): Promise<WireReply> {
      if (!session.connected) return Promise.reject(new WireError(`${label}: the broker is not connected`, 'outage'));
      const correlationId = `${++seq}`;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(correlationId);
          reject(new WireError(`no reply from ${name} on ${replyTopic} within ${timeoutMs} ms`, 'timeout'));
        }, timeoutMs);
        waiting.set(correlationId, { resolve, reject, timer });
        const path = request.path.replace(/^\/+/, '');
        session.publish(`${clean}/${path}`, { correlationId, replyTo: replyTopic, body: request.body }, { qos: 0, trace, responseTopic: replyTopic, correlationData: correlationId });
      });
    },
    async close() {
      for (const stop of stops.splice(0)) stop();
      for (const [, entry] of waiting) {
        clearTimeout(entry.timer);
        entry.reject(new WireError(`${label}: closed while waiting for a reply`, 'outage'));
      }
      waiting.clear();
    },
  };
}
