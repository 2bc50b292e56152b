import { describe, expect, it } from 'vitest';
import { sameFiredSteps } from './Timeline';

describe('sameFiredSteps (the step list re-renders only when a step fires)', () => {
  it('holds two copies of the same fired steps equal, as every snapshot sends a fresh one', () => {
    expect(sameFiredSteps([{ id: 'a', t: 1 }, { id: 'b', t: 2 }], [{ id: 'a', t: 1 }, { id: 'b', t: 2 }])).toBe(true);
    expect(sameFiredSteps([], [])).toBe(true);
  });

  it('sees a step that fired since, another step, or another time', () => {
    expect(sameFiredSteps([{ id: 'a', t: 1 }], [{ id: 'a', t: 1 }, { id: 'b', t: 2 }])).toBe(false);
    expect(sameFiredSteps([{ id: 'a', t: 1 }], [{ id: 'b', t: 1 }])).toBe(false);
    expect(sameFiredSteps([{ id: 'a', t: 1 }], [{ id: 'a', t: 2 }])).toBe(false);
  });
});
