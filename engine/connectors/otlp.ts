// Exports the run's messages as OpenTelemetry traces over OTLP/HTTP (e.g. `--otlp http://127.0.0.1:4318` for a
// local collector, Jaeger or Tempo). Each completed envelope becomes its root span plus one span per hop, with the
// envelope's ids as every wire of the run carries them (wire-ids.ts: the canonical ids XOR the run's salt, so two
// runs of one seed are two traces) and its parent links, so a trace in the viewer is the same trace the MQTT mirror
// and the external parties' `traceparent` headers carry.
// Time: a headless run covers hours of virtual time in seconds, so "wall clock at attach + virtual time" put spans
// hours in the future. Instead spans wait until the export (the run's end, an explicit flush, or a full buffer) and
// are placed so that the virtual instant of the export is the wall-clock instant of the export: durations and gaps
// are exactly the virtual ones, and no span ends after it was exported. Spans of separate exports are each anchored
// at their own export.
// An unreachable collector costs counted, reported drops, never the run.
import { SpanKind, SpanStatusCode, TraceFlags, type HrTime } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { Simulation } from '../../twins';
import type { Envelope, Hop } from '../../twins/bus/envelope';
import { ConnectorError, describeNetworkError, redactUrl } from './connector-error';
import type { ConnectorEvents } from './connector-events';
import { WireIds } from './wire-ids';

export interface OtlpOptions {
  /** Collector base URL (`http://127.0.0.1:4318`) or the full traces URL (`…/v1/traces`). */
  url: string;
  headers?: Record<string, string>;
  /** Spans per export request (default 512). */
  batchSize?: number;
  /** Spans held until the export (default 100,000); when full, what is held is exported then, anchored then. */
  maxPending?: number;
  /** Give up one export request after this long (default 5,000 ms; the exporter retries within it). */
  exportTimeoutMs?: number;
  /** Check at attach that something answers HTTP at the URL (default true). */
  probe?: boolean;
}

export interface OtlpStats {
  endpoint: string;
  exported: number;
  pending: number;
  dropped: number;
  failedExports: number;
}

export interface OtlpExport {
  stats(): OtlpStats;
  /** Send everything pending now. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

const SCOPE = { name: 'twinbench', version: '1' };

/** `http://host:4318` → `http://host:4318/v1/traces`; a URL with a path is taken as it is. */
export function tracesUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.pathname === '/' || parsed.pathname === '') parsed.pathname = '/v1/traces';
  return parsed.toString();
}

const hr = (ms: number): HrTime => {
  const whole = Math.floor(ms / 1000);
  return [whole, Math.round((ms - whole * 1000) * 1e6)];
};

/** Wall-clock ms of virtual `t`, for an export at wall `exportWallMs` when the simulation is at `exportVirtualMs`. */
export function wallTimeOf(t: number, exportWallMs: number, exportVirtualMs: number): number {
  return exportWallMs - (exportVirtualMs - t);
}

/** Spans of a completed envelope (canonical ids: mapped here with `wire`); `epochMs` is the wall ms of virtual 0. */
export function envelopeSpans(env: Envelope, epochMs: number, resource: ReadableSpan['resource'], wire: WireIds): ReadableSpan[] {
  const end = env.completedAt ?? env.createdAt;
  const failed = env.status === 'failed';
  const traceId = wire.trace(env.traceId);
  const span = (name: string, kind: SpanKind, spanId: string, parentSpanId: string | undefined, start: number, stop: number, error: string | undefined, attributes: ReadableSpan['attributes']): ReadableSpan => ({
    name, kind, attributes, resource,
    spanContext: () => ({ traceId, spanId: wire.span(spanId), traceFlags: TraceFlags.SAMPLED }),
    ...(parentSpanId !== undefined ? { parentSpanContext: { traceId, spanId: wire.span(parentSpanId), traceFlags: TraceFlags.SAMPLED } } : {}),
    startTime: hr(epochMs + start), endTime: hr(epochMs + stop), duration: hr(stop - start),
    status: error !== undefined ? { code: SpanStatusCode.ERROR, message: error } : { code: SpanStatusCode.OK },
    links: [], events: [], ended: true, instrumentationScope: SCOPE,
    droppedAttributesCount: 0, droppedEventsCount: 0, droppedLinksCount: 0,
  });
  const root = span(`${env.kind} ${env.topic}`, SpanKind.PRODUCER, env.spanId, env.parentSpanId, env.createdAt, end, failed ? env.error ?? 'failed' : undefined, {
    'twinbench.message.id': env.id, 'twinbench.source': env.source, 'twinbench.destination': env.destination,
    'twinbench.architecture': env.architecture, 'twinbench.status': env.status, 'messaging.operation.type': 'send',
    ...(env.failure !== undefined ? { 'twinbench.failure': env.failure } : {}),
    ...(env.correlationId !== undefined ? { 'twinbench.correlation_id': env.correlationId } : {}),
  });
  const hops = env.hops.map((h: Hop) => span(`${h.from} → ${h.to}`, SpanKind.CLIENT, h.spanId, h.parentSpanId, h.sentAt, h.deliveredAt ?? end, h.status === 'delivered' ? undefined : h.error ?? h.status, {
    'twinbench.hop.index': h.index, 'twinbench.hop.from': h.from, 'twinbench.hop.to': h.to, 'twinbench.link': h.link,
    'twinbench.hop.attempts': h.attempts, 'twinbench.hop.status': h.status, 'twinbench.hop.measured': h.measured === true,
    ...(h.format !== undefined ? { 'twinbench.payload.format': h.format } : {}),
  }));
  return [root, ...hops];
}

