// Every matcher on both sides: the value it must accept and the nearest value it must refuse, on event data,
// on a message's original payload and on the payload after the hub's translation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../../twins/kernel/event-log';
import type { Json } from '../../../twins/kernel/types';
import { matchesEvent } from '../event-matcher';
import { OPERATORS, matchValue } from './field-matcher';
import { checkMatcher } from '../../scenario/schema-matchers';

describe('plain values and subsets', () => {
  it('a scalar must be equal; null matches a missing field, as before', () => {
    expect(matchValue('locked', 'locked')).toBe(true);
    expect(matchValue('locked', 'unlocked')).toBe(false);
    expect(matchValue(3, '3')).toBe(false);
    expect(matchValue(null, undefined)).toBe(true);
    expect(matchValue(null, 0)).toBe(false);
  });

  it('an object matches as a subset, recursively; a missing or different nested field fails', () => {
    const payload = { capability: 'climate', attributes: { temperature: 22, hvac_mode: 'heat' } };
    expect(matchValue({ attributes: { temperature: 22 } }, payload)).toBe(true);
    expect(matchValue({ attributes: { temperature: 23 } }, payload)).toBe(false);
    expect(matchValue({ attributes: { fan: 'on' } }, payload)).toBe(false);
    expect(matchValue({ attributes: {} }, 'not an object')).toBe(false);
  });

  it('an array is compared whole; equals compares an object exactly', () => {
    expect(matchValue([1, 2], [1, 2])).toBe(true);
    expect(matchValue([1, 2], [1, 2, 3])).toBe(false);
    expect(matchValue({ equals: { a: 1 } }, { a: 1 })).toBe(true);
    expect(matchValue({ equals: { a: 1 } }, { a: 1, b: 2 })).toBe(false);
  });
});

describe('operators', () => {
  it('matches: a regular expression on a string (or a number as text)', () => {
    expect(matchValue({ matches: '^Range is \\d+ km' }, 'Range is 300 km with the battery at 64 %')).toBe(true);
    expect(matchValue({ matches: '^Range is \\d+ km' }, "Sorry, I can't help with \"How much range is left?\"")).toBe(false);
    expect(matchValue({ matches: '^25\\d$' }, 250)).toBe(true);
    expect(matchValue({ matches: '.*' }, { text: 'x' })).toBe(false);
  });

  it('gte/lte/gt/lt: a numeric range, bounds inclusive or exclusive as written', () => {
    expect(matchValue({ gte: 20, lte: 24 }, 20)).toBe(true);
    expect(matchValue({ gte: 20, lte: 24 }, 24)).toBe(true);
    expect(matchValue({ gte: 20, lte: 24 }, 19.999)).toBe(false);
    expect(matchValue({ gte: 20, lte: 24 }, 24.001)).toBe(false);
    expect(matchValue({ gt: 20 }, 20)).toBe(false);
    expect(matchValue({ lt: 24 }, 23.999)).toBe(true);
    expect(matchValue({ gte: 0 }, '5')).toBe(false);
  });

  it('in: one of a list', () => {
    expect(matchValue({ in: ['declined', 'timeout'] }, 'timeout')).toBe(true);
    expect(matchValue({ in: ['declined', 'timeout'] }, 'confirmed')).toBe(false);
  });

  it('exists: present and not null, or absent', () => {
    expect(matchValue({ exists: true }, 0)).toBe(true);
    expect(matchValue({ exists: true }, undefined)).toBe(false);
    expect(matchValue({ exists: true }, null)).toBe(false);
    expect(matchValue({ exists: false }, undefined)).toBe(true);
    expect(matchValue({ exists: false }, 'x')).toBe(false);
  });

  it('contains: an array item (itself a matcher) or a substring', () => {
    expect(matchValue({ contains: 'screen.tv' }, ['screen.central_panel', 'screen.tv'])).toBe(true);
    expect(matchValue({ contains: 'screen.car' }, ['screen.central_panel', 'screen.tv'])).toBe(false);
    expect(matchValue({ contains: { id: 2 } }, [{ id: 1, x: 1 }, { id: 2, x: 2 }])).toBe(true);
    expect(matchValue({ contains: 'kPa' }, 'Tyre pressures are 250 kPa')).toBe(true);
    expect(matchValue({ contains: 'bar' }, 'Tyre pressures are 250 kPa')).toBe(false);
    expect(matchValue({ contains: 1 }, 1)).toBe(false);
  });

  it('operators combine with AND', () => {
    expect(matchValue({ gte: 0, in: [1, 2] }, 2)).toBe(true);
    expect(matchValue({ gte: 0, in: [1, 2] }, 3)).toBe(false);
  });
});

