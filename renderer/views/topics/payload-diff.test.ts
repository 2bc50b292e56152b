import { describe, expect, it } from 'vitest';
import { diffPayloads, leaves, numberAt, numericPaths } from './payload-diff';

describe('payload diff', () => {
  it('names each changed, added and removed leaf by its path', () => {
    const before = { attributes: { power_limit_kw: 7.4, mode: 'eco' }, list: [1, 2], gone: true };
    const after = { attributes: { power_limit_kw: 3.7, mode: 'eco' }, list: [1, 2, 3], extra: null };
    expect(diffPayloads(before, after)).toEqual([
      { path: 'attributes.power_limit_kw', kind: 'changed', before: 7.4, after: 3.7 },
      { path: 'gone', kind: 'removed', before: true },
      { path: 'list[2]', kind: 'added', after: 3 },
      { path: 'extra', kind: 'added', after: null },
    ]);
  });

  it('finds no change between equal payloads, and tells a type change from a value change', () => {
    expect(diffPayloads({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
    expect(diffPayloads({ a: 1 }, { a: '1' })).toEqual([{ path: 'a', kind: 'changed', before: 1, after: '1' }]);
    expect(diffPayloads(1, 2)).toEqual([{ path: '(value)', kind: 'changed', before: 1, after: 2 }]);
    // An object that empties is a change of its own, not silence.
    expect(diffPayloads({ a: { b: 1 } }, { a: {} })).toEqual([{ path: 'a.b', kind: 'removed', before: 1 }, { path: 'a', kind: 'added', after: {} }]);
  });

  it('offers only finite numeric leaves to plot', () => {
    const payload = { kw: 7.4, name: 'x', nested: { soc: 55, flag: true }, arr: [3] };
    expect(numericPaths(payload)).toEqual(['kw', 'nested.soc', 'arr[0]']);
    expect(numberAt(payload, 'nested.soc')).toBe(55);
    expect(numberAt(payload, 'name')).toBeUndefined();
    expect(numberAt(payload, 'missing')).toBeUndefined();
    // A hostile payload's own `__proto__` key (JSON.parse makes one) is just a path: read, never assigned through.
    expect([...leaves(JSON.parse('{"__proto__":{"polluted":1}}') as never)]).toEqual([['__proto__.polluted', 1]]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
