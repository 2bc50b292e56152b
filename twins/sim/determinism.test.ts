// Same seed + same scenario ⇒ byte-identical canonical event stream; another seed ⇒ another stream.
import { describe, expect, it } from 'vitest';
import { runNeighbourhood } from './demo-neighbourhood';

describe('determinism of a whole world', () => {
  it.each(['cloud-cloud', 'phone-proxy'] as const)('gives the same eventHash for the same seed under %s, and a different one for another seed', (arch) => {
    const a = runNeighbourhood(11, arch);
    const b = runNeighbourhood(11, arch);
    const c = runNeighbourhood(12, arch);
    expect(a.kernel.events.count).toBeGreaterThan(200);
    expect(b.kernel.events.count).toBe(a.kernel.events.count);
    expect(b.kernel.events.hash()).toBe(a.kernel.events.hash());
    expect(c.kernel.events.hash()).not.toBe(a.kernel.events.hash());
  });

  it('keeps the full canonical stream byte-identical, line by line', () => {
    const lines = (seed: number): string[] => {
      const out: string[] = [];
      const sim = runNeighbourhoodWithLines(seed, out);
      return [...out, sim];
    };
    expect(lines(5)).toEqual(lines(5));
  });
});

function runNeighbourhoodWithLines(seed: number, out: string[]): string {
  const sim = runNeighbourhood(seed, 'direct', 2);
  out.push(String(sim.kernel.events.count));
  return sim.kernel.events.hash();
}
