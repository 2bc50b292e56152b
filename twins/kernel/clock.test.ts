import { createActor, setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock';

describe('VirtualClock', () => {
  it('runs callbacks in time order and same-time callbacks in scheduling order', () => {
    const clock = new VirtualClock();
    const seen: string[] = [];
    clock.schedule(20, () => seen.push('b@20'));
    clock.schedule(10, () => seen.push('a@10'));
    for (const name of ['c', 'd', 'e', 'f', 'g']) clock.schedule(20, () => seen.push(`${name}@20`));
    clock.runUntilIdle();
    expect(seen).toEqual(['a@10', 'b@20', 'c@20', 'd@20', 'e@20', 'f@20', 'g@20']);
    expect(clock.now()).toBe(20);
  });

  it('keeps FIFO order for thousands of same-time callbacks (heap stability)', () => {
    const clock = new VirtualClock();
    const seen: number[] = [];
    for (let i = 0; i < 5000; i++) clock.scheduleAt(i % 7, () => seen.push(i));
    clock.runUntilIdle();
    const expected = [...Array(5000).keys()].sort((a, b) => (a % 7) - (b % 7) || a - b);
    expect(seen).toEqual(expected);
  });

  it('cancels callbacks, including ones already run, without corrupting the pending count', () => {
    const clock = new VirtualClock();
    let ran = 0;
    const a = clock.schedule(5, () => ran++);
    const b = clock.schedule(6, () => ran++);
    clock.cancel(a);
    expect(clock.pending()).toBe(1);
    clock.runUntilIdle();
    clock.cancel(b);
    clock.cancel(a);
    expect(ran).toBe(1);
    expect(clock.pending()).toBe(0);
  });

  it('schedules work from inside callbacks and advances to runUntil targets', () => {
    const clock = new VirtualClock();
    const times: number[] = [];
    const again = (): void => {
      times.push(clock.now());
      if (times.length < 3) clock.schedule(100, again);
    };
    clock.schedule(0, again);
    clock.runUntil(150);
    expect(times).toEqual([0, 100]);
    expect(clock.now()).toBe(150);
    clock.runUntil(1000);
    expect(times).toEqual([0, 100, 200]);
  });

  it('single-steps one callback at a time', () => {
    const clock = new VirtualClock();
    const seen: number[] = [];
    clock.schedule(3, () => seen.push(3));
    clock.schedule(1, () => seen.push(1));
    expect(clock.step()).toBe(true);
    expect(seen).toEqual([1]);
    expect(clock.now()).toBe(1);
    expect(clock.step()).toBe(true);
    expect(clock.step()).toBe(false);
  });

  it('drives XState `after` delays in virtual time', () => {
    const machine = setup({}).createMachine({
      initial: 'ringing',
      states: { ringing: { after: { 30_000: 'timedOut' } }, timedOut: {} },
    });
    const clock = new VirtualClock();
    const actor = createActor(machine, { clock: clock.xstateClock }).start();
    clock.runUntil(29_999);
    expect(actor.getSnapshot().value).toBe('ringing');
    clock.runUntil(30_000);
    expect(actor.getSnapshot().value).toBe('timedOut');
  });
});

describe('virtual time resolution', () => {
  it('is one microsecond: sums of fractional delays land on whole microseconds', () => {
    const clock = new VirtualClock();
    const seen: number[] = [];
    let t = 0;
    for (const delay of [126.916, 38.366, 0.1, 0.2, 1e-7]) {
      t += delay;
      clock.scheduleAt(t, () => seen.push(clock.now()));
    }
    clock.runUntilIdle();
    expect(seen).toEqual([126.916, 165.282, 165.382, 165.582, 165.582]);
    clock.runUntil(200.0000004);
    expect(clock.now()).toBe(200);
  });
});
