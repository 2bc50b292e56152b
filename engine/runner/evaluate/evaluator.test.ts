// The evaluator on both sides of every edge: a budget equal to the observed latency passes and one microsecond
// less fails; the deadline of `eventually` passes at the deadline and fails a microsecond after; metric `eq` is
// exact; the live settlement and the final verdict are one and the same.
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../../twins/kernel/event-log';
import type { Json } from '../../../twins/kernel/types';
import type { Expectation } from '../../scenario';
import { Evaluator } from './evaluator';

let seq = 0;
const event = (t: number, type: string, source = 'home/h1/lock.front_door', data: Record<string, Json> = {}): SimEvent => ({ seq: seq++, t, type, source, data });
const fired = (t: number, step: string): SimEvent => event(t, 'step.fired', 'scenario', { step });

/** Runs `events` through one expectation and returns its final result (and what settled live). */
function judge(expectation: Expectation, events: SimEvent[], end = 60_000, options: { metrics?: Record<string, number>; state?: unknown } = {}) {
  const evaluator = new Evaluator([expectation], { endTime: end, readState: () => options.state });
  const live: { passed: boolean; t: number }[] = [];
  evaluator.onSettled((r, t) => live.push({ passed: r.passed, t }));
  for (const e of events) {
    evaluator.advance(e.t);
    evaluator.observe(e);
  }
  const [result] = evaluator.finish(end, options.metrics ?? {});
  return { result: result!, live };
}

const unlocked = { type: 'lock.unlocked' };

describe('within', () => {
  const within = (ms: number, minMs?: number): Expectation => ({ id: 'w', kind: 'within', ms, ...(minMs !== undefined ? { minMs } : {}), of: { step: 'ring' }, event: unlocked });
  // 10 000.000 → 10 417.003: 417.003 ms, a latency floating point cannot subtract exactly.
  const run = [fired(10_000, 'ring'), event(10_417.003, 'lock.unlocked')];

  it('passes with a budget equal to the observed latency and carries its numbers and event', () => {
    const { result } = judge(within(417.003), run);
    expect(result).toMatchObject({ passed: true, observedMs: 417.003, budgetMs: 417.003, event: { seq: run[1]!.seq, t: 10_417.003, type: 'lock.unlocked' } });
  });

  it('fails with a budget one microsecond less', () => {
    const { result } = judge(within(417.002), run);
    expect(result).toMatchObject({ passed: false, observedMs: 417.003, budgetMs: 417.002 });
    expect(result.detail).toContain('417.003 ms after step ring');
  });

  it('with a lower bound: at the bound passes, one microsecond sooner fails as too soon', () => {
    expect(judge(within(1000, 417.003), run).result.passed).toBe(true);
    const early = judge(within(1000, 417.004), run).result;
    expect(early).toMatchObject({ passed: false, minMs: 417.004 });
    expect(early.detail).toContain('too soon');
  });

  it('ignores matching events before the step fired', () => {
    const { result } = judge(within(100), [event(5_000, 'lock.unlocked'), fired(10_000, 'ring')]);
    expect(result.passed).toBe(false);
    expect(result.detail).toMatch(/did not happen within 100 ms of step ring/);
  });

  it('fails live once the deadline has passed, not before, and the final verdict is that one', () => {
    const evaluator = new Evaluator([within(500)], { endTime: 60_000 });
    const live: number[] = [];
    evaluator.onSettled((_r, t) => live.push(t));
    evaluator.observe(fired(10_000, 'ring'));
    evaluator.advance(10_500);
    expect(live).toEqual([]);
    evaluator.advance(10_500.001);
    expect(live).toEqual([10_500.001]);
    expect(evaluator.finish(60_000, {})[0]).toMatchObject({ passed: false, budgetMs: 500 });
  });

  it('fails when the step never fired', () => {
    expect(judge(within(500), [event(1, 'lock.unlocked')]).result.detail).toMatch(/step ring never fired/);
  });
});

