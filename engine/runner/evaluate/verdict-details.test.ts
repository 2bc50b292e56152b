// What each verdict says, word for word, and how the evaluator feeds its judges. The detail is what a user reads
// to see why a run failed (the report, the storyboard, JUnit), so it is pinned exactly: the time, sequence and
// source of the event that decided, the bounds that were expected, singular and plural. The plumbing tests pin
// which step firing starts a budget, which expectation a reading belongs to, and that a verdict settled by a
// deadline is completed by the late event once, never flipped.
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../../twins/kernel/event-log';
import type { Json } from '../../../twins/kernel/types';
import type { Expectation } from '../../scenario';
import { Evaluator } from './evaluator';

let seq = 0;
const event = (t: number, type: string, source = 'home/h1/lock.front_door', data: Record<string, Json> = {}): SimEvent => ({ seq: seq++, t, type, source, data });
const fired = (t: number, step: string, source = 'scenario'): SimEvent => event(t, 'step.fired', source, { step });
const unlocked = { type: 'lock.unlocked' };

/** Feeds events in order (time first, then the event), then finishes at `end`; returns the one result. */
function verdict(expectation: Expectation, events: SimEvent[], end = 60_000, metrics: Record<string, number> = {}, state?: unknown) {
  const evaluator = new Evaluator([expectation], { endTime: end, readState: () => state });
  for (const e of events) {
    evaluator.advance(e.t);
    evaluator.observe(e);
  }
  return evaluator.finish(end, metrics)[0]!;
}

