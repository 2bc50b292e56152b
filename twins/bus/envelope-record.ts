// The canonical record of a finished message: what `msg.delivered` / `msg.failed` put in the event stream.
// Every message of a run is serialised and hashed once, so at 200k messages a second the bytes per message are
// the bus's main cost. The record therefore leaves out what the rest of it already says — a hop's from/to
// (the path), index (its place), parent span (the previous span) and status when its times say it — and writes
// each hop as a tuple: [spanId, link, sentAt, deliveredAt | null, attempts, extras?], where extras holds the
// rare fields (error, a changed format, a translated payload, measured, a status the times do not imply).
// envelopeOfRecord turns a record back into the exact Envelope (a property test pins the round trip), and still
// reads whole envelopes, which older recordings and envelopes breaking those invariants are stored as.
import { canonicalJson, canonicalNumber as num, quoteJson as str } from '../kernel/canonical-json';
import type { Json } from '../kernel/types';
import type { Envelope, Hop, HopStatus } from './envelope';
import { envelopeCanonicalJson, envelopeHeadJson } from './envelope-json';

type JsonObject = { [key: string]: Json };


/** Paths are shared by every message of a route and frozen (see routes.ts), so their JSON is made once per route. */
const pathJsonCache = new WeakMap<readonly string[], string>();

function pathJson(path: readonly string[]): string {
  let json = pathJsonCache.get(path);
  if (json === undefined) {
    json = '[';
    for (let i = 0; i < path.length; i++) json += (i > 0 ? ',' : '') + str(path[i]!);
    json += ']';
    if (Object.isFrozen(path)) pathJsonCache.set(path, json);
  }
  return json;
}

/** The quoted forms of the enumerations every record repeats (architecture, kind, status). */
const ENUM_JSON: { readonly [value: string]: string } = Object.fromEntries(
  ['cloud-cloud', 'direct', 'phone-proxy', 'local', 'command', 'response', 'event', 'query', 'in-flight', 'delivered', 'failed']
    .map((value) => [value, JSON.stringify(value)]),
);
const enumJson = (value: string): string => ENUM_JSON[value] ?? str(value);

/** Quoted link ids: a handful of values in every hop of every message. */
const quotedLinks = new Map<string, string>();

function linkJson(link: string): string {
  let json = quotedLinks.get(link);
  if (json === undefined) {
    json = str(link);
    if (quotedLinks.size < 1000) quotedLinks.set(link, json);
  }
  return json;
}

/** The hop status its times imply; anything else is written out. */
function impliedStatus(hop: Pick<Hop, 'deliveredAt'>): HopStatus {
  return hop.deliveredAt !== undefined ? 'delivered' : 'in-flight';
}

/** True when every hop says only what the envelope's path and span chain already say. */
export function isCompactable(e: Envelope): boolean {
  const hops = e.hops;
  if (hops.length >= e.path.length) return false;
  for (let i = 0; i < hops.length; i++) {
    const h = hops[i]!;
    if (h.index !== i || h.from !== e.path[i] || h.to !== e.path[i + 1]) return false;
    if (h.parentSpanId !== (i === 0 ? e.spanId : hops[i - 1]!.spanId)) return false;
  }
  return true;
}

function hopTuple(h: Hop, previousFormat: string | undefined): string {
  let out = `[${str(h.spanId)},${linkJson(h.link)},${num(h.sentAt)},${h.deliveredAt === undefined ? 'null' : num(h.deliveredAt)},${num(h.attempts)}`;
  const formatChanged = h.format !== previousFormat;
  if (h.error !== undefined || formatChanged || h.measured !== undefined || h.payload !== undefined || h.status !== impliedStatus(h)) {
    let extras = '';
    if (h.error !== undefined) extras += `,"error":${str(h.error)}`;
    if (formatChanged) extras += `,"format":${h.format === undefined ? 'null' : str(h.format)}`;
    if (h.measured !== undefined) extras += `,"measured":${h.measured ? 'true' : 'false'}`;
    if (h.payload !== undefined) extras += `,"payload":${canonicalJson(h.payload)}`;
    if (h.status !== impliedStatus(h)) extras += `,"status":${str(h.status)}`;
    out += `,{${extras.slice(1)}}`;
  }
  return out + ']';
}