describe('groups: captured numbers against fixed values and live twin state', () => {
  const text = 'Range is 300 km with the battery at 64 %';
  const pattern = '^Range is (?<km>\\d+) km with the battery at (?<soc>\\d+) %$';
  const live: Record<string, number> = { 'Vehicle.Powertrain.Range': 300_000, 'Vehicle.Powertrain.TractionBattery.StateOfCharge.Current': 63.6 };
  const ctx = { readState: (_twin: string, path: string) => live[path] };
  const range = { twin: 'vehicle/car1', path: 'Vehicle.Powertrain.Range', scale: 0.001 };

  it('a captured number equals the twin value × scale; a different value fails', () => {
    expect(matchValue({ matches: pattern, groups: { km: range } }, text, ctx)).toBe(true);
    expect(matchValue({ matches: pattern, groups: { km: range } }, text.replace('300', '301'), ctx)).toBe(false);
  });

  it('tolerance: inside passes, just outside fails', () => {
    const soc = { twin: 'vehicle/car1', path: 'Vehicle.Powertrain.TractionBattery.StateOfCharge.Current' };
    expect(matchValue({ matches: pattern, groups: { soc: { ...soc, tolerance: 0.5 } } }, text, ctx)).toBe(true);
    expect(matchValue({ matches: pattern, groups: { soc: { ...soc, tolerance: 0.3 } } }, text, ctx)).toBe(false);
  });

  it('a group can also be a fixed value or a range', () => {
    expect(matchValue({ matches: pattern, groups: { soc: { gte: 60, lte: 70 } } }, text)).toBe(true);
    expect(matchValue({ matches: pattern, groups: { soc: 65 } }, text)).toBe(false);
  });

  it('fails when there is no reader or the twin value is not a number', () => {
    expect(matchValue({ matches: pattern, groups: { km: range } }, text)).toBe(false);
  });
});

describe('on events: data, the original payload and the translated one', () => {
  // A cloud-cloud message: the vehicle cloud's VSS/camelCase payload, translated by the hub into the home's form.
  const message = (attributes: Record<string, Json>): SimEvent => ({
    seq: 1, t: 10, type: 'msg.delivered', source: 'bus',
    data: {
      topic: 'vehicle/get_state', kind: 'response',
      payload: { action: 'getState', params: { 'Vehicle.Powertrain.Range': 300_000 } },
      hops: [{ index: 0, from: 'vehicle/car1', to: 'vehicle-cloud' }, { index: 1, from: 'hub', to: 'home-cloud', payload: { command: 'get_state', attributes } }],
    } as unknown as Record<string, Json>,
  });

  it('payload matches what the sender wrote, not the translation', () => {
    const event = message({ range_km: 300 });
    expect(matchesEvent({ type: 'msg.delivered', payload: { params: { 'Vehicle.Powertrain.Range': { gte: 299_000 } } } }, event)).toBe(true);
    expect(matchesEvent({ type: 'msg.delivered', payload: { attributes: { range_km: 300 } } }, event)).toBe(false);
  });

  it('delivered matches the payload after the hub, not the original', () => {
    expect(matchesEvent({ type: 'msg.delivered', delivered: { attributes: { range_km: { gte: 299 } } } }, message({ range_km: 300 }))).toBe(true);
    expect(matchesEvent({ type: 'msg.delivered', delivered: { attributes: { range_km: { gte: 299 } } } }, message({ range_km: 298 }))).toBe(false);
    expect(matchesEvent({ type: 'msg.delivered', delivered: { params: { exists: true } } }, message({ range_km: 300 }))).toBe(false);
  });

  it('on an event that is not a message, payload and delivered never match', () => {
    const plain: SimEvent = { seq: 2, t: 1, type: 'speaker.announced', source: 'home/h1/media_player.speaker', data: { text: 'hi' } };
    expect(matchesEvent({ type: 'speaker.announced', data: { text: { matches: '^h' } } }, plain)).toBe(true);
    expect(matchesEvent({ type: 'speaker.announced', delivered: {} }, plain)).toBe(false);
  });
});

describe('hostile matchers and values', () => {
  // Operator objects built from arbitrary JSON: what the loader would refuse must still never throw at run time.
  const operatorObject = fc.dictionary(fc.constantFrom(...OPERATORS), fc.jsonValue(), { minKeys: 1 });
  const matcher = fc.oneof(fc.jsonValue(), operatorObject, fc.record({ nested: operatorObject }));

  it('matching never throws, whatever the matcher and the value', () => {
    fc.assert(fc.property(matcher, fc.jsonValue(), (m, value) => {
      expect(typeof matchValue(m, value, { readState: () => value })).toBe('boolean');
    }), { numRuns: 2000 });
  });

  it('the loader check never throws and reports every problem with a path', () => {
    fc.assert(fc.property(matcher, (m) => {
      const problems: { path: (string | number)[]; message: string }[] = [];
      checkMatcher(m, ['data'], problems);
      for (const p of problems) expect(p.path[0]).toBe('data');
    }), { numRuns: 2000 });
  });

  it('a regex that does not compile matches nothing rather than throwing', () => {
    expect(matchValue({ matches: '([a-z' }, 'abc')).toBe(false);
    expect(matchValue({ in: 'not a list' }, 'n')).toBe(false);
  });
});
