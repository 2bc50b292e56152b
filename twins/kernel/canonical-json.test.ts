import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import type { Json } from './types';

/** JSON with keys sorted at every level, the slow obvious way: the reference canonicalJson must match. */
function sortedStringify(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(sortedStringify).join(',')}]`;
  return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${sortedStringify(value[k]!)}`).join(',')}}`;
}

describe('canonicalJson', () => {
  it('equals JSON.stringify of the value with its keys sorted at every level', () => {
    const json = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.parse(JSON.stringify(v)) as Json);
    fc.assert(fc.property(json, (value) => void expect(canonicalJson(value)).toBe(sortedStringify(value))), { numRuns: 5000 });
  });

  it('sorts integer-like keys as strings, as it does every other key', () => {
    expect(canonicalJson({ 10: 'a', 9: 'b', b: 1, a: 2 })).toBe('{"10":"a","9":"b","a":2,"b":1}');
  });

  it('leaves out undefined fields, like JSON.stringify', () => {
    expect(canonicalJson({ b: undefined, a: 1 } as unknown as Json)).toBe('{"a":1}');
  });
});

describe('key order', () => {
  it('is the order Array.prototype.sort gives, for small and large objects alike', () => {
    const keys = fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 6 }), { maxLength: 40 });
    fc.assert(fc.property(keys, (list) => {
      const value = Object.fromEntries(list.map((k, i) => [k, i]));
      const expected = Object.keys(value).sort();
      // JSON.parse would put integer-like keys first again: read the key order from the written text (values are numbers).
      const written = [...canonicalJson(value).matchAll(/"((?:[^"\\]|\\.)*)":/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
      expect(written).toEqual(expected);
    }), { numRuns: 3000 });
  });
});
