import { describe, expect, it } from 'vitest';
import type { RunResult } from '../runner/result';
import { jsonReport } from './json-report';
import { failingLocal, gridRun, passingCloud } from './test-support/run-results';

/** The same run with every object's keys in reverse order, as a runner filling fields differently would give. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).reverse().map((k) => [k, reversedKeys((value as Record<string, unknown>)[k])])) as T;
}

describe('jsonReport', () => {
  it('is the RunResult itself for one run, and round-trips', () => {
    expect(JSON.parse(jsonReport([gridRun]))).toEqual(gridRun);
    expect(JSON.parse(jsonReport([failingLocal]))).toEqual(failingLocal);
  });

  it('wraps several runs as { generatedBy, runs } and keeps every run whole', () => {
    const parsed = JSON.parse(jsonReport([passingCloud, failingLocal, gridRun]));
    expect(Object.keys(parsed)).toEqual(['generatedBy', 'runs']);
    expect(parsed.generatedBy).toBe('twinbench');
    expect(parsed.runs).toEqual([passingCloud, failingLocal, gridRun]);
  });

  it('writes keys in the order result.ts declares them, records sorted, whatever order the input has', () => {
    const text = jsonReport([reversedKeys(failingLocal)]);
    expect(text).toBe(jsonReport([failingLocal]));
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed).slice(0, 9)).toEqual(['scenario', 'title', 'file', 'seed', 'architecture', 'parameters', 'passed', 'abortedBy', 'expectations']);
    expect(Object.keys(parsed.expectations[0])).toEqual(['id', 'kind', 'description', 'passed', 'detail']);
    expect(Object.keys(parsed.metrics.failuresByReason)).toEqual(['gateway-offline', 'out-of-range']);
    expect(Object.keys(parsed.metrics.e2e)).toEqual(['count', 'p50', 'p95', 'p99', 'max', 'mean']);
    expect(Object.keys(parsed.metrics.hops[0]).slice(0, 4)).toEqual(['hop', 'link', 'measured', 'count']);
  });

  it('gives a within result its numbers and the event it matched, in a fixed key order', () => {
    const within = { event: { source: 'home/h1/lock.front_door', type: 'lock.unlocked', t: 10_417.003, seq: 53 }, budgetMs: 2000, observedMs: 417.003, detail: 'lock.unlocked 417.003 ms after step confirm (budget 2000 ms)', passed: true, kind: 'within', id: 'unlocked' };
    const parsed = JSON.parse(jsonReport([{ ...passingCloud, expectations: [within] }]));
    expect(Object.keys(parsed.expectations[0])).toEqual(['id', 'kind', 'passed', 'detail', 'observedMs', 'budgetMs', 'event']);
    expect(parsed.expectations[0].event).toEqual({ seq: 53, t: 10_417.003, type: 'lock.unlocked', source: 'home/h1/lock.front_door' });
    expect(Object.keys(parsed.expectations[0].event)).toEqual(['seq', 't', 'type', 'source']);
  });

  it('keeps fields it does not know, after the known ones', () => {
    const extended = { ...gridRun, zeta: 1, alpha: { b: 2, a: 1 } } as RunResult;
    const parsed = JSON.parse(jsonReport([extended]));
    expect(Object.keys(parsed).slice(-2)).toEqual(['alpha', 'zeta']);
    expect(parsed.alpha).toEqual({ a: 1, b: 2 });
    expect(Object.keys(parsed.metrics.grid)).toContain('tariffPeak');
  });

  it('refuses an empty list with a message saying what to do', () => {
    expect(() => jsonReport([])).toThrow(/run at least one scenario/);
  });
});
