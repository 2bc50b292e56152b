// Externalise a party: a bus address (the home cloud, a device, …) is played by a real endpoint outside the
// simulation, over HTTP, MQTT or WebSocket, in a wire schema chosen by its codec (external-codecs.ts).
// - A hop into the party crosses the wire: the message is encoded, sent with its W3C trace context (the hop's span
//   as parent), and the hop takes the round trip measured with performance.now() (recorded `measured: true`).
//   The virtual clock waits meanwhile (wire-gate.ts says why it pauses rather than running at 1x).
// - The party's reply decides: a refusal, a timeout or an unreachable endpoint fails the message (msg.failed with
//   `refused`, `timeout` or `outage`); an acceptance lets it go on, and once it is delivered to the party, what the
//   reply asked for happens (a response to a request, further messages from the party).
// - What the party sends on its own (webhook, MQTT push, WebSocket frame) enters the bus at the current virtual time.
// - The endpoint is not trusted as the party it plays: a real home cloud is not the simulated home's own cloud.
//   Every command it originates (in a reply or a push) is signed as the named, paired party
//   `party/external:<address>`, under a grant for the non-critical scopes plus those the scenario gives it
//   (`grants`), so an unlock or a remote start from it meets the car's policy. Its webhook takes only requests
//   with the run's secret, JSON, at one path, and from no browser page on another site (webhook-guard.ts).
import { randomBytes } from 'node:crypto';
import type { Simulation } from '../../twins';
import { enrolController } from '../../twins/sim/controller-parties';
import { parseAddress } from '../../twins/bus/addresses';
import type { WireOutcome } from '../../twins/bus/bus-types';
import type { Envelope } from '../../twins/bus/envelope';
import type { Json } from '../../twins/kernel/types';
import type { BrokerOptions } from './broker-config';
import { ConnectorError } from './connector-error';
import type { ConnectorEvents } from './connector-events';
import { CODECS, type CodecContext, type PartyEffect } from './external-codecs';
import { applyPartyEffect } from './party-effects';
import { httpTransport } from './http-transport';
import { mqttTransport } from './mqtt-transport';
import type { MqttSession, TraceContext } from './mqtt-session';
import { tracestateOf } from './mqtt-mirror';
import { summarise, type LatencySummary } from './latency';
import { WireError, type Transport } from './transport';
import { newWebhookSecret } from './webhook-guard';
import type { WireGate } from './wire-gate';
import { wsTransport } from './ws-transport';

export interface ExternalEndpointSpec {
  /** Base URL of an HTTP party (requests POST JSON to it; replies are the response bodies). */
  http?: string;
  /** Topic prefix of an MQTT party (on `broker`, or on the connectors' broker). */
  mqtt?: string;
  /** URL of a WebSocket party. */
  ws?: string;
  broker?: string;
  brokerOptions?: BrokerOptions;
  /** Wire schema: `twinbench/v1` (default) or `device-actions/v1`. */
  codec?: string;
  /** Wall-clock time to wait for each reply (default 5,000 ms); past it the message fails as `timeout`. */
  timeoutMs?: number;
  /** HTTP only: port of the inbound webhook (0 = a free one, the default; null = no webhook). */
  webhookPort?: number | null;
  /** Extra HTTP / WebSocket handshake headers (an API token …); never reported. */
  headers?: Record<string, string>;
  /** Check the endpoint while attaching (default true): unreachable or misconfigured = ConnectorError. */
  probe?: boolean;
  /** Scopes the party is granted beyond the non-critical ones (`home.lock:unlock`, `vehicle.remote:remote_start`). */
  grants?: readonly string[];
  /** HTTP only: browser origins whose pages may post to the webhook (none by default). */
  webhookOrigins?: readonly string[];
}

export interface ExternalPartyStats {
  address: string;
  endpoint: string;
  codec: string;
  requests: number;
  accepted: number;
  refused: number;
  timeouts: number;
  outages: number;
  inbound: number;
  inboundRejected: number;
  /** Round trips measured on the wire. */
  latencyMs: LatencySummary;
}

