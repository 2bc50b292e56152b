import { describe, expect, it } from 'vitest';
import { createKernel } from '../kernel';
import { ATTEMPT_LOST, ATTEMPT_OUTAGE, DEFAULT_LINK_MODELS, LinkTable } from './links';

function table(seed = 1, overrides = {}) {
  const k = createKernel({ seed });
  return { k, links: new LinkTable(k.random, k.scheduler, overrides) };
}

describe('link models', () => {
  it('draws latencies around the median of the link type', () => {
    const { links } = table(1, { cellular: { loss: 0 }, lan: { loss: 0 } });
    const cellular = links.get('cellular');
    const lan = links.get('lan');
    const draws = (n: number, f: () => number) => Array.from({ length: n }, f).sort((a, b) => a - b);
    const cell = draws(401, () => cellular.attempt(0, 0));
    const wifi = draws(401, () => lan.attempt(0, 0));
    // Median of log-normal + uniform jitter: the model median plus about half the jitter.
    expect(cell[200]).toBeGreaterThan(55);
    expect(cell[200]).toBeLessThan(75);
    expect(wifi[200]).toBeGreaterThan(3);
    expect(wifi[200]).toBeLessThan(7);
    expect(cell[0]).toBeGreaterThan(0);
  });

  it('gives each link its own stream: traffic on one link does not change another’s numbers', () => {
    const a = table(5);
    const b = table(5);
    for (let i = 0; i < 100; i++) b.links.get('lan').attempt(0, 0);
    expect(a.links.get('cellular').attempt(0, 0)).toBe(b.links.get('cellular').attempt(0, 0));
  });

  it('loses every attempt at loss 1 and none at loss 0', () => {
    const { links } = table(1, { lossy: { loss: 1 }, clean: { loss: 0 } });
    expect(links.get('lossy').attempt(0, 0)).toBe(ATTEMPT_LOST);
    expect(links.get('clean').attempt(0, 0)).toBeGreaterThanOrEqual(0);
  });

  it('carries nothing inside an outage window', () => {
    const { links } = table(1, { lan: { outages: [{ from: 100, to: 200 }] } });
    const lan = links.get('lan');
    expect(lan.attempt(99, 0)).toBeGreaterThanOrEqual(0);
    expect(lan.attempt(150, 0)).toBe(ATTEMPT_OUTAGE);
    expect(lan.attempt(200, 0)).toBeGreaterThanOrEqual(0);
  });

  it('backs off exponentially up to the cap', () => {
    const { links } = table(1, { x: { retry: { maxAttempts: 6, ackTimeoutMs: 100, backoffFactor: 2, maxBackoffMs: 500 } } });
    const x = links.get('x');
    expect([1, 2, 3, 4, 5].map((n) => x.retryDelay(n))).toEqual([100, 200, 400, 500, 500]);
  });

  it('applies injected faults for their duration only', () => {
    const { k, links } = table(1, { wire: { medianMs: 10, sigma: 0, jitterMs: 0, loss: 0 } });
    links.inject('wire', { kind: 'latency', extraMs: 500, durationMs: 1000 });
    expect(links.get('wire').attempt(0, 0)).toBe(510);
    expect(links.get('wire').attempt(1000, 0)).toBe(10);
    k.clock.runUntil(2000);
    links.inject('wire', { kind: 'outage', durationMs: 50 });
    expect(links.get('wire').attempt(2010, 0)).toBe(ATTEMPT_OUTAGE);
    links.inject('wire', { kind: 'loss', loss: 1, durationMs: 100 });
    links.clearFaults('wire');
    expect(links.get('wire').attempt(2010, 0)).toBe(10);
  });

  it('changes a model at run time and refuses unknown links with a hint', () => {
    const { links } = table();
    links.set('near-field', { medianMs: 50, sigma: 0, jitterMs: 0, loss: 0 });
    expect(links.get('near-field').attempt(0, 0)).toBe(50);
    expect(links.get('near-field').model.retry).toEqual(DEFAULT_LINK_MODELS['near-field'].retry);
    expect(() => links.get('pigeon')).toThrow(/unknown link 'pigeon'/);
  });
});
