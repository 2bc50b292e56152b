// Canonical JSON of a whole envelope, written by hand with its keys already in sorted order: the form a message
// record falls back to when it cannot be compact (envelope-record.ts). The generic JsonWriter.json (which sorts
// keys at every level) costs ~3× more. A property test pins the two to the same bytes.
import { writtenText, type JsonWriter } from '../kernel/json-writer';
import type { Envelope, Hop } from './envelope';

function writeHop(w: JsonWriter, h: Hop): void {
  w.raw('{"attempts":');
  w.number(h.attempts);
  if (h.deliveredAt !== undefined) {
    w.raw(',"deliveredAt":');
    w.number(h.deliveredAt);
  }
  if (h.error !== undefined) {
    w.raw(',"error":');
    w.string(h.error);
  }
  if (h.format !== undefined) {
    w.raw(',"format":');
    w.string(h.format);
  }
  w.raw(',"from":');
  w.string(h.from);
  w.raw(',"index":');
  w.number(h.index);
  w.raw(',"link":');
  w.string(h.link);
  if (h.measured !== undefined) w.raw(h.measured ? ',"measured":true' : ',"measured":false');
  w.raw(',"parentSpanId":');
  w.string(h.parentSpanId);
  if (h.payload !== undefined) {
    w.raw(',"payload":');
    w.json(h.payload);
  }
  w.raw(',"sentAt":');
  w.number(h.sentAt);
  w.raw(',"spanId":');
  w.string(h.spanId);
  w.raw(',"status":');
  w.string(h.status);
  w.raw(',"to":');
  w.string(h.to);
  w.byte(0x7d);
}

/** The fields that sort before "hops", shared with the compact record: `{"architecture":…` up to "failure". */
export function writeEnvelopeHead(w: JsonWriter, e: Envelope): void {
  w.raw('{"architecture":');
  w.string(e.architecture);
  if (e.completedAt !== undefined) {
    w.raw(',"completedAt":');
    w.number(e.completedAt);
  }
  if (e.correlationId !== undefined) {
    w.raw(',"correlationId":');
    w.string(e.correlationId);
  }
  w.raw(',"createdAt":');
  w.number(e.createdAt);
  w.raw(',"destination":');
  w.string(e.destination);
  if (e.error !== undefined) {
    w.raw(',"error":');
    w.string(e.error);
  }
  if (e.failure !== undefined) {
    w.raw(',"failure":');
    w.string(e.failure);
  }
}

/** The fields after "hops", shared with the compact record: `,"id":…` to the closing brace. */
export function writeEnvelopeTail(w: JsonWriter, e: Envelope): void {
  w.raw(',"id":');
  w.string(e.id);
  w.raw(',"kind":');
  w.string(e.kind);
  if (e.parentSpanId !== undefined) {
    w.raw(',"parentSpanId":');
    w.string(e.parentSpanId);
  }
  w.raw(',"path":[');
  for (let i = 0; i < e.path.length; i++) {
    if (i > 0) w.byte(0x2c);
    w.string(e.path[i]!);
  }
  w.raw('],"payload":');
  w.json(e.payload);
  w.raw(',"source":');
  w.string(e.source);
  w.raw(',"spanId":');
  w.string(e.spanId);
  w.raw(',"status":');
  w.string(e.status);
  w.raw(',"topic":');
  w.string(e.topic);
  w.raw(',"traceId":');
  w.string(e.traceId);
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