/**
 * Canonical JSON (sorted keys) of the message's record. The bus passes `compactable: true`: its envelopes are
 * compactable by construction (its tests check isCompactable on every envelope they make), so it skips the check.
 */
export function envelopeRecordJson(e: Envelope, compactable = isCompactable(e)): string {
  if (e.hops.length === 0 || !compactable) return envelopeCanonicalJson(e);
  let out = envelopeHeadJson(e, enumJson(e.architecture));
  const firstFormat = e.hops[0]!.format;
  if (firstFormat !== undefined) out += `,"format":${str(firstFormat)}`;
  out += ',"hops":[';
  let previousFormat = firstFormat;
  for (let i = 0; i < e.hops.length; i++) {
    const h = e.hops[i]!;
    out += (i > 0 ? ',' : '') + hopTuple(h, previousFormat);
    previousFormat = h.format;
  }
  out += `],"id":${str(e.id)},"kind":${enumJson(e.kind)}`;
  if (e.parentSpanId !== undefined) out += `,"parentSpanId":${str(e.parentSpanId)}`;
  out += `,"path":${pathJson(e.path)},"payload":${canonicalJson(e.payload)},"source":${str(e.source)},"spanId":${str(e.spanId)}`;
  return `${out},"status":${enumJson(e.status)},"topic":${str(e.topic)},"traceId":${str(e.traceId)}}`;
}

/** True when the data of a `msg.*` event is a message record (compact or whole). */
export function isEnvelopeRecord(data: JsonObject): boolean {
  return typeof data['id'] === 'string' && Array.isArray(data['hops']) && typeof data['createdAt'] === 'number';
}

/**
 * The data of an event read back from its line, as live listeners saw it: a message's record expanded into its
 * envelope, any other event's data as it is.
 */
export function eventDataOfLine(type: string, data: JsonObject): JsonObject {
  return type.startsWith('msg.') && isEnvelopeRecord(data) ? (envelopeOfRecord(data) as unknown as JsonObject) : data;
}

/** The Envelope a record describes (a parsed record; a whole envelope is returned as it is). */
export function envelopeOfRecord(data: JsonObject): Envelope {
  const record = data as unknown as Envelope & { format?: string; hops: (Hop | Json[])[] };
  if (!record.hops.some(Array.isArray)) return record as Envelope;
  const { format: firstFormat, ...rest } = record;
  const hops: Hop[] = [];
  let previousFormat = firstFormat;
  for (let i = 0; i < record.hops.length; i++) {
    const tuple = record.hops[i];
    if (!Array.isArray(tuple)) throw new Error(`message ${record.id}: hop ${i} mixes a whole hop into a compact record`);
    const [spanId, link, sentAt, deliveredAt, attempts, extras] = tuple as unknown as [string, string, number, number | null, number, JsonObject | undefined];
    const hop: Hop = {
      index: i,
      from: record.path[i]!,
      to: record.path[i + 1]!,
      link,
      spanId,
      parentSpanId: i === 0 ? record.spanId : hops[i - 1]!.spanId,
      sentAt,
      attempts,
      status: deliveredAt === null ? 'in-flight' : 'delivered',
    };
    if (deliveredAt !== null) hop.deliveredAt = deliveredAt;
    const format = extras !== undefined && 'format' in extras ? (extras['format'] === null ? undefined : (extras['format'] as string)) : previousFormat;
    if (format !== undefined) hop.format = format;
    if (extras !== undefined) {
      if (typeof extras['status'] === 'string') hop.status = extras['status'] as HopStatus;
      if (extras['payload'] !== undefined) hop.payload = extras['payload'];
      if (typeof extras['measured'] === 'boolean') hop.measured = extras['measured'];
      if (typeof extras['error'] === 'string') hop.error = extras['error'];
    }
    previousFormat = format;
    hops.push(hop);
  }
  return { ...rest, hops } as Envelope;
}
