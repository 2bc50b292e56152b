import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../kernel/canonical-json';
import type { Json } from '../kernel/types';
import type { Envelope, Hop } from './envelope';
import { envelopeCanonicalJson } from './envelope-json';
import { envelopeOfRecord, envelopeRecordJson } from './envelope-record';

const text = fc.string({ maxLength: 12 });
const time = fc.oneof(fc.integer({ min: 0, max: 1e9 }), fc.double({ min: -0, max: 1e9, noNaN: true, noDefaultInfinity: true }));
const json: fc.Arbitrary<Json> = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as Json);
const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });

const hopFields = fc.record({
  link: text, spanId: text, sentAt: time, deliveredAt: optional(time), attempts: fc.nat(5),
  status: fc.constantFrom('in-flight', 'delivered', 'lost', 'failed'),
  format: optional(fc.constantFrom('vehicle-cloud/v1', 'home-cloud/v1', 'opaque')), payload: optional(json),
  measured: optional(fc.boolean()), error: optional(text),
});

const envelopeFields = fc.record({
  id: text, traceId: text, spanId: text, parentSpanId: optional(text), source: text, destination: text, topic: text,
  kind: fc.constantFrom('command', 'response', 'event', 'query'), payload: json, correlationId: optional(text),
  architecture: fc.constantFrom('cloud-cloud', 'direct', 'phone-proxy', 'local'), createdAt: time,
  status: fc.constantFrom('in-flight', 'delivered', 'failed'), completedAt: optional(time), error: optional(text),
  failure: optional(fc.constantFrom('lost', 'timeout', 'no-route')),
});

/** Envelopes as the bus makes them: hops follow the path and chain their spans (the compact form applies). */
const busLikeEnvelope: fc.Arbitrary<Envelope> = fc
  .tuple(envelopeFields, fc.array(text, { minLength: 2, maxLength: 7 }), fc.array(hopFields, { maxLength: 6 }))
  .map(([fields, path, rawHops]) => {
    const hops: Hop[] = rawHops.slice(0, path.length - 1).map((h, i) => dropUndefined({ ...h, index: i, from: path[i]!, to: path[i + 1]!, parentSpanId: '' }));
    hops.forEach((h, i) => (h.parentSpanId = i === 0 ? fields.spanId : hops[i - 1]!.spanId));
    return dropUndefined({ ...fields, path, hops }) as Envelope;
  });

/** Anything shaped like an envelope, invariants or not (the record then falls back to the whole envelope). */
const anyEnvelope: fc.Arbitrary<Envelope> = fc
  .tuple(envelopeFields, fc.array(text, { maxLength: 6 }), fc.array(fc.tuple(hopFields, fc.nat(10), text, text, text), { maxLength: 6 }))
  .map(([fields, path, hops]) =>
    dropUndefined({ ...fields, path, hops: hops.map(([h, index, from, to, parentSpanId]) => dropUndefined({ ...h, index, from, to, parentSpanId })) }) as Envelope);

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** What a reader gets back from a stored line. */
const readBack = (env: Envelope): Envelope => envelopeOfRecord(JSON.parse(envelopeRecordJson(env)) as { [key: string]: Json });
/** The envelope as JSON can carry it (-0 becomes 0). */
const asJson = (env: Envelope): Envelope => JSON.parse(JSON.stringify(env)) as Envelope;

describe('the message record', () => {
  it('gives back exactly the envelope the bus made, and is canonical JSON', () => {
    fc.assert(
      fc.property(busLikeEnvelope, (env) => {
        const record = envelopeRecordJson(env);
        expect(record).toBe(canonicalJson(JSON.parse(record) as Json));
        expect(readBack(env)).toEqual(asJson(env));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives back any envelope, storing it whole when its hops say more than the path does', () => {
    fc.assert(fc.property(anyEnvelope, (env) => void expect(readBack(env)).toEqual(asJson(env))), { numRuns: 2000 });
  });

  it('is much smaller than the whole envelope for a delivered three-hop message', () => {
    const env = fc.sample(busLikeEnvelope.filter((e) => e.hops.length >= 3 && e.hops.every((h) => h.payload === undefined)), { numRuns: 1, seed: 7 })[0]!;
    expect(envelopeRecordJson(env).length).toBeLessThan(envelopeCanonicalJson(env).length * 0.8);
  });

  it('reads a whole envelope (older recordings) as it is', () => {
    const env = fc.sample(busLikeEnvelope, { numRuns: 1, seed: 3 })[0]!;
    const whole = JSON.parse(envelopeCanonicalJson(env)) as { [key: string]: Json };
    expect(envelopeOfRecord(whole)).toEqual(asJson(env));
  });

  it('rejects non-finite numbers like canonicalJson does', () => {
    const env = fc.sample(busLikeEnvelope.filter((e) => e.hops.length > 0), { numRuns: 1, seed: 1 })[0]!;
    expect(() => envelopeRecordJson({ ...env, createdAt: Number.NaN })).toThrow(/non-finite/);
  });
});