describe('eventually', () => {
  const eventually = (by?: number): Expectation => ({ id: 'e', kind: 'eventually', event: unlocked, ...(by !== undefined ? { by } : {}) });

  it('passes with the event exactly at the deadline', () => {
    expect(judge(eventually(20_000), [event(20_000, 'lock.unlocked')]).result).toMatchObject({ passed: true, event: { t: 20_000 } });
  });

  it('fails with the event one microsecond after the deadline', () => {
    const { result, live } = judge(eventually(20_000), [event(20_000.001, 'lock.unlocked')]);
    expect(result.passed).toBe(false);
    expect(live).toEqual([{ passed: false, t: 20_000.001 }]);
  });

  it('defaults the deadline to the end of the run, and fails when nothing matched', () => {
    expect(judge(eventually(), [event(59_999, 'lock.unlocked')]).result.passed).toBe(true);
    expect(judge(eventually(), [event(1, 'lock.locked')]).result.detail).toMatch(/never happened \(by 60000 ms\)/);
  });
});

describe('never', () => {
  const never: Expectation = { id: 'n', kind: 'never', event: { type: 'msg.delivered', data: { topic: 'lock/unlock' } } };

  it('passes when no event matches (a near miss is not a match)', () => {
    expect(judge(never, [event(1, 'msg.delivered', 'bus', { topic: 'lock/lock' })]).result.passed).toBe(true);
  });

  it('fails live on the first matching event and names it', () => {
    const bad = event(42.5, 'msg.delivered', 'bus', { topic: 'lock/unlock' });
    const { result, live } = judge(never, [bad, event(50, 'msg.delivered', 'bus', { topic: 'lock/unlock' })]);
    expect(result).toMatchObject({ passed: false, event: { seq: bad.seq, t: 42.5 } });
    expect(live).toEqual([{ passed: false, t: 42.5 }]);
  });
});

describe('metric', () => {
  const metric = (bounds: { eq?: number; lte?: number; gte?: number }): Expectation => ({ id: 'm', kind: 'metric', name: 'messages.failed', ...bounds });
  const value = (v: number, bounds: Parameters<typeof metric>[0]): boolean => judge(metric(bounds), [], 1, { metrics: { 'messages.failed': v } }).result.passed;

  it('eq is exact: the value passes, ±1 fails', () => {
    expect(value(3, { eq: 3 })).toBe(true);
    expect(value(2, { eq: 3 })).toBe(false);
    expect(value(4, { eq: 3 })).toBe(false);
  });

  it('lte and gte include the bound and exclude the next value', () => {
    expect(value(3, { lte: 3 })).toBe(true);
    expect(value(3.001, { lte: 3 })).toBe(false);
    expect(value(3, { gte: 3 })).toBe(true);
    expect(value(2.999, { gte: 3 })).toBe(false);
  });

  it('fails on a rate or a percentile of nothing, rather than passing on 100 % or 0 ms', () => {
    const rate: Expectation = { id: 'r', kind: 'metric', name: 'delivery.success_rate', eq: 1 };
    expect(judge(rate, [], 1, { metrics: { 'messages.count': 0 } }).result).toMatchObject({ passed: false, detail: 'delivery.success_rate has no value: no message was measured in this run' });
    expect(judge(rate, [], 1, { metrics: { 'delivery.success_rate': 1 } }).result.passed).toBe(true);
  });

  it('fails on a metric that does not exist, listing the known ones', () => {
    expect(judge(metric({ eq: 0 }), [], 1, { metrics: { 'messages.count': 1 } }).result.detail).toMatch(/no metric named messages.failed; known: messages.count/);
  });
});

describe('state', () => {
  const state = (at?: number): Expectation => ({ id: 's', kind: 'state', twin: 'home/h1/lock.front_door', path: 'state', equals: 'locked', ...(at !== undefined ? { at } : {}) });

  it('reads at the end when no time is given: equal passes, different fails', () => {
    expect(judge(state(), [], 1, { state: 'locked' }).result.passed).toBe(true);
    expect(judge(state(), [], 1, { state: 'unlocked' }).result).toMatchObject({ passed: false, detail: expect.stringContaining('"unlocked" at the end') });
  });

  it('at a time: the reading taken then counts, not the state at the end', () => {
    let now: unknown = 'locked';
    const evaluator = new Evaluator([state(5_000)], { endTime: 10_000, readState: () => now });
    expect(evaluator.readingsDue()).toEqual([{ id: 's', at: 5_000 }]);
    evaluator.read('s', 5_000);
    now = 'unlocked';
    expect(evaluator.finish(10_000, {})[0]).toMatchObject({ passed: true, detail: expect.stringContaining('at t=5000 ms') });
  });

  it('with is: a range or a list tests the value, the nearest value outside fails', () => {
    const range: Expectation = { id: 's', kind: 'state', twin: 'home/h1/climate.living_room', path: 'context.targetTemperature', is: { gte: 21, lte: 23 } };
    expect(judge(range, [], 1, { state: 23 }).result.passed).toBe(true);
    expect(judge(range, [], 1, { state: 23.5 }).result).toMatchObject({ passed: false, detail: expect.stringContaining('expected to match {"gte":21,"lte":23}') });
    const oneOf: Expectation = { id: 's', kind: 'state', twin: 'home/h1/light.hall', path: 'state', is: { in: ['on', 'dimmed'] } };
    expect(judge(oneOf, [], 1, { state: 'dimmed' }).result.passed).toBe(true);
    expect(judge(oneOf, [], 1, { state: 'off' }).result.passed).toBe(false);
  });

  it('fails when the run ended before the time to look', () => {
    expect(judge(state(90_000), [], 60_000, { state: 'locked' }).result.detail).toMatch(/never read/);
  });
});

