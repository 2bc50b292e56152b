import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonWriter, writtenText } from './json-writer';
import type { Json } from './types';
import { utf8Bytes } from './utf8';

const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }),
  fc.constantFrom('"', '\\', '\n', '\u007f', '\u2028', '\ud800', 'a\udc00b', '😀', '车家互联'));

describe('JsonWriter', () => {
  it('writes a string as the UTF-8 of JSON.stringify, for any string', () => {
    fc.assert(fc.property(anyText, (text) => {
      const writer = new JsonWriter(4);
      writer.string(text);
      expect([...writer.bytes.subarray(0, writer.length)]).toEqual([...utf8Bytes(JSON.stringify(text))]);
      expect(writer.textOf()).toBe(JSON.stringify(text));
    }), { numRuns: 20_000 });
  });

  it('writes numbers as JSON.stringify does: times of microsecond resolution and any other double', () => {
    const microseconds = fc.integer({ min: -1e15, max: 1e15 }).map((us) => us / 1000);
    const anyDouble = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(fc.property(fc.oneof(microseconds, anyDouble, fc.nat()), (n) => void expect(writtenText((w) => w.number(n))).toBe(JSON.stringify(n))), { numRuns: 100_000 });
    for (const n of [0, -0, 0.001, -0.001, 0.01, 0.1, 0.5, 1.05, 1.5, 1.12, 1.007, 9, 10, 99, 100, 165.282, 999.999, 1e12 - 0.001, 1e12, 1e12 + 0.5, 2 ** 31, 2 ** 53, 1e21, 5e-7]) {
      expect(writtenText((w) => w.number(n))).toBe(JSON.stringify(n));
    }
  });

  it('rejects non-finite numbers and leaves what it had written', () => {
    const writer = new JsonWriter();
    writer.raw('[1,');
    for (const n of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) expect(() => writer.number(n)).toThrow(/non-finite/);
    expect(writer.textOf()).toBe('[1,');
  });

  it('grows past its capacity without losing what it holds', () => {
    const writer = new JsonWriter(2);
    const value: Json = { list: Array.from({ length: 500 }, (_, i) => `item ${i} — ${'x'.repeat(i % 7)}`), n: 12.5 };
    writer.json(value);
    expect(JSON.parse(writer.textOf())).toEqual(value);
    expect(writer.bytes.length).toBeGreaterThanOrEqual(writer.length);
  });

  it('gives a nested writtenText its own writer', () => {
    const text = writtenText((outer) => {
      outer.raw('[');
      outer.string(writtenText((inner) => inner.json({ b: 1, a: 2 })));
      outer.raw(']');
    });
    expect(text).toBe('["{\\"a\\":2,\\"b\\":1}"]');
  });
});
