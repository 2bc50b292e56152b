// How a message is written for an external party, and how its answers come back, per wire schema:
//   twinbench/v1      Twinbench's own: the envelope as JSON to `messages`; the reply may carry a response payload
//                     and further messages. For parties written against Twinbench (tests, MQTT/WS bridges).
//   device-actions/v1 a typical home-cloud REST API that is not ours (examples/home-cloud-service):
//                     POST /v1/devices/{id}/actions {action, params} → {ok, state}; POST /v1/events → {ok, actions};
//                     POST /v1/results for answers to its own commands; PUT /v1/homes/{home} to link a home.
// A codec only translates; the transport (HTTP, MQTT, WebSocket) moves the bytes and measures the time.
import type { Simulation } from '../../twins';
import type { Envelope, MessageKind } from '../../twins/bus/envelope';
import { decodeIntent, homePayload, type Intent } from '../../twins/sim/ecosystem-codec';
import type { Json } from '../../twins/kernel/types';
import type { WireIds } from './wire-ids';

export interface WireRequest {
  /** HTTP path under the base URL, MQTT sub-topic under the prefix, or the `path` field of a WebSocket frame. */
  path: string;
  method?: 'POST' | 'PUT';
  body: Json;
}

export interface WireReply {
  /** HTTP status; MQTT and WebSocket replies say 200 unless they carry their own. */
  status: number;
  body: Json;
}

/** What the party's answer makes happen inside the simulation once its message is delivered. */
export type PartyEffect =
  /** Answer the delivered request (a command or query addressed to the party). */
  | { kind: 'respond'; payload: Json }
  /** A new message from the party (it acts: notify a screen, prompt the car, command a device). */
  | { kind: 'send'; destination: string; topic: string; messageKind: MessageKind; payload: Json };

export type Decoded = { ok: true; effects: PartyEffect[] } | { ok: false; error: string };

export interface CodecContext {
  sim: Simulation;
  /** The party's bus address (`home-cloud`). */
  address: string;
  /** The run's wire ids: ids in a request body are the wire's, like those in its trace headers. */
  wire: WireIds;
}

export interface ExternalCodec {
  readonly name: string;
  encode(env: Envelope, payload: Json, ctx: CodecContext): WireRequest | { error: string };
  decode(reply: WireReply, env: Envelope, ctx: CodecContext): Decoded;
  /** A message the party sent on its own (webhook, MQTT, WebSocket push). */
  inbound(body: Json, ctx: CodecContext): Decoded;
  /** What to tell the party when the run starts (link homes, register the webhook and its secret), if anything. */
  hello?(ctx: CodecContext, webhook: { url: string; secret: string } | undefined): WireRequest[];
}

type Obj = { [key: string]: Json };
const isObj = (v: Json | undefined): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: Json | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const KINDS: readonly MessageKind[] = ['command', 'response', 'event', 'query'];

function refusal(reply: WireReply): string | undefined {
  const body = isObj(reply.body) ? reply.body : {};
  if (reply.status >= 400) return `HTTP ${reply.status}${text(body.error) ? `: ${text(body.error)}` : ''}`;
  if (body.ok === false) return text(body.error) ?? 'refused without a reason';
  return undefined;
}

export const twinbenchCodec: ExternalCodec = {
  name: 'twinbench/v1',
  encode: (env, payload, ctx) => ({
    path: 'messages',
    body: { id: env.id, kind: env.kind, topic: env.topic, source: env.source, destination: env.destination, architecture: env.architecture, traceId: ctx.wire.trace(env.traceId), payload, ...(env.correlationId ? { correlationId: env.correlationId } : {}) },
  }),
  decode(reply, env, ctx) {
    const refused = refusal(reply);
    if (refused !== undefined) return { ok: false, error: refused };
    const body = isObj(reply.body) ? reply.body : {};
    const effects: PartyEffect[] = [];
    if (body.payload !== undefined && env.destination === ctx.address && (env.kind === 'command' || env.kind === 'query')) effects.push({ kind: 'respond', payload: body.payload });
    const more = twinbenchMessages(body.messages);
    return 'error' in more ? { ok: false, error: more.error } : { ok: true, effects: [...effects, ...more] };
  },
  inbound(body) {
    const obj = isObj(body) ? body : {};
    const more = twinbenchMessages(obj.messages ?? [obj]);
    return 'error' in more ? { ok: false, error: more.error } : { ok: true, effects: more };
  },
};

function twinbenchMessages(list: Json | undefined): PartyEffect[] | { error: string } {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) return { error: '`messages` must be an array' };
  const out: PartyEffect[] = [];
  for (const m of list) {
    if (!isObj(m) || typeof m.destination !== 'string' || !KINDS.includes(m.kind as MessageKind)) {
      return { error: 'each message needs destination (a bus address) and kind (command, event, query or response)' };
    }
    out.push({ kind: 'send', destination: m.destination, topic: text(m.topic) ?? 'external/message', messageKind: m.kind as MessageKind, payload: m.payload ?? null });
  }
  return out;
}

/** Vehicle actions the example cloud may ask for, and the car capability each belongs to. */
const VEHICLE_CAPABILITY: Record<string, string> = {
  show_pip: 'vehicle_display', close_pip: 'vehicle_display', prompt: 'vehicle_display', notify: 'vehicle_display',
  precondition: 'vehicle_climate', set_temperature: 'vehicle_climate', get_state: 'vehicle',
};

