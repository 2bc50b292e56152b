// HTTP to an external party: each message is a JSON request (POST, or PUT for hello) to the base URL with W3C
// `traceparent`/`tracestate` headers, and the response body is the reply. Unsolicited events come in through a small
// webhook server on 127.0.0.1 (POST JSON to its URL with the run's secret, see webhook-guard.ts), also reading
// `traceparent` so the trace continues.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Json } from '../../twins/kernel/types';
import { ConnectorError, describeNetworkError, redactUrl } from './connector-error';
import type { WireReply, WireRequest } from './external-codecs';
import type { TraceContext } from './mqtt-session';
import { WireError, type InboundHandler, type InboundRefused, type Transport } from './transport';
import { WEBHOOK_PATH, checkWebhookOrigin, checkWebhookSecret, type WebhookPolicy, type WebhookRefusal } from './webhook-guard';

export interface HttpTransportOptions {
  /** Port of the inbound webhook server (0 = a free one). Omit to not start one. */
  webhookPort?: number;
  /** Who may post to the webhook: the run's secret and the browser origins allowed (required with webhookPort). */
  webhook?: WebhookPolicy;
  /** Extra request headers (e.g. an API token); never logged or reported. */
  headers?: Record<string, string>;
  /** On open, check the base URL answers HTTP at all (any status will do): a ConnectorError if not. */
  probe?: boolean;
  probeTimeoutMs?: number;
}

const MAX_BODY = 1 << 20;

export function httpTransport(name: string, baseUrl: string, options: HttpTransportOptions = {}): Transport {
  const shown = redactUrl(baseUrl);
  const label = `external ${name} (${shown})`;
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw new ConnectorError(label, 'not a valid URL', 'Write it like http://127.0.0.1:8080 or https://cloud.example/api');
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new ConnectorError(label, `unsupported scheme '${base.protocol}'`, 'Use http:// or https://');
  if (base.username !== '' || base.password !== '') throw new ConnectorError(label, 'credentials in the URL are not sent', 'Pass them as headers (e.g. Authorization) instead');
  const root = base.toString().replace(/\/$/, '');
  let server: Server | undefined;

  return {
    label,
    async open(onInbound, onRefused) {
      if (options.probe) {
        const timeoutMs = options.probeTimeoutMs ?? 3_000;
        try {
          const res = await fetch(root, { method: 'GET', headers: { ...options.headers }, signal: AbortSignal.timeout(timeoutMs) });
          await res.body?.cancel();
        } catch (err) {
          const cause = (err as { cause?: unknown }).cause;
          const { reason, hint } = (err as Error).name === 'TimeoutError'
            ? { reason: `no HTTP answer within ${timeoutMs} ms`, hint: 'Is it running, and is the URL right?' }
            : describeNetworkError(cause ?? err, shown);
          throw new ConnectorError(label, reason, hint);
        }
      }
      if (options.webhookPort === undefined) return {};
      const policy = options.webhook;
      if (policy === undefined || policy.secret.length < 16) throw new ConnectorError(`${label} webhook`, 'no webhook secret (at least 16 characters)', 'A webhook without a secret would let anyone push commands into the run');
      server = createServer((req, res) => void serveWebhook(req, res, policy, onInbound, onRefused));
      await new Promise<void>((resolve, reject) => {
        server!.once('error', (err) => reject(new ConnectorError(`${label} webhook`, `cannot listen on 127.0.0.1:${options.webhookPort}: ${(err as NodeJS.ErrnoException).code ?? err.message}`)));
        server!.listen(options.webhookPort, '127.0.0.1', () => resolve());
      });
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      return { inboundUrl: `http://127.0.0.1:${port}${WEBHOOK_PATH}` };
    },
    async exchange(request: WireRequest, trace: TraceContext, timeoutMs: number): Promise<WireReply> {
      const url = root + (request.path.startsWith('/') ? request.path : `/${request.path}`);
      let response: Response;
      try {
        response = await fetch(url, {
          method: request.method ?? 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', traceparent: trace.traceparent, ...(trace.tracestate ? { tracestate: trace.tracestate } : {}), ...options.headers },
          body: JSON.stringify(request.body),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        throw fetchError(err, `${shown}${request.path}`, timeoutMs);
      }
      let text: string;
      try {
        text = await response.text();
      } catch (err) {
        throw fetchError(err, `${shown}${request.path}`, timeoutMs);
      }
      let body: Json = text;
      try {
        body = text === '' ? null : (JSON.parse(text) as Json);
      } catch {
        // Not JSON: the codec sees the text and decides (usually a refusal when the status says so).
      }
      return { status: response.status, body };
    },
    async close() {
      if (server === undefined) return;
      const s = server;
      server = undefined;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
}

function fetchError(err: unknown, where: string, timeoutMs: number): WireError {
  const e = err as Error & { cause?: NodeJS.ErrnoException };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return new WireError(`no reply from ${where} within ${timeoutMs} ms`, 'timeout');
  const code = e.cause?.code ?? '';
  if (code === 'ECONNREFUSED') return new WireError(`connection refused by ${where}`, 'outage');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new WireError(`host of ${where} not found`, 'outage');
  return new WireError(`${where}: ${e.cause?.message ?? e.message}${code ? ` (${code})` : ''}`, 'outage');
}

async function serveWebhook(req: IncomingMessage, res: ServerResponse, policy: WebhookPolicy, onInbound: InboundHandler, onRefused: InboundRefused | undefined): Promise<void> {
  const send = (status: number, body: Json): void => {
    // Close after a refusal: the rest of a refused body is not worth reading.
    res.writeHead(status, { 'content-type': 'application/json', ...(status >= 400 ? { connection: 'close' } : {}) });
    res.end(JSON.stringify(body));
  };
  if (req.method !== 'POST') return send(405, { ok: false, error: 'POST JSON to this webhook' });
  if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== WEBHOOK_PATH) return send(404, { ok: false, error: `the webhook is ${WEBHOOK_PATH}` });
  const refuse = (refusal: WebhookRefusal): void => {
    onRefused?.(refusal);
    send(refusal.status, { ok: false, error: `refused (${refusal.reason}): ${refusal.detail}` });
  };
  const early = checkWebhookOrigin(req.headers, policy);
  if (early !== undefined) return refuse(early);
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return send(413, { ok: false, error: `body larger than ${MAX_BODY} bytes` });
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks);
  const secret = checkWebhookSecret(req.headers, raw, policy);
  if (secret !== undefined) return refuse(secret);
  let body: Json;
  try {
    body = JSON.parse(raw.toString('utf8')) as Json;
  } catch {
    return send(400, { ok: false, error: 'the body is not JSON' });
  }
  const traceparent = req.headers.traceparent;
  const tracestate = req.headers.tracestate;
  const trace = typeof traceparent === 'string' ? { traceparent, ...(typeof tracestate === 'string' ? { tracestate } : {}) } : undefined;
  const answer = onInbound(body, trace);
  send(answer.status, answer.body);
}
