import { describe, expect, it } from 'vitest';
import type { TwinTransition } from '../../protocol';
import { TwinTransitionsLog } from './twin-transitions';

const tr = (seq: number, from: string, to: string, t = 0): TwinTransition => ({ seq, t, from, to });

describe('TwinTransitionsLog', () => {
  it('keeps every pushed transition of the followed twin in order, several at one time included', () => {
    const log = new TwinTransitionsLog();
    log.follow('home/h1/lock');
    log.apply({ address: 'home/h1/lock', transitions: [tr(1, 'locked', 'unlocking')], reset: true, dropped: 0 });
    log.apply({ address: 'home/h1/lock', transitions: [tr(5, 'unlocking', 'unlocked', 9), tr(6, 'unlocked', 'locked', 9)], reset: false, dropped: 0 });
    expect(log.list().map((x) => x.to)).toEqual(['unlocking', 'unlocked', 'locked']);
    expect(log.dropped).toBe(0);
  });

  it('ignores other twins, and a pushed batch the backlog already held', () => {
    const log = new TwinTransitionsLog();
    log.follow('a');
    log.apply({ address: 'b', transitions: [tr(1, 'x', 'y')], reset: true, dropped: 0 });
    log.apply({ address: 'a', transitions: [tr(2, 'x', 'y'), tr(3, 'y', 'z')], reset: true, dropped: 0 });
    log.apply({ address: 'a', transitions: [tr(3, 'y', 'z')], reset: false, dropped: 0 });
    expect(log.list().map((x) => x.seq)).toEqual([2, 3]);
  });

  it('starts over on a reset (a replay that starts again) and when it follows another twin', () => {
    const log = new TwinTransitionsLog();
    log.follow('a');
    log.apply({ address: 'a', transitions: [tr(7, 'x', 'y')], reset: false, dropped: 0 });
    log.apply({ address: 'a', transitions: [], reset: true, dropped: 0 });
    expect(log.list()).toEqual([]);
    log.apply({ address: 'a', transitions: [tr(1, 'x', 'y')], reset: false, dropped: 0 }); // a lower seq after the reset is new
    expect(log.list()).toHaveLength(1);
    const before = log.getVersion();
    log.follow('b');
    expect(log.list()).toEqual([]);
    expect(log.getVersion()).toBeGreaterThan(before);
  });

  it('is bounded: keeps the newest and counts the dropped, the engine\'s and its own', () => {
    const log = new TwinTransitionsLog(3);
    log.follow('a');
    log.apply({ address: 'a', transitions: [tr(10, 's0', 's1')], reset: true, dropped: 4 });
    log.apply({ address: 'a', transitions: [11, 12, 13, 14].map((s) => tr(s, `s${s - 10}`, `s${s - 9}`)), reset: false, dropped: 0 });
    expect(log.list().map((x) => x.seq)).toEqual([12, 13, 14]);
    expect(log.dropped).toBe(4 + 2);
  });

  it('never shows a gap: a push that left some out replaces what was shown, and all of it counts as not shown', () => {
    const log = new TwinTransitionsLog();
    log.follow('a');
    log.apply({ address: 'a', transitions: [tr(1, 's0', 's1'), tr(2, 's1', 's2')], reset: true, dropped: 3 });
    log.apply({ address: 'a', transitions: [tr(50, 's40', 's41')], reset: false, dropped: 38 });
    expect(log.list().map((x) => x.seq)).toEqual([50]);
    expect(log.dropped).toBe(3 + 2 + 38);
  });

  it('tells its subscribers about changes only', () => {
    const log = new TwinTransitionsLog();
    let calls = 0;
    const off = log.subscribe(() => calls++);
    log.follow('a');
    log.apply({ address: 'a', transitions: [tr(1, 'x', 'y')], reset: false, dropped: 0 });
    log.apply({ address: 'a', transitions: [tr(1, 'x', 'y')], reset: false, dropped: 0 });
    log.apply({ address: 'zz', transitions: [tr(2, 'x', 'y')], reset: false, dropped: 0 });
    off();
    log.apply({ address: 'a', transitions: [tr(3, 'y', 'z')], reset: false, dropped: 0 });
    expect(calls).toBe(2);
  });
});
