// Issue 18 bug 4: "abc" used to run silently with the scenario's own seed; now it is named and refused.
import { describe, expect, it } from 'vitest';
import { seedProblem } from './seed';

describe('seedProblem', () => {
  it('accepts an empty field (the scenario\'s seed) and whole numbers', () => {
    expect(seedProblem('')).toBeUndefined();
    expect(seedProblem(' 42 ')).toBeUndefined();
    expect(seedProblem('0')).toBeUndefined();
  });

  it('refuses what the engine would refuse, saying why', () => {
    expect(seedProblem('abc')).toBe('The seed must be a whole number of 0 or more, not "abc".');
    expect(seedProblem('-1')).toMatch(/whole number of 0 or more/);
    expect(seedProblem('1.5')).toMatch(/whole number/);
    expect(seedProblem('1e3')).toMatch(/whole number/);
    expect(seedProblem('99999999999999999999')).toMatch(/at most 9007199254740991/);
  });
});
