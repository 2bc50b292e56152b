// The distance behind "did you mean": a swap counts once, far names are not suggested, a name cut short is found by
// its beginning, and hostile input stays cheap.
import { describe, expect, it } from 'vitest';
import { editDistance, nearestNames, suggestion } from './suggest';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and one swap of neighbours as one edit each', () => {
    expect(editDistance('lock', 'lock')).toBe(0);
    expect(editDistance('lock.unlockd', 'lock.unlocked')).toBe(1);
    expect(editDistance('lcok', 'lock')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('gives up past the limit', () => {
    expect(editDistance('abcdefgh', 'zzzzzzzz', 2)).toBe(Infinity);
    expect(editDistance('a', 'abcdef', 2)).toBe(Infinity);
  });
});

describe('nearestNames', () => {
  const known = ['lock.unlocked', 'lock.locked', 'body.unlocked', 'pip.shown', 'battery.context.socPercent'];

  it('suggests only the nearest', () => {
    expect(nearestNames('lock.unlockd', known)).toEqual(['lock.unlocked']);
    expect(nearestNames('LOCK.UNLOCKED', known)).toEqual(['lock.unlocked']);
  });

  it('suggests nothing far away, and finds a name cut short by its beginning', () => {
    expect(nearestNames('weather.sunny', known)).toEqual([]);
    expect(nearestNames('battery.context.soc', known)).toEqual(['battery.context.socPercent']);
  });

  it('ignores empty and huge names', () => {
    expect(nearestNames('', known)).toEqual([]);
    expect(nearestNames('x'.repeat(10_000), known)).toEqual([]);
  });
});

describe('suggestion', () => {
  it('asks "did you mean" or lists a few known names', () => {
    expect(suggestion('pip.shwn', ['pip.shown', 'pip.closed'], 'event type')).toBe('did you mean "pip.shown"?');
    expect(suggestion('zzz', ['a', 'b'], 'key')).toBe('known keys: a, b');
    expect(suggestion('zzz', Array.from({ length: 12 }, (_, i) => `k${i}`), 'key')).toMatch(/, … \(12 in all\)$/);
    expect(suggestion('zzz', [], 'key')).toBe('no key is known here');
  });
});
