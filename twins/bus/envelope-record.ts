// The canonical record of a finished message: what `msg.delivered` / `msg.failed` put in the event stream.
// Every message of a run is serialised and hashed once, so at 200k messages a second the bytes per message are
// the bus's main cost. The record therefore leaves out what the rest of it already says — a hop's from/to
// (the path), index (its place), parent span (the previous span) and status when its times say it — and writes
// each hop as a tuple: [spanId, link, sentAt, deliveredAt | null, attempts, extras?], where extras holds the
// rare fields (error, a changed format, a translated payload, measured, a status the times do not imply).
// envelopeOfRecord turns a record back into the exact Envelope (a property test pins the round trip), and still
// reads whole envelopes, which older recordings and envelopes breaking those invariants are stored as.
import { writtenText, type JsonWriter } from '../kernel/json-writer';
import type { Json } from '../kernel/types';
import type { Envelope, Hop, HopStatus } from './envelope';
import { writeEnvelope, writeEnvelopeHead, writeEnvelopeTail } from './envelope-json';

type JsonObject = { [key: string]: Json };

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

function writeHopTuple(w: JsonWriter, h: Hop, previousFormat: string | undefined): void {
  w.byte(0x5b);
  w.string(h.spanId);
  w.byte(0x2c);
  w.string(h.link);
  w.byte(0x2c);
  w.number(h.sentAt);
  w.byte(0x2c);
  if (h.deliveredAt === undefined) w.raw('null');
  else w.number(h.deliveredAt);
  w.byte(0x2c);
  w.number(h.attempts);
  const formatChanged = h.format !== previousFormat;
  const statusImplied = h.status === impliedStatus(h);
  if (h.error !== undefined || formatChanged || h.measured !== undefined || h.payload !== undefined || !statusImplied) {
    // The rare fields, in sorted key order; each after the first is preceded by a comma.
    let separator = ',{';
    if (h.error !== undefined) {
      w.raw(`${separator}"error":`);
      w.string(h.error);
      separator = ',';
    }
    if (formatChanged) {
      w.raw(`${separator}"format":`);
      if (h.format === undefined) w.raw('null');
      else w.string(h.format);
      separator = ',';
    }
    if (h.measured !== undefined) {
      w.raw(`${separator}"measured":${h.measured ? 'true' : 'false'}`);
      separator = ',';
    }
    if (h.payload !== undefined) {
      w.raw(`${separator}"payload":`);
      w.json(h.payload);
      separator = ',';
    }
    if (!statusImplied) {
      w.raw(`${separator}"status":`);
      w.string(h.status);
    }
    w.byte(0x7d);
  }
  w.byte(0x5d);
}

/**
 * Writes the canonical JSON (sorted keys) of the message's record. The bus passes `compactable: true`: its
 * envelopes are compactable by construction (its tests check isCompactable on every envelope they make), so it
 * skips the check.
 */
export function writeEnvelopeRecord(w: JsonWriter, e: Envelope, compactable = isCompactable(e)): void {
  if (e.hops.length === 0 || !compactable) return writeEnvelope(w, e);
  writeEnvelopeHead(w, e);
  const firstFormat = e.hops[0]!.format;
  if (firstFormat !== undefined) {
    w.raw(',"format":');
    w.string(firstFormat);
  }
  w.raw(',"hops":[');
  let previousFormat = firstFormat;
  for (let i = 0; i < e.hops.length; i++) {
    const h = e.hops[i]!;
    if (i > 0) w.byte(0x2c);
    writeHopTuple(w, h, previousFormat);
    previousFormat = h.format;
  }
  w.byte(0x5d);
  writeEnvelopeTail(w, e);
}

/** The record as text (tests, benchmarks, anything off the bus's hot path). */
export function envelopeRecordJson(e: Envelope, compactable = isCompactable(e)): string {
  return writtenText((w) => writeEnvelopeRecord(w, e, compactable));
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
