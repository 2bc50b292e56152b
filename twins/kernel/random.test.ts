import { describe, expect, it } from 'vitest';
import { SeededRandom } from './random';

const draw = (r: SeededRandom, name: string, n = 5): number[] => Array.from({ length: n }, () => r.stream(name).next());

describe('SeededRandom', () => {
  it('gives the same numbers for the same seed and stream name', () => {
    expect(draw(new SeededRandom(7), 'links/cellular')).toEqual(draw(new SeededRandom(7), 'links/cellular'));
  });

  it('gives different numbers for a different seed or stream', () => {
    const base = draw(new SeededRandom(7), 'links/cellular');
    expect(draw(new SeededRandom(8), 'links/cellular')).not.toEqual(base);
    expect(draw(new SeededRandom(7), 'links/lan')).not.toEqual(base);
  });

  it('keeps streams independent: drawing from a new stream does not shift an existing one', () => {
    const quiet = new SeededRandom(42);
    const busy = new SeededRandom(42);
    const a1 = quiet.stream('devices/h1').next();
    busy.stream('devices/h2').next();
    busy.stream('devices/h2').next();
    const b1 = busy.stream('devices/h1').next();
    expect(b1).toBe(a1);
  });

  it('draws in range with plausible distributions', () => {
    const s = new SeededRandom(1).stream('stats');
    let sum = 0;
    let sumSq = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const u = s.next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      const z = s.normal(10, 2);
      sum += z;
      sumSq += z * z;
    }
    const mean = sum / n;
    expect(mean).toBeCloseTo(10, 1);
    expect(Math.sqrt(sumSq / n - mean * mean)).toBeCloseTo(2, 1);
    const ints = new Set(Array.from({ length: 500 }, () => s.int(1, 6)));
    expect([...ints].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(() => s.pick([])).toThrow(/empty/);
  });
});
