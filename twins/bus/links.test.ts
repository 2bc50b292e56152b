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

  it('completes a partial model with exact defaults: 10 ms, no spread, no loss, 3 attempts from a 200 ms ack', () => {
    const { links } = table(1, { bare: {} });
    const bare = links.get('bare');
    expect(bare.model).toEqual({ medianMs: 10, sigma: 0, jitterMs: 0, loss: 0, retry: { maxAttempts: 3, ackTimeoutMs: 200, backoffFactor: 2, maxBackoffMs: 2000 }, outages: [] });
    expect([bare.attempt(0, 0), bare.attempt(5, 0)]).toEqual([10, 10]);
  });

  it('keeps the standard figures of a link whose override names only some fields', () => {
    const { links } = table(1, { cellular: { loss: 0 } });
    expect(links.get('cellular').model).toMatchObject({ medianMs: 60, sigma: 0.35, jitterMs: 10, loss: 0, retry: DEFAULT_LINK_MODELS.cellular.retry });
    expect(() => links.get('pigeon')).toThrow("give its model in createBus({ links: { 'pigeon': {...} } })");
  });

  it('rounds latencies to the microsecond', () => {
    const { links } = table(1, { x: { medianMs: 1.23456789 } });
    expect(links.get('x').attempt(0, 0)).toBe(1.235);
  });

  it('starts an outage window at its first instant', () => {
    const { links } = table(1, { x: { outages: [{ from: 100, to: 200 }, { from: 300, to: 301 }] } });
    expect(links.get('x').attempt(100, 0)).toBe(ATTEMPT_OUTAGE);
    expect(links.get('x').attempt(300, 0)).toBe(ATTEMPT_OUTAGE);
    expect(links.get('x').attempt(250, 0)).toBe(10);
  });

  it('grows the retry wait by the policy factor', () => {
    const { links } = table(1, { x: { retry: { maxAttempts: 5, ackTimeoutMs: 10, backoffFactor: 3, maxBackoffMs: 1000 } } });
    expect([1, 2, 3, 4].map((n) => links.get('x').retryDelay(n))).toEqual([10, 30, 90, 270]);
  });

  it('adds the loss of a degraded gateway to the link and to a loss fault', () => {
    const { links } = table(1, { x: {} });
    expect(links.get('x').attempt(0, 1)).toBe(ATTEMPT_LOST);
    links.inject('x', { kind: 'loss', loss: 0.5, durationMs: 100 });
    expect(links.get('x').attempt(0, 0.5)).toBe(ATTEMPT_LOST);
  });

  it('draws nothing for loss when the outcome is certain, so the latencies after it are unchanged', () => {
    const model = { medianMs: 10, sigma: 0.5, jitterMs: 2 };
    const clean = table(3, { x: { ...model, loss: 0 } });
    const faulty = table(3, { x: { ...model, loss: 0 } });
    faulty.links.inject('x', { kind: 'loss', loss: 1, durationMs: 100 });
    expect(faulty.links.get('x').attempt(50, 0)).toBe(ATTEMPT_LOST);
    expect(faulty.links.get('x').attempt(100, 0)).toBe(clean.links.get('x').attempt(100, 0));
    // A link that can lose spends one draw per attempt on it: its latencies differ from the loss-free link's.
    const lossy = table(3, { x: { ...model, loss: 1e-12 } });
    expect(lossy.links.get('x').attempt(0, 0)).not.toBe(table(3, { x: { ...model, loss: 0 } }).links.get('x').attempt(0, 0));
  });

  it('applies a loss fault until it ends, and drops only the faults that have ended', () => {
    const { k, links } = table(1, { x: {} });
    links.inject('x', { kind: 'loss', loss: 1, durationMs: 100 });
    links.inject('x', { kind: 'latency', extraMs: 5, durationMs: 300 });
    const x = links.get('x');
    expect(x.attempt(99, 0)).toBe(ATTEMPT_LOST);
    expect(x.activeFaults(99).map((f) => f.kind)).toEqual(['loss', 'latency']);
    expect(x.attempt(100, 0)).toBe(15);
    expect(x.activeFaults(100).map((f) => f.kind)).toEqual(['latency']);
    expect(x.attempt(300, 0)).toBe(10);
    expect(x.activeFaults(300)).toEqual([]);
    // A fault injected later is not in force before it starts.
    k.clock.runUntil(1000);
    links.inject('x', { kind: 'outage', durationMs: 10 });
    expect(x.attempt(999, 0)).toBe(10);
    expect(x.activeFaults(999)).toEqual([]);
    expect(x.attempt(1000, 0)).toBe(ATTEMPT_OUTAGE);
  });
});
