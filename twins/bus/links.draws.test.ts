// What one transmission attempt draws from its link's stream, pinned with a scripted stream: the loss draw only
// when loss is possible, the log-normal factor only with a sigma, the jitter only with a jitter. Skipping a draw
// matters as much as making it: every later number of the link (and so every replay) depends on the count.
import { describe, expect, it } from 'vitest';
import type { RandomStream } from '../kernel/types';
import { ATTEMPT_LOST, DEFAULT_LINK_MODELS, Link, type LinkModel } from './links';

/** A stream that hands out the given uniforms and normals in order and fails on any draw not scripted. */
function scripted(uniforms: number[], normals: number[] = []): RandomStream & { left(): number } {
  const u = [...uniforms];
  const n = [...normals];
  const take = (list: number[], what: string): number => {
    const value = list.shift();
    if (value === undefined) throw new Error(`unexpected ${what} draw`);
    return value;
  };
  return {
    next: () => take(u, 'uniform'),
    normal: (mean, stdDev) => mean + stdDev * take(n, 'normal'),
    int: () => { throw new Error('unexpected int draw'); },
    chance: () => { throw new Error('unexpected chance draw'); },
    pick: () => { throw new Error('unexpected pick draw'); },
    left: () => u.length + n.length,
  };
}

const model = (change: Partial<LinkModel>): LinkModel => ({
  medianMs: 10, sigma: 0, jitterMs: 0, loss: 0, retry: { maxAttempts: 3, ackTimeoutMs: 100, backoffFactor: 2, maxBackoffMs: 1000 }, outages: [],
  ...change,
});

describe('one link attempt', () => {
  it('draws nothing on a loss-free, sigma-free, jitter-free link: the latency is the median', () => {
    const rng = scripted([]);
    expect(new Link('x', model({}), rng).attempt(0, 0)).toBe(10);
  });

  it('loses an attempt when the loss draw falls below the loss probability, and only then', () => {
    expect(new Link('x', model({ loss: 0.25 }), scripted([0.2499])).attempt(0, 0)).toBe(ATTEMPT_LOST);
    // A draw equal to the probability is not below it: the attempt arrives.
    expect(new Link('x', model({ loss: 0.25 }), scripted([0.25])).attempt(0, 0)).toBe(10);
    expect(new Link('x', model({ loss: 0.25 }), scripted([0.9])).attempt(0, 0)).toBe(10);
  });

  it('adds the gateways’ extra loss to the link’s own', () => {
    expect(new Link('x', model({ loss: 0.1 }), scripted([0.25])).attempt(0, 0.2)).toBe(ATTEMPT_LOST);
    expect(new Link('x', model({}), scripted([0.05])).attempt(0, 0.1)).toBe(ATTEMPT_LOST);
  });

  it('scales the median by exp(sigma · z) with one normal draw when sigma > 0', () => {
    const rng = scripted([], [1]);
    expect(new Link('x', model({ sigma: 0.5 }), rng).attempt(0, 0)).toBe(Math.round(10 * Math.exp(0.5) * 1000) / 1000);
    expect(rng.left()).toBe(0);
    expect(new Link('x', model({ sigma: 0.5 }), scripted([], [-1])).attempt(0, 0)).toBe(Math.round(10 * Math.exp(-0.5) * 1000) / 1000);
  });

  it('adds jitter · u with one uniform draw when jitter > 0', () => {
    const rng = scripted([0.5]);
    expect(new Link('x', model({ jitterMs: 4 }), rng).attempt(0, 0)).toBe(12);
    expect(rng.left()).toBe(0);
  });

  it('draws loss, then the normal, then the jitter, in that order', () => {
    const rng = scripted([0.9, 0.25], [2]);
    const latency = new Link('x', model({ loss: 0.5, sigma: 0.1, jitterMs: 8 }), rng).attempt(0, 0);
    expect(latency).toBe(Math.round((10 * Math.exp(0.2) + 2) * 1000) / 1000);
    expect(rng.left()).toBe(0);
  });

  it('adds an injected latency fault from the instant it is injected', () => {
    const link = new Link('x', model({}), scripted([]));
    link.inject({ kind: 'latency', extraMs: 5, durationMs: 100 }, 50);
    expect(link.activeFaults(50).map((f) => f.kind)).toEqual(['latency']);
    expect(link.attempt(50, 0)).toBe(15);
    expect(link.attempt(149, 0)).toBe(15);
    expect(link.attempt(150, 0)).toBe(10);
  });
});

describe('default link models', () => {
  it('are the documented field-typical figures, with no outage scheduled', () => {
    const figures = Object.fromEntries(
      Object.entries(DEFAULT_LINK_MODELS).map(([id, m]) => [id, [m.medianMs, m.sigma, m.jitterMs, m.loss, m.retry.maxAttempts, m.retry.ackTimeoutMs, m.retry.maxBackoffMs]]),
    );
    expect(figures).toEqual({
      cellular: [60, 0.35, 10, 0.005, 3, 800, 5000],
      internet: [30, 0.25, 4, 0.001, 3, 300, 2000],
      'home-broadband': [20, 0.3, 5, 0.002, 3, 300, 2000],
      lan: [4, 0.4, 2, 0.005, 4, 100, 800],
      projection: [15, 0.3, 3, 0.002, 3, 200, 1000],
      'phone-cellular': [60, 0.4, 10, 0.01, 3, 800, 5000],
      'near-field': [3, 0.3, 1, 0.01, 4, 50, 400],
    });
    for (const m of Object.values(DEFAULT_LINK_MODELS)) {
      expect(m.outages).toEqual([]);
      expect(m.retry.backoffFactor).toBe(2);
    }
  });
});