export interface ExternalPartyHandle {
  address: string;
  label: string;
  /** URL the party may POST unsolicited messages to (HTTP webhook), if any. */
  inboundUrl?: string;
  /** The webhook's secret for this run (Bearer token or HMAC key). Secret: show it to the user, never record it. */
  inboundSecret?: string;
  /** The named party its commands are signed as: `party/external:<address>`. */
  party: string;
  stats(): ExternalPartyStats;
  close(): Promise<void>;
}

export interface ExternalDeps {
  gate: WireGate;
  events: ConnectorEvents;
  /** The connectors' own MQTT session, if any (MQTT parties use it unless they name their own broker). */
  session?: MqttSession;
  openSession(url: string, options: BrokerOptions | undefined, role: string): Promise<MqttSession>;
}

function makeTransport(address: string, spec: ExternalEndpointSpec, session: MqttSession | undefined, secret: string): Transport {
  if (spec.http !== undefined) {
    return httpTransport(address, spec.http, {
      ...(spec.webhookPort !== null ? { webhookPort: spec.webhookPort ?? 0, webhook: { secret, allowedOrigins: spec.webhookOrigins ?? [] } } : {}),
      ...(spec.headers ? { headers: spec.headers } : {}), probe: spec.probe ?? true,
    });
  }
  if (spec.ws !== undefined) return wsTransport(address, spec.ws, spec.headers ? { headers: spec.headers } : {});
  return mqttTransport(address, session!, spec.mqtt!);
}

