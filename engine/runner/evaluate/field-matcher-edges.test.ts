// The matcher's edges that a flipped condition would blur: what counts as an operator object or a twin
// reference, exclusive bounds, `contains` on mismatched types, regex groups that are empty, missing or compared
// with a twin's live value at exactly the tolerance. Each case pairs the value accepted with the nearest refused.
import { describe, expect, it } from 'vitest';
import { compiledRegex, describeFields, isOperatorObject, isStateRef, matchValue } from './field-matcher';

describe('what a matcher object is', () => {
  it('is an operator test only when every key (and at least one) is an operator', () => {
    expect(isOperatorObject({ gte: 1, lte: 2 })).toBe(true);
    expect(isOperatorObject({})).toBe(false);
    expect(isOperatorObject({ gte: 1, unit: 'kW' })).toBe(false);
    // So a field literally named `gte` next to another field is matched as data, not as a bound.
    expect(matchValue({ gte: 5, unit: 'kW' }, { gte: 5, unit: 'kW' })).toBe(true);
    expect(matchValue({ gte: 5, unit: 'kW' }, { gte: 9, unit: 'kW' })).toBe(false);
  });

  it('is a twin reference only with a string twin and a string path', () => {
    expect(isStateRef({ twin: 'vehicle/car1', path: 'Vehicle.Speed' })).toBe(true);
    expect(isStateRef({ twin: 'vehicle/car1' })).toBe(false);
    expect(isStateRef({ path: 'Vehicle.Speed' })).toBe(false);
    expect(isStateRef({ twin: 1, path: 'Vehicle.Speed' })).toBe(false);
    expect(isStateRef('vehicle/car1')).toBe(false);
  });

  it('needs every field of a subset to match, not just one', () => {
    expect(matchValue({ a: 1, b: 2 }, { a: 1, b: 2, c: 3 })).toBe(true);
    expect(matchValue({ a: 1, b: 2 }, { a: 1, b: 3 })).toBe(false);
  });
});

describe('operators at their edges', () => {
  it('gt and lt exclude their bound; bounds never coerce a non-number', () => {
    expect([matchValue({ gt: 5 }, 5.001), matchValue({ gt: 5 }, 5)]).toEqual([true, false]);
    expect([matchValue({ lt: 5 }, 4.999), matchValue({ lt: 5 }, 5)]).toEqual([true, false]);
    expect(matchValue({ lt: 10 }, '5')).toBe(false);
    expect(matchValue({ gt: 1 }, '5')).toBe(false);
  });

  it('contains: a substring of a string, an item of an array, nothing else', () => {
    expect(matchValue({ contains: 'rain' }, 'rainstorm')).toBe(true);
    expect(matchValue({ contains: 'rain' }, 5)).toBe(false);
    expect(matchValue({ contains: 5 }, 'a5')).toBe(false);
    expect(matchValue({ contains: 'x' }, { x: 1 })).toBe(false);
  });

  it('matches only with a string pattern, and an invalid pattern matches nothing', () => {
    expect(matchValue({ matches: 5 }, '5')).toBe(false);
    expect(matchValue({ matches: '^5$' }, 5)).toBe(true);
    expect(matchValue({ matches: '(' }, '(')).toBe(false);
    expect(compiledRegex('(')).toBeNull();
    expect(compiledRegex('^a+$')).toBe(compiledRegex('^a+$'));
    expect(compiledRegex('^a+$')?.test('aaa')).toBe(true);
  });
});

describe('regex groups', () => {
  const speed = (groups: Record<string, unknown>, text: string, live?: unknown) =>
    matchValue({ matches: '^(?<n>\\S*) km/h(?: (?<unit>\\w+))?$', groups }, text, { readState: () => live });

  it('must all match, and a group that did not take part fails', () => {
    expect(speed({ n: 80 }, '80 km/h')).toBe(true);
    expect(speed({ n: 80, unit: 'max' }, '80 km/h max')).toBe(true);
    expect(speed({ n: 80, unit: 'max' }, '80 km/h min')).toBe(false);
    expect(speed({ unit: 'max' }, '80 km/h')).toBe(false);
  });

  it('compares a number as a number and anything else as text', () => {
    expect(speed({ n: { gte: 79.5 } }, '80 km/h')).toBe(true);
    expect(speed({ n: '' }, ' km/h')).toBe(true);
    expect(speed({ n: 0 }, ' km/h')).toBe(false);
    expect(speed({ n: 'fast' }, 'fast km/h')).toBe(true);
    expect(speed({ n: '1e3' }, '1e3 km/h')).toBe(false);
    expect(speed({ n: 1000 }, '1e3 km/h')).toBe(true);
  });

  it('against a twin: within the tolerance (inclusive), scaled; text only against text', () => {
    const ref = (extra: object = {}) => ({ n: { twin: 'vehicle/car1', path: 'Vehicle.Speed', ...extra } });
    expect(speed(ref(), '80 km/h', 80)).toBe(true);
    expect(speed(ref(), '80 km/h', 81)).toBe(false);
    expect(speed(ref({ tolerance: 1 }), '80 km/h', 81)).toBe(true);
    expect(speed(ref({ tolerance: 0.5 }), '80 km/h', 81)).toBe(false);
    expect(speed(ref({ scale: 0.001 }), '80 km/h', 80_000)).toBe(true);
    expect(speed(ref(), 'fast km/h', 'fast')).toBe(true);
    expect(speed(ref(), 'fast km/h', 'slow')).toBe(false);
    expect(speed(ref(), '80 km/h', '80')).toBe(false);
    expect(speed(ref(), 'fast km/h', 80)).toBe(false);
    expect(speed(ref(), 'fast km/h', undefined)).toBe(false);
  });
});

describe('describeFields', () => {
  it('writes a matcher as canonical JSON, keys sorted', () => {
    expect(describeFields({ text: { matches: '^Range' }, a: 1 })).toBe('{"a":1,"text":{"matches":"^Range"}}');
  });
});
