// Canonical JSON of an envelope, written by hand with its keys already in sorted order. Every delivered or failed
// message puts its envelope in the canonical stream, so this is the hottest serialisation of a run; the generic
// canonicalJson (which sorts keys at every level) costs ~3× more. A property test pins the two to the same bytes.
import { canonicalJson, canonicalNumber as num, quoteJson as str } from '../kernel/canonical-json';
import type { Envelope, Hop } from './envelope';



function hopJson(h: Hop): string {
  let out = `{"attempts":${num(h.attempts)}`;
  if (h.deliveredAt !== undefined) out += `,"deliveredAt":${num(h.deliveredAt)}`;
  if (h.error !== undefined) out += `,"error":${str(h.error)}`;
  if (h.format !== undefined) out += `,"format":${str(h.format)}`;
  out += `,"from":${str(h.from)},"index":${num(h.index)},"link":${str(h.link)}`;
  if (h.measured !== undefined) out += `,"measured":${h.measured ? 'true' : 'false'}`;
  out += `,"parentSpanId":${str(h.parentSpanId)}`;
  if (h.payload !== undefined) out += `,"payload":${canonicalJson(h.payload)}`;
  return `${out},"sentAt":${num(h.sentAt)},"spanId":${str(h.spanId)},"status":${str(h.status)},"to":${str(h.to)}}`;
}

/** The fields that sort before "hops", shared with the compact record: `{"architecture":…` up to "failure". */
export function envelopeHeadJson(e: Envelope, architectureJson: string = str(e.architecture)): string {
  let out = `{"architecture":${architectureJson}`;
  if (e.completedAt !== undefined) out += `,"completedAt":${num(e.completedAt)}`;
  if (e.correlationId !== undefined) out += `,"correlationId":${str(e.correlationId)}`;
  out += `,"createdAt":${num(e.createdAt)},"destination":${str(e.destination)}`;
  if (e.error !== undefined) out += `,"error":${str(e.error)}`;
  if (e.failure !== undefined) out += `,"failure":${str(e.failure)}`;
  return out;
}

export function envelopeCanonicalJson(e: Envelope): string {
  let out = envelopeHeadJson(e);
  out += ',"hops":[';
  for (let i = 0; i < e.hops.length; i++) out += (i > 0 ? ',' : '') + hopJson(e.hops[i]!);
  out += `],"id":${str(e.id)},"kind":${str(e.kind)}`;
  if (e.parentSpanId !== undefined) out += `,"parentSpanId":${str(e.parentSpanId)}`;
  out += ',"path":[';
  for (let i = 0; i < e.path.length; i++) out += (i > 0 ? ',' : '') + str(e.path[i]!);
  out += `],"payload":${canonicalJson(e.payload)},"source":${str(e.source)},"spanId":${str(e.spanId)}`;
  return `${out},"status":${str(e.status)},"topic":${str(e.topic)},"traceId":${str(e.traceId)}}`;
}
