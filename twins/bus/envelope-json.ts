// Canonical JSON of a whole envelope, written by hand with its keys already in sorted order: the form a message
// record falls back to when it cannot be compact (envelope-record.ts). The generic JsonWriter.json (which sorts
// keys at every level) costs ~3× more. A property test pins the two to the same bytes.
import { writtenText, type JsonWriter } from '../kernel/json-writer';
import type { Envelope, Hop } from './envelope';

/** `key` is the literal `,"name":` (or `{"name":`) that precedes the value. */
function stringField(w: JsonWriter, key: string, value: string | undefined): void {
  if (value === undefined) return;
  w.raw(key);
  w.string(value);
}

function numberField(w: JsonWriter, key: string, value: number | undefined): void {
  if (value === undefined) return;
  w.raw(key);
  w.number(value);
}

function writeHop(w: JsonWriter, h: Hop): void {
  numberField(w, '{"attempts":', h.attempts);
  numberField(w, ',"deliveredAt":', h.deliveredAt);
  stringField(w, ',"error":', h.error);
  stringField(w, ',"format":', h.format);
  stringField(w, ',"from":', h.from);
  numberField(w, ',"index":', h.index);
  stringField(w, ',"link":', h.link);
  if (h.measured !== undefined) w.raw(h.measured ? ',"measured":true' : ',"measured":false');
  stringField(w, ',"parentSpanId":', h.parentSpanId);
  if (h.payload !== undefined) {
    w.raw(',"payload":');
    w.json(h.payload);
  }
  numberField(w, ',"sentAt":', h.sentAt);
  stringField(w, ',"spanId":', h.spanId);
  stringField(w, ',"status":', h.status);
  stringField(w, ',"to":', h.to);
  w.byte(0x7d);
}

/** The fields that sort before "hops", shared with the compact record: `{"architecture":…` up to "failure". */
export function writeEnvelopeHead(w: JsonWriter, e: Envelope): void {
  stringField(w, '{"architecture":', e.architecture);
  numberField(w, ',"completedAt":', e.completedAt);
  stringField(w, ',"correlationId":', e.correlationId);
  numberField(w, ',"createdAt":', e.createdAt);
  stringField(w, ',"destination":', e.destination);
  stringField(w, ',"error":', e.error);
  stringField(w, ',"failure":', e.failure);
}

/** The fields after "hops", shared with the compact record: `,"id":…` to the closing brace. */
export function writeEnvelopeTail(w: JsonWriter, e: Envelope): void {
  stringField(w, ',"id":', e.id);
  stringField(w, ',"kind":', e.kind);
  stringField(w, ',"parentSpanId":', e.parentSpanId);
  w.raw(',"path":[');
  for (let i = 0; i < e.path.length; i++) {
    if (i > 0) w.byte(0x2c);
    w.string(e.path[i]!);
  }
  w.raw('],"payload":');
  w.json(e.payload);
  stringField(w, ',"source":', e.source);
  stringField(w, ',"spanId":', e.spanId);
  stringField(w, ',"status":', e.status);
  stringField(w, ',"topic":', e.topic);
  stringField(w, ',"traceId":', e.traceId);
  w.byte(0x7d);
}

export function writeEnvelope(w: JsonWriter, e: Envelope): void {
  writeEnvelopeHead(w, e);
  w.raw(',"hops":[');
  for (let i = 0; i < e.hops.length; i++) {
    if (i > 0) w.byte(0x2c);
    writeHop(w, e.hops[i]!);
  }
  w.byte(0x5d);
  writeEnvelopeTail(w, e);
}

export function envelopeCanonicalJson(e: Envelope): string {
  return writtenText((w) => writeEnvelope(w, e));
}