describe('count', () => {
  const count = (bounds: { eq?: number; lte?: number; gte?: number }): Expectation => ({ id: 'c', kind: 'count', event: unlocked, ...bounds });
  const three = (): SimEvent[] => [event(1, 'lock.unlocked'), event(2, 'lock.unlocked'), event(3, 'lock.unlocked'), event(4, 'lock.locked')];

  it('eq: the exact count passes, one less or one more fails', () => {
    expect(judge(count({ eq: 3 }), three()).result).toMatchObject({ passed: true, count: 3 });
    expect(judge(count({ eq: 4 }), three()).result).toMatchObject({ passed: false, count: 3 });
    expect(judge(count({ eq: 2 }), three()).result.passed).toBe(false);
  });

  it('gte and lte include their bound', () => {
    expect(judge(count({ gte: 3 }), three()).result.passed).toBe(true);
    expect(judge(count({ gte: 4 }), three()).result.passed).toBe(false);
    expect(judge(count({ lte: 3 }), three()).result.passed).toBe(true);
    expect(judge(count({ lte: 2 }), three()).result.passed).toBe(false);
  });

  it('settles live on the event that goes over the ceiling', () => {
    expect(judge(count({ lte: 1 }), three()).live).toEqual([{ passed: false, t: 2 }]);
  });
});

describe('order', () => {
  const order: Expectation = { id: 'o', kind: 'order', first: { type: 'prompt.answered' }, then: unlocked };

  it('passes when the first comes before the then', () => {
    expect(judge(order, [event(1, 'prompt.answered'), event(2, 'lock.unlocked')]).result.passed).toBe(true);
  });

  it('fails when the then comes first, even if the first follows', () => {
    const { result } = judge(order, [event(1, 'lock.unlocked'), event(2, 'prompt.answered'), event(3, 'lock.unlocked')]);
    expect(result).toMatchObject({ passed: false, event: { t: 1 } });
    expect(result.detail).toMatch(/came before any prompt.answered/);
  });

  it('fails when the then never happens, and an event matching both is not before itself', () => {
    expect(judge(order, [event(1, 'prompt.answered')]).result.detail).toMatch(/never happened/);
    const both: Expectation = { id: 'o', kind: 'order', first: { type: 'lock.unlocked' }, then: unlocked };
    expect(judge(both, [event(1, 'lock.unlocked')]).result.passed).toBe(false);
  });
});

describe('one evaluator for live and final', () => {
  it('what settled live is what finish returns, in the scenario order', () => {
    const evaluator = new Evaluator([
      { id: 'a', kind: 'never', event: unlocked },
      { id: 'b', kind: 'eventually', event: { type: 'prompt.answered' } },
    ], { endTime: 100 });
    const live = new Map<string, boolean>();
    evaluator.onSettled((r) => live.set(r.id, r.passed));
    evaluator.observe(event(1, 'prompt.answered'));
    evaluator.observe(event(2, 'lock.unlocked'));
    expect(evaluator.settled.map((r) => r.id)).toEqual(['a', 'b']);
    const final = evaluator.finish(100, {});
    expect(final.map((r) => [r.id, r.passed])).toEqual([['a', false], ['b', true]]);
    expect([...live.entries()].sort()).toEqual([['a', false], ['b', true]]);
  });
});