/** The home a message is about: a home address at either end, or the home of the car at either end (a car's report). */
function homeOfEnvelope(env: Envelope, sim?: CodecContext['sim']): string | undefined {
  for (const address of [env.destination, env.source]) if (address.startsWith('home/')) return address.split('/')[1];
  for (const address of [env.source, env.destination]) {
    if (address.startsWith('vehicle/')) return sim?.vehicles.get(address.split('/')[1]!)?.spec.homeId;
  }
  return undefined;
}

/**
 * `{ target: { device } | { vehicle }, action, params }` (an event's reply) or `{ device | vehicle, action, params }`
 * (a pushed command) → a command from the party to that device or car.
 */
function actionEffect(action: Json, home: string | undefined): PartyEffect | { error: string } {
  if (!isObj(action) || typeof action.action !== 'string') return { error: 'each action needs an action name and a device or vehicle' };
  const target = isObj(action.target) ? action.target : action;
  const params = isObj(action.params) ? action.params : {};
  const name = action.action;
  const device = text(target.device);
  const vehicle = text(target.vehicle);
  const homeId = text(target.home) ?? home;
  let intent: Intent;
  let destination: string;
  if (device !== undefined) {
    if (homeId === undefined) return { error: `action on device ${device} names no home` };
    destination = `home/${homeId}/${device}`;
    intent = { capability: device.split('.')[0]!, name, deviceId: device, attributes: params };
  } else if (vehicle !== undefined) {
    const capability = VEHICLE_CAPABILITY[name];
    if (capability === undefined) return { error: `unknown vehicle action '${name}' (known: ${Object.keys(VEHICLE_CAPABILITY).join(', ')})` };
    destination = `vehicle/${vehicle}`;
    intent = { capability, name, deviceId: `vehicle.${vehicle}`, attributes: params };
  } else {
    return { error: 'an action target needs device or vehicle' };
  }
  return { kind: 'send', destination, topic: `${intent.capability}/${name}`, messageKind: 'command', payload: homePayload(intent, 'command') };
}

function actionEffects(list: Json | undefined, home: string | undefined): PartyEffect[] | { error: string } {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) return { error: '`actions` must be an array' };
  const out: PartyEffect[] = [];
  for (const action of list) {
    const effect = actionEffect(action, home);
    if ('error' in effect) return effect;
    out.push(effect);
  }
  return out;
}

export const deviceActionsCodec: ExternalCodec = {
  name: 'device-actions/v1',
  encode(env, payload, ctx): WireRequest | { error: string } {
    const intent = decodeIntent(payload);
    if (intent === undefined) return { error: `${env.topic} is in neither the home nor the vehicle schema` };
    const home = homeOfEnvelope(env, ctx.sim) ?? null;
    if (env.kind === 'response') {
      return { path: '/v1/results', body: { in_reply_to: env.correlationId ?? null, from: env.source, device: intent.deviceId, ok: intent.success !== false, attributes: intent.attributes, ...(intent.error ? { error: intent.error } : {}) } };
    }
    if (env.kind === 'event') {
      const event = text(intent.attributes.event_type) ?? intent.name;
      return { path: '/v1/events', body: { home, device: intent.deviceId, event, attributes: intent.attributes } };
    }
    return { path: `/v1/devices/${encodeURIComponent(intent.deviceId)}/actions`, body: { home, action: intent.name, params: intent.attributes, requester: env.source } };
  },
  decode(reply, env, ctx) {
    const refused = refusal(reply);
    if (refused !== undefined) return { ok: false, error: refused };
    const body = isObj(reply.body) ? reply.body : {};
    const effects: PartyEffect[] = [];
    if (env.destination === ctx.address && (env.kind === 'command' || env.kind === 'query')) {
      const intent = decodeIntent(env.payload);
      const answer: Intent = { capability: intent?.capability ?? 'unknown', name: intent?.name ?? 'unknown', deviceId: intent?.deviceId ?? ctx.address, attributes: { state: body.state ?? null }, success: true };
      effects.push({ kind: 'respond', payload: homePayload(answer, 'response') });
    }
    const more = actionEffects(body.actions, homeOfEnvelope(env));
    return 'error' in more ? { ok: false, error: more.error } : { ok: true, effects: [...effects, ...more] };
  },
  inbound(body) {
    const obj = isObj(body) ? body : {};
    const more = actionEffects(obj.commands, text(obj.home));
    return 'error' in more ? { ok: false, error: more.error } : { ok: true, effects: more };
  },
  hello(ctx, webhook) {
    return [...ctx.sim.homes.values()].map((home) => ({
      method: 'PUT' as const,
      path: `/v1/homes/${encodeURIComponent(home.id)}`,
      body: {
        webhook: webhook?.url ?? null,
        // The party signs its pushes with it (X-Twinbench-Signature: sha256=HMAC of the body); sent once, at linking.
        webhook_secret: webhook?.secret ?? null,
        devices: [...home.devices.values()].map((d) => ({ id: d.id.split('/').slice(2).join('/'), type: d.kind })),
        vehicles: [...ctx.sim.vehicles.values()].filter((v) => v.spec.homeId === home.id).map((v) => ({ id: v.id, vin: v.vin })),
      },
    }));
  },
};

export const CODECS: Record<string, ExternalCodec> = { [twinbenchCodec.name]: twinbenchCodec, [deviceActionsCodec.name]: deviceActionsCodec };