export async function startOtlpExport(sim: Simulation, options: OtlpOptions, events: ConnectorEvents, wire: WireIds = new WireIds()): Promise<OtlpExport> {
  const shown = redactUrl(options.url);
  const label = `otlp ${shown}`;
  let url: string;
  try {
    url = tracesUrl(options.url);
  } catch {
    throw new ConnectorError(label, 'not a valid URL', 'Write it like http://127.0.0.1:4318');
  }
  if (!/^https?:$/.test(new URL(url).protocol)) throw new ConnectorError(label, 'OTLP/HTTP needs an http:// or https:// URL');
  if (options.probe ?? true) {
    try {
      const res = await fetch(url, { method: 'GET', signal: AbortSignal.timeout(3_000) });
      await res.body?.cancel();
    } catch (err) {
      const { reason, hint } = (err as Error).name === 'TimeoutError' ? { reason: 'no HTTP answer within 3000 ms', hint: undefined } : describeNetworkError((err as { cause?: unknown }).cause ?? err, shown);
      throw new ConnectorError(label, reason, hint ?? 'Is the collector running? OTLP/HTTP listens on port 4318 by default');
    }
  }
  const exporter = new OTLPTraceExporter({ url, ...(options.headers ? { headers: options.headers } : {}), timeoutMillis: options.exportTimeoutMs ?? 5_000 });
  const resource = resourceFromAttributes({
    'service.name': 'twinbench', 'twinbench.seed': sim.spec.seed, 'twinbench.architecture': sim.spec.architecture,
  });
  const batchSize = options.batchSize ?? 512;
  const maxPending = options.maxPending ?? 100_000;
  // Completed envelopes wait here; their spans are built at the export, when the anchor is known.
  let pending: Envelope[] = [];
  let pendingSpans = 0;
  const counts = { exported: 0, dropped: 0, failedExports: 0 };
  let inFlight: Promise<void> = Promise.resolve();
  let failing = false;

  const send = (batch: ReadableSpan[]): Promise<void> =>
    new Promise((resolve) => {
      exporter.export(batch, (result) => {
        if (result.code === 0) {
          counts.exported += batch.length;
          if (failing) events.emit('connector.endpoint-up', label, {});
          failing = false;
        } else {
          counts.failedExports++;
          counts.dropped += batch.length;
          if (!failing) events.emit('connector.endpoint-down', label, { reason: result.error?.message ?? 'export failed', droppedSpans: batch.length });
          failing = true;
        }
        resolve();
      });
    });

  const flush = (): Promise<void> => {
    const epochMs = wallTimeOf(0, Date.now(), sim.now);
    const spans = pending.flatMap((env) => envelopeSpans(env, epochMs, resource, wire));
    pending = [];
    pendingSpans = 0;
    for (let i = 0; i < spans.length; i += batchSize) {
      const batch = spans.slice(i, i + batchSize);
      inFlight = inFlight.then(() => send(batch));
    }
    return inFlight;
  };

  const stop = sim.bus.onEnvelope((phase, env) => {
    if (phase !== 'delivered' && phase !== 'failed') return;
    pending.push(env);
    pendingSpans += 1 + env.hops.length;
    if (pendingSpans >= maxPending) void flush();
  });

  return {
    stats: () => ({ endpoint: shown, ...counts, pending: pendingSpans }),
    flush,
    async close() {
      stop();
      await flush();
      await exporter.shutdown();
    },
  };
}