describe('verdict details', () => {
  it('within: the latency, the step and the budget or window; too soon says so; a step that never fired says so', () => {
    const within = (extra: object = {}): Expectation => ({ id: 'w', kind: 'within', ms: 500, of: { step: 'ring' }, event: unlocked, ...extra });
    seq = 0;
    const ok = verdict(within(), [fired(1_000, 'ring'), event(1_250.5, 'lock.unlocked')]);
    expect(ok).toEqual({ id: 'w', kind: 'within', passed: true, detail: 'lock.unlocked 250.5 ms after step ring (budget 500 ms)', observedMs: 250.5, budgetMs: 500, event: { seq: 1, t: 1_250.5, type: 'lock.unlocked', source: 'home/h1/lock.front_door' } });
    expect(verdict(within({ minMs: 300 }), [fired(1_000, 'ring'), event(1_250, 'lock.unlocked')]).detail).toBe('lock.unlocked 250 ms after step ring, too soon (window 300–500 ms)');
    expect(verdict(within({ minMs: 250 }), [fired(1_000, 'ring'), event(1_250, 'lock.unlocked')]).detail).toBe('lock.unlocked 250 ms after step ring (window 250–500 ms)');
    expect(verdict(within(), [fired(1_000, 'ring')])).toEqual({ id: 'w', kind: 'within', passed: false, detail: 'lock.unlocked did not happen within 500 ms of step ring', budgetMs: 500 });
    expect(verdict(within(), [])).toEqual({ id: 'w', kind: 'within', passed: false, detail: 'step ring never fired, so lock.unlocked had no deadline to meet', budgetMs: 500 });
    // The step fired so late that the run ended inside its budget.
    expect(verdict(within({ minMs: 100 }), [fired(59_900, 'ring')])).toEqual({ id: 'w', kind: 'within', passed: false, detail: 'lock.unlocked never happened after step ring (window 100–500 ms)', budgetMs: 500, minMs: 100 });
  });

  it('never and eventually: when and from whom the event came, and the deadline', () => {
    seq = 10;
    expect(verdict({ id: 'n', kind: 'never', event: unlocked }, [event(2_000.25, 'lock.unlocked')]).detail).toBe('lock.unlocked happened at t=2000.25 ms (#10 from home/h1/lock.front_door)');
    expect(verdict({ id: 'n', kind: 'never', event: unlocked }, []).detail).toBe('lock.unlocked never happened');
    seq = 20;
    const eventually = (by?: number): Expectation => ({ id: 'e', kind: 'eventually', event: unlocked, ...(by !== undefined ? { by } : {}) });
    expect(verdict(eventually(3_000), [event(2_000, 'lock.unlocked')]).detail).toBe('lock.unlocked at t=2000 ms (#20 from home/h1/lock.front_door) (by 3000 ms)');
    expect(verdict(eventually(), [])).toEqual({ id: 'e', kind: 'eventually', passed: false, detail: 'lock.unlocked never happened (by 60000 ms)' });
  });

  it('eventually: a late event fails and is named, whether or not the deadline was seen to pass first', () => {
    seq = 30;
    const late = { passed: false, detail: 'lock.unlocked only at t=3500 ms (#30 from home/h1/lock.front_door), after the deadline 3000 ms', event: { seq: 30, t: 3_500 } };
    expect(verdict({ id: 'e', kind: 'eventually', by: 3_000, event: unlocked }, [event(3_500, 'lock.unlocked')])).toMatchObject(late);
    seq = 30;
    const evaluator = new Evaluator([{ id: 'e', kind: 'eventually', by: 3_000, event: unlocked }], { endTime: 60_000 });
    const live: string[] = [];
    evaluator.onSettled((r, t) => live.push(`${t} ${r.detail}`));
    evaluator.advance(3_000);
    expect(live).toEqual([]);
    evaluator.advance(3_000.001);
    expect(live).toEqual(['3000.001 lock.unlocked never happened (by 3000 ms)']);
    evaluator.observe(event(3_500, 'lock.unlocked'));
    expect(evaluator.finish(60_000, {})[0]).toMatchObject(late);
  });

  it('count: how many times, singular or plural, against every bound written, and the event that went over', () => {
    const count = (bounds: object): Expectation => ({ id: 'c', kind: 'count', event: unlocked, ...bounds });
    seq = 40;
    const once = [event(1, 'lock.unlocked')];
    expect(verdict(count({ eq: 1 }), once)).toEqual({ id: 'c', kind: 'count', passed: true, detail: 'lock.unlocked happened 1 time (expected = 1)', count: 1, event: { seq: 40, t: 1, type: 'lock.unlocked', source: 'home/h1/lock.front_door' } });
    expect(verdict(count({ gte: 2, lte: 3 }), [])).toEqual({ id: 'c', kind: 'count', passed: false, detail: 'lock.unlocked happened 0 times (expected ≥ 2 and ≤ 3)', count: 0 });
    expect(verdict(count({ gte: 2 }), once).passed).toBe(false);
    seq = 50;
    expect(verdict(count({ lte: 1 }), [event(1, 'lock.unlocked'), event(2, 'lock.unlocked')]).detail).toBe('lock.unlocked happened 2 times by t=2 ms (#51 from home/h1/lock.front_door) (expected ≤ 1)');
    expect(verdict(count({ eq: 3 }), [event(1, 'lock.unlocked'), event(2, 'lock.unlocked')]).detail).toBe('lock.unlocked happened 2 times (expected = 3)');
  });

  it('order: the first occurrence of `first` is the one named', () => {
    const order: Expectation = { id: 'o', kind: 'order', first: { type: 'prompt.answered' }, then: unlocked };
    seq = 60;
    expect(verdict(order, [event(1, 'prompt.answered'), event(2, 'prompt.answered'), event(3, 'lock.unlocked')]).detail)
      .toBe('prompt.answered at t=1 ms (#60 from home/h1/lock.front_door), then lock.unlocked at t=3 ms (#62 from home/h1/lock.front_door)');
    seq = 70;
    expect(verdict(order, [event(1, 'prompt.answered'), event(2, 'prompt.answered')])).toMatchObject({ passed: false, detail: 'prompt.answered at t=1 ms (#70 from home/h1/lock.front_door), but lock.unlocked never happened' });
    expect(verdict(order, [])).toMatchObject({ passed: false, detail: 'neither prompt.answered nor lock.unlocked happened' });
  });

  it('state: what was read, when, against what; a reading that never came says when it was due', () => {
    const state = (extra: object): Expectation => ({ id: 's', kind: 'state', twin: 'h1/lock.front_door', path: 'state', ...extra }) as Expectation;
    expect(verdict(state({ equals: 'locked' }), [], 1_000, {}, 'open').detail).toBe('h1/lock.front_door state = "open" at the end (expected "locked")');
    expect(verdict(state({ equals: 'locked', at: 90_000 }), [], 1_000, {}, 'locked')).toEqual({ id: 's', kind: 'state', passed: false, detail: 'h1/lock.front_door state was never read (the run ended before t=90000 ms)' });
  });

  it('metric: the value to the thousandth against every bound, the known names sorted, rates that measured nothing', () => {
    const metric = (name: string, bounds: object): Expectation => ({ id: 'm', kind: 'metric', name, ...bounds });
    expect(verdict(metric('grid.peak_kw', { lte: 2, gte: 1, eq: 1.2345 }), [], 1, { 'grid.peak_kw': 1.2345 })).toEqual({ id: 'm', kind: 'metric', passed: true, detail: 'grid.peak_kw = 1.235 (expected ≤ 2 and ≥ 1 and = 1.2345)' });
    expect(verdict(metric('nope', { eq: 0 }), [], 1, { zeta: 1, alpha: 2 })).toEqual({ id: 'm', kind: 'metric', passed: false, detail: 'no metric named nope; known: alpha, zeta' });
    expect(verdict(metric('latency.e2e.home_mode', { lte: 1 }), [], 1, {}).detail).toBe('latency.e2e.home_mode has no value: no message was measured in this run');
    expect(verdict(metric('home_mode.latency.e2e.', { lte: 1 }), [], 1, {}).detail).toBe('no metric named home_mode.latency.e2e.; known: ');
  });

  it('metric: a known failure reason that did not occur counts 0, run-wide and for a pair that carried messages', () => {
    const metric = (name: string, bounds: object): Expectation => ({ id: 'm', kind: 'metric', name, ...bounds });
    const run = { 'messages.count': 12, 'failures.timeout': 2, 'pair.volta.nestor.messages': 3, 'pair.volta.nestor.failures.gateway-offline': 1 };
    expect(verdict(metric('failures.lost', { eq: 0 }), [], 1, run)).toMatchObject({ passed: true, detail: 'failures.lost = 0 (expected = 0)' });
    expect(verdict(metric('failures.lost', { gte: 1 }), [], 1, run)).toMatchObject({ passed: false, detail: 'failures.lost = 0 (expected ≥ 1)' });
    expect(verdict(metric('failures.timeout', { eq: 0 }), [], 1, run)).toMatchObject({ passed: false, detail: 'failures.timeout = 2 (expected = 0)' });
    expect(verdict(metric('pair.volta.nestor.failures.timeout', { gte: 1 }), [], 1, run)).toMatchObject({ passed: false, detail: 'pair.volta.nestor.failures.timeout = 0 (expected ≥ 1)' });
    // Not a known reason, or a pair with no traffic: still unknown, never a silent 0.
    expect(verdict(metric('failures.typo', { eq: 0 }), [], 1, run).detail).toMatch(/^no metric named failures.typo; known: /);
    expect(verdict(metric('pair.kodiak.lumo.failures.lost', { eq: 0 }), [], 1, run).detail).toMatch(/^no metric named pair.kodiak.lumo.failures.lost; known: /);
    expect(verdict(metric('xfailures.lost', { eq: 0 }), [], 1, run).passed).toBe(false);
    expect(verdict(metric('pair.volta.failures.lost', { eq: 0 }), [], 1, run).passed).toBe(false);
  });

  it('carries the description of an expectation that has one, and no description key otherwise', () => {
    expect(verdict({ id: 'n', kind: 'never', event: unlocked, description: 'the door stays shut' }, [])).toEqual({ id: 'n', kind: 'never', description: 'the door stays shut', passed: true, detail: 'lock.unlocked never happened' });
    expect(Object.keys(verdict({ id: 'n', kind: 'never', event: unlocked }, []))).toEqual(['id', 'kind', 'passed', 'detail']);
  });
});

