import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../kernel/canonical-json';
import type { Json } from '../kernel/types';
import type { Envelope, Hop } from './envelope';
import { envelopeCanonicalJson } from './envelope-json';

const text = fc.string({ maxLength: 12 });
const time = fc.oneof(fc.integer({ min: 0, max: 1e9 }), fc.double({ min: 0, max: 1e9, noNaN: true, noDefaultInfinity: true }));
const json: fc.Arbitrary<Json> = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as Json);
const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });

const hop: fc.Arbitrary<Hop> = fc
  .record({
    index: fc.nat(10), from: text, to: text, link: text, spanId: text, parentSpanId: text, sentAt: time,
    deliveredAt: optional(time), attempts: fc.nat(5), status: fc.constantFrom('in-flight', 'delivered', 'lost', 'failed'),
    format: optional(text), payload: optional(json), measured: optional(fc.boolean()), error: optional(text),
  })
  .map(dropUndefined) as fc.Arbitrary<Hop>;

const envelope: fc.Arbitrary<Envelope> = fc
  .record({
    id: text, traceId: text, spanId: text, parentSpanId: optional(text), source: text, destination: text, topic: text,
    kind: fc.constantFrom('command', 'response', 'event', 'query'), payload: json, correlationId: optional(text),
    architecture: fc.constantFrom('cloud-cloud', 'direct', 'phone-proxy', 'local'), createdAt: time,
    path: fc.array(text, { maxLength: 6 }), hops: fc.array(hop, { maxLength: 6 }),
    status: fc.constantFrom('in-flight', 'delivered', 'failed'), completedAt: optional(time), error: optional(text),
    failure: optional(fc.constantFrom('lost', 'timeout', 'no-route')),
  })
  .map(dropUndefined) as fc.Arbitrary<Envelope>;

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

describe('envelopeCanonicalJson', () => {
  it('writes exactly the bytes canonicalJson would, for any envelope', () => {
    fc.assert(
      fc.property(envelope, (env) => {
        expect(envelopeCanonicalJson(env)).toBe(canonicalJson(env as unknown as Json));
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects non-finite numbers like canonicalJson does', () => {
    const env = fc.sample(envelope, 1)[0]!;
    expect(() => envelopeCanonicalJson({ ...env, createdAt: Number.POSITIVE_INFINITY })).toThrow(/non-finite/);
  });
});
