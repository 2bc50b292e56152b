import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Bytes, utf8Text } from './utf8';

const samples = ['', 'plain ascii', '车家互联 — 家居模式', 'emoji 🚗🏠', 'lone \ud800 surrogate', 'ß€𝄞'];

describe('utf8Bytes', () => {
  it.each(samples)('matches TextEncoder for %j', (text) => {
    expect([...utf8Bytes(text)]).toEqual([...new TextEncoder().encode(text)]);
  });
});

describe('utf8Text', () => {
  it.each(samples)('matches TextDecoder for %j', (text) => {
    expect(utf8Text(utf8Bytes(text))).toBe(new TextDecoder().decode(utf8Bytes(text)));
  });

  it('reads back any well-formed text, including texts longer than one decoding chunk and a slice of a buffer', () => {
    const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 3000 }), fc.string({ maxLength: 9000 }));
    fc.assert(fc.property(text, text, (before, middle) => {
      const bytes = utf8Bytes(before + middle + '!');
      const start = utf8Bytes(before).length;
      expect(utf8Text(bytes, start, bytes.length - 1)).toBe(middle);
    }), { numRuns: 300 });
  });
});