const randomTrace = (): TraceContext => ({ traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01` });

export async function externalizeParty(sim: Simulation, address: string, spec: ExternalEndpointSpec, deps: ExternalDeps): Promise<ExternalPartyHandle> {
  const where = `external ${address}`;
  if (parseAddress(address) === undefined) throw new ConnectorError(where, `'${address}' is not a bus address`, 'Use home-cloud, vehicle-cloud, hub, home/<homeId>/gateway, home/<homeId>/<entityId> …');
  const kinds = (['http', 'mqtt', 'ws'] as const).filter((k) => spec[k] !== undefined);
  if (kinds.length !== 1) throw new ConnectorError(where, kinds.length === 0 ? 'no endpoint given' : `more than one endpoint given (${kinds.join(', ')})`, 'Give exactly one of http, mqtt or ws');
  const codec = CODECS[spec.codec ?? 'twinbench/v1'];
  if (codec === undefined) throw new ConnectorError(where, `unknown codec '${spec.codec}'`, `Known: ${Object.keys(CODECS).join(', ')}`);
  const timeoutMs = spec.timeoutMs ?? 5_000;
  let session = deps.session;
  if (spec.mqtt !== undefined && spec.broker !== undefined) session = await deps.openSession(spec.broker, spec.brokerOptions, `${where} broker`);
  if (spec.mqtt !== undefined && session === undefined) throw new ConnectorError(where, 'an MQTT party needs a broker', 'Give broker: <url> for it, or attach the connectors to a broker');
  const ownSession = session !== deps.session ? session : undefined;

  let party: string;
  try {
    party = enrolController(sim, `external:${address}`, spec.grants ?? []);
  } catch (err) {
    throw new ConnectorError(where, `grants: ${(err as Error).message}`);
  }
  const secret = newWebhookSecret();
  const transport = makeTransport(address, spec, session, secret);
  const ctx: CodecContext = { sim, address };
  const counts = { requests: 0, accepted: 0, refused: 0, timeouts: 0, outages: 0, inbound: 0, inboundRejected: 0 };
  const latencies: number[] = [];
  const effectsOf = new Map<string, PartyEffect[]>();
  let down = false;

  const report = (ok: boolean, reason?: string): void => {
    if (ok === !down) return; // report changes, not every message
    down = !ok;
    deps.events.emit(ok ? 'connector.endpoint-up' : 'connector.endpoint-down', transport.label, ok ? {} : { reason: reason ?? 'failing' });
  };

  const carry = (env: Envelope, hop: Envelope['hops'][number], payload: Json, done: (o: WireOutcome) => void): void => {
    const request = codec.encode(env, payload, ctx);
    if ('error' in request) return done({ ok: false, latencyMs: 0, error: `${where} (${codec.name}) cannot express ${env.topic}: ${request.error}`, failure: 'untranslatable' });
    counts.requests++;
    const release = deps.gate.hold();
    const trace = { traceparent: `00-${env.traceId}-${hop.spanId}-01`, tracestate: tracestateOf(env) };
    const started = performance.now();
    const elapsed = (): number => Math.round((performance.now() - started) * 1000) / 1000;
    transport.exchange(request, trace, timeoutMs).then(
      (reply) => {
        const latencyMs = elapsed();
        latencies.push(latencyMs);
        const decoded = codec.decode(reply, env, ctx);
        report(true);
        if (!decoded.ok) {
          counts.refused++;
          return done({ ok: false, latencyMs, error: `${where} refused ${env.topic}: ${decoded.error}`, failure: 'refused' });
        }
        counts.accepted++;
        if (env.destination === address) effectsOf.set(env.id, decoded.effects);
        done({ ok: true, latencyMs });
      },
      (err: unknown) => {
        const failure = err instanceof WireError ? err.failure : 'outage';
        if (failure === 'timeout') counts.timeouts++;
        else counts.outages++;
        const message = err instanceof Error ? err.message : String(err);
        report(false, message);
        done({ ok: false, latencyMs: elapsed(), error: `${where}: ${message}`, failure });
      },
    ).finally(release);
  };

  const deliver = (env: Envelope): void => {
    const effects = effectsOf.get(env.id) ?? [];
    effectsOf.delete(env.id);
    for (const effect of effects) applyPartyEffect(sim, address, party, effect, env, undefined);
  };

  const { inboundUrl } = await transport.open((body, trace): { status: number; body: Json } => {
    const decoded = codec.inbound(body, ctx);
    if (!decoded.ok) {
      counts.inboundRejected++;
      return { status: 400, body: { ok: false, error: decoded.error } };
    }
    counts.inbound++;
    for (const effect of decoded.effects) applyPartyEffect(sim, address, party, effect, undefined, trace);
    return { status: 202, body: { ok: true, accepted: decoded.effects.length } };
  }, (refusal) => {
    // Refused at the door, before it became a message: as visible as a refused command.
    counts.inboundRejected++;
    sim.kernel.events.emit('security.refused', address, {
      via: 'webhook', reason: refusal.reason, detail: refusal.detail, stage: 'verification', sender: null, command: null, to: address, from: null, message: null,
    });
  });

  for (const hello of codec.hello?.(ctx, inboundUrl === undefined ? undefined : { url: inboundUrl, secret }) ?? []) {
    try {
      const reply = await transport.exchange(hello, randomTrace(), timeoutMs);
      if (reply.status >= 400) throw new WireError(`HTTP ${reply.status} to ${hello.path}${typeof reply.body === 'object' && reply.body !== null && 'error' in reply.body ? `: ${String(reply.body.error)}` : ''}`, 'refused');
    } catch (err) {
      if (spec.probe === false) {
        deps.events.emit('connector.error', transport.label, { reason: `linking failed: ${(err as Error).message}` });
        break;
      }
      await transport.close();
      const hint = err instanceof WireError && err.failure === 'refused' ? `Does it speak ${codec.name}?` : 'Is it running, and is the URL right?';
      throw new ConnectorError(transport.label, `linking failed: ${(err as Error).message}`, hint);
    }
  }

  const restore = sim.bus.externalize(address, { carry, deliver });
  deps.events.emit('connector.external', transport.label, { address, codec: codec.name, ...(inboundUrl ? { inboundUrl } : {}) });

  return {
    address,
    label: transport.label,
    ...(inboundUrl !== undefined ? { inboundUrl, inboundSecret: secret } : {}),
    party,
    stats: () => ({ address, endpoint: transport.label, codec: codec.name, ...counts, latencyMs: summarise(latencies) }),
    async close() {
      restore();
      await transport.close();
      await ownSession?.close();
    },
  };
}