describe('the evaluator feeding its judges', () => {
  const within: Expectation = { id: 'w', kind: 'within', ms: 500, of: { step: 'ring' }, event: unlocked };

  it('starts a budget at the first firing of the step by the scenario, and at nothing else', () => {
    const observed = (events: SimEvent[]) => verdict(within, [...events, event(10_000, 'lock.unlocked')]).observedMs;
    expect(observed([fired(9_800, 'ring'), fired(9_900, 'ring')])).toBe(200);
    expect(observed([fired(9_600, 'ring', 'vehicle/car1'), fired(9_800, 'ring')])).toBe(200);
    expect(observed([event(9_600, 'step.started', 'scenario', { step: 'ring' }), fired(9_800, 'ring')])).toBe(200);
    expect(observed([event(9_600, 'step.fired', 'scenario', { step: 7 }), fired(9_800, 'ring')])).toBe(200);
  });

  it('lets judges without an event hook sit out the stream', () => {
    const evaluator = new Evaluator([{ id: 's', kind: 'state', twin: 'h1/lock.front_door', path: 'state', equals: 'locked' }], { endTime: 10, readState: () => 'locked' });
    expect(() => evaluator.observe(event(1, 'lock.unlocked'))).not.toThrow();
    expect(evaluator.settled).toEqual([]);
    expect(evaluator.finish(10, {})[0]?.passed).toBe(true);
  });

  it('schedules readings only for state expectations with a time, and reads only those, once', () => {
    const reads: string[] = [];
    const evaluator = new Evaluator([
      { id: 'late', kind: 'state', twin: 'h1/lock.front_door', path: 'state', equals: 'locked', at: 5 },
      { id: 'end', kind: 'state', twin: 'h1/light.hall', path: 'state', equals: 'on' },
      { id: 'never', kind: 'never', event: unlocked },
      { id: 'timed', kind: 'eventually', by: 5, event: unlocked },
    ], { endTime: 10, readState: (twin) => { reads.push(twin); return twin === 'h1/lock.front_door' ? 'locked' : 'on'; } });
    expect(evaluator.readingsDue()).toEqual([{ id: 'late', at: 5 }]);
    const settled: string[] = [];
    evaluator.onSettled((r) => settled.push(r.id));
    evaluator.read('never', 5);
    evaluator.read('nobody', 5);
    evaluator.read('late', 5);
    evaluator.read('late', 6);
    expect(reads).toEqual(['h1/lock.front_door']);
    expect(settled).toEqual(['late']);
    const results = evaluator.finish(10, {});
    expect(reads).toEqual(['h1/lock.front_door', 'h1/light.hall']);
    expect(results.map((r) => [r.id, r.passed])).toEqual([['late', true], ['end', true], ['never', true], ['timed', false]]);
  });

  it('refuses to judge a state without a way to read twins, naming what it wanted', () => {
    const evaluator = new Evaluator([{ id: 's', kind: 'state', twin: 'h1/lock.front_door', path: 'state', equals: 'locked' }], { endTime: 10 });
    expect(() => evaluator.finish(10, {})).toThrow('no twin reader: cannot read h1/lock.front_door state');
  });

  it('keeps the first passing event; completes a deadline failure with the first late event, once, never with a non-match', () => {
    const evaluator = new Evaluator([within], { endTime: 60_000 });
    evaluator.observe(fired(0, 'ring'));
    evaluator.advance(100);
    evaluator.observe(event(100, 'lock.unlocked'));
    evaluator.advance(200);
    evaluator.observe(event(200, 'lock.unlocked'));
    expect(evaluator.settled[0]).toMatchObject({ passed: true, observedMs: 100 });

    const late = new Evaluator([within], { endTime: 60_000 });
    late.observe(fired(0, 'ring'));
    late.advance(600);
    expect(late.settled[0]).toMatchObject({ passed: false, detail: 'lock.unlocked did not happen within 500 ms of step ring' });
    late.observe(event(650, 'lock.locked'));
    expect(late.settled[0]).toMatchObject({ passed: false, detail: 'lock.unlocked did not happen within 500 ms of step ring' });
    late.observe(event(700, 'lock.unlocked'));
    late.observe(event(800, 'lock.unlocked'));
    expect(late.finish(60_000, {})[0]).toMatchObject({ passed: false, observedMs: 700, detail: 'lock.unlocked 700 ms after step ring (budget 500 ms)' });
  });

  it('stops telling a listener once it unsubscribes, and leaves the others', () => {
    const evaluator = new Evaluator([{ id: 'a', kind: 'never', event: unlocked }, { id: 'b', kind: 'never', event: { type: 'lock.jammed' } }], { endTime: 10 });
    const first: string[] = [];
    const second: string[] = [];
    const off = evaluator.onSettled((r) => first.push(r.id));
    evaluator.onSettled((r) => second.push(r.id));
    evaluator.observe(event(1, 'lock.unlocked'));
    off();
    off();
    evaluator.observe(event(2, 'lock.jammed'));
    expect(first).toEqual(['a']);
    expect(second).toEqual(['a', 'b']);
  });
});
