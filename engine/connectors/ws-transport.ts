// WebSocket to an external party: one connection; each message goes out as a text frame
// `{ id, path, method, traceparent, tracestate, body }` and the party answers `{ id, status?, body }`. Frames without
// an `id` are messages the party sends on its own. The connection is re-opened with exponential backoff and jitter
// if it drops; requests meanwhile fail at once as outages (recorded, never queued for late delivery).
import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';
import type { Json } from '../../twins/kernel/types';
import { ConnectorError, describeNetworkError, redactUrl } from './connector-error';
import type { WireReply, WireRequest } from './external-codecs';
import type { TraceContext } from './mqtt-session';
import { WireError, type InboundHandler, type Transport } from './transport';
import { ReconnectBackoff } from './reconnect-backoff';
import { FrameReader, OPCODE, acceptKey, encodeFrame, newKey } from './ws-frames';

export interface WsTransportOptions {
  headers?: Record<string, string>;
  connectTimeoutMs?: number;
  reconnectInitialDelayMs?: number;
  reconnectMaxDelayMs?: number;
}

export function wsTransport(name: string, url: string, options: WsTransportOptions = {}): Transport {
  const shown = redactUrl(url);
  const label = `external ${name} (${shown})`;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new ConnectorError(label, 'not a valid URL', 'Write it like ws://127.0.0.1:8080/socket or wss://host/socket');
  }
  if (target.protocol !== 'ws:' && target.protocol !== 'wss:') throw new ConnectorError(label, `unsupported scheme '${target.protocol}'`, 'Use ws:// or wss://');

  let socket: Duplex | undefined;
  let closing = false;
  let inbound: InboundHandler = () => ({ status: 200, body: null });
  const backoff = new ReconnectBackoff({ initialDelayMs: options.reconnectInitialDelayMs, maxDelayMs: options.reconnectMaxDelayMs });
  let seq = 0;
  const waiting = new Map<string, { resolve: (r: WireReply) => void; reject: (e: WireError) => void; timer: NodeJS.Timeout }>();

  const failAll = (why: string): void => {
    for (const [, w] of waiting) {
      clearTimeout(w.timer);
      w.reject(new WireError(`${label}: ${why}`, 'outage'));
    }
    waiting.clear();
  };

  const onText = (text: string): void => {
    let message: Json;
    try {
      message = JSON.parse(text) as Json;
    } catch {
      return; // not JSON: nothing we could route
    }
    const obj = message !== null && typeof message === 'object' && !Array.isArray(message) ? message : {};
    const id = typeof obj.id === 'string' ? obj.id : undefined;
    const entry = id === undefined ? undefined : waiting.get(id);
    if (entry !== undefined) {
      waiting.delete(id!);
      clearTimeout(entry.timer);
      entry.resolve({ status: typeof obj.status === 'number' ? obj.status : 200, body: 'body' in obj ? obj.body! : null });
      return;
    }
    if (id === undefined) {
      const traceparent = typeof obj.traceparent === 'string' ? obj.traceparent : undefined;
      inbound('body' in obj ? obj.body! : message, traceparent ? { traceparent } : undefined);
    }
  };

  const connect = (): Promise<Duplex> =>
    new Promise((resolve, reject) => {
      const key = newKey();
      const make = target.protocol === 'wss:' ? httpsRequest : httpRequest;
      const httpUrl = new URL(target);
      httpUrl.protocol = target.protocol === 'wss:' ? 'https:' : 'http:';
      const req: ClientRequest = make(httpUrl, {
        headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Key': key, 'Sec-WebSocket-Version': '13', ...options.headers },
        timeout: options.connectTimeoutMs ?? 5_000,
      });
      req.once('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      req.once('error', reject);
      req.once('response', (res) => {
        reject(new Error(`the server answered HTTP ${res.statusCode} instead of switching to WebSocket`));
        res.resume();
      });
      req.once('upgrade', (res, s, head) => {
        if (res.headers['sec-websocket-accept'] !== acceptKey(key)) {
          s.destroy();
          reject(new Error('the server sent a wrong Sec-WebSocket-Accept'));
          return;
        }
        const reader = new FrameReader();
        const feed = (chunk: Buffer): void => {
          for (const frame of reader.push(chunk)) {
            if (frame.opcode === OPCODE.text) onText(frame.payload.toString('utf8'));
            else if (frame.opcode === OPCODE.ping) s.write(encodeFrame(OPCODE.pong, frame.payload, true));
            else if (frame.opcode === OPCODE.close) s.end(encodeFrame(OPCODE.close, Buffer.alloc(0), true));
          }
        };
        if (head.length > 0) feed(head);
        s.on('data', feed);
        s.on('error', () => undefined); // 'close' follows and is handled there
        s.on('close', () => {
          if (socket === s) socket = undefined;
          failAll('the connection closed');
          if (!closing) scheduleReconnect();
        });
        resolve(s);
      });
      req.end();
    });

  const scheduleReconnect = (): void => {
    if (closing) return;
    backoff.schedule(() => {
      connect().then(
        (s) => {
          socket = s;
          backoff.reset();
        },
        () => scheduleReconnect(),
      );
    });
  };

  return {
    label,
    async open(onInbound) {
      inbound = onInbound;
      try {
        socket = await connect();
      } catch (err) {
        const { reason, hint } = describeNetworkError(err, shown);
        throw new ConnectorError(label, reason, hint);
      }
      return {};
    },
    exchange(request: WireRequest, trace: TraceContext, timeoutMs: number): Promise<WireReply> {
      const s = socket;
      if (s === undefined) return Promise.reject(new WireError(`${label}: not connected`, 'outage'));
      const id = `${++seq}`;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new WireError(`no reply from ${shown} within ${timeoutMs} ms`, 'timeout'));
        }, timeoutMs);
        waiting.set(id, { resolve, reject, timer });
        const frame = { id, path: request.path, method: request.method ?? 'POST', traceparent: trace.traceparent, ...(trace.tracestate ? { tracestate: trace.tracestate } : {}), body: request.body };
        s.write(encodeFrame(OPCODE.text, Buffer.from(JSON.stringify(frame)), true));
      });
    },
    async close() {
      closing = true;
      backoff.cancel();
      failAll('the connector closed');
      const s = socket;
      socket = undefined;
      if (s !== undefined) {
        s.end(encodeFrame(OPCODE.close, Buffer.alloc(0), true));
        s.destroy();
      }
    },
  };
}
