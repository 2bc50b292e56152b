import { describe, expect, it } from 'vitest';
import { subscribeThrottled, type Scheduler } from './throttled-notify';

/** A hand-driven clock: timers fire when time is advanced past them, frames when `frame()` is called. */
function fakeClock() {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  const frames = new Map<number, () => void>();
  const clock: Scheduler = {
    now: () => now,
    setTimeout: (run, ms) => (timers.set(nextId, { at: now + ms, run }), nextId++),
    clearTimeout: (h) => void timers.delete(h as number),
    requestAnimationFrame: (run) => (frames.set(nextId, run), nextId++),
    cancelAnimationFrame: (h) => void frames.delete(h as number),
  };
  return {
    clock,
    advance(ms: number): void {
      now += ms;
      for (const [id, t] of [...timers]) {
        if (t.at > now) continue;
        timers.delete(id);
        t.run();
      }
    },
    frame(): void {
      const due = [...frames.values()];
      frames.clear();
      for (const run of due) run();
    },
    pending: () => timers.size + frames.size,
  };
}

function source() {
  const listeners = new Set<() => void>();
  return {
    subscribe(l: () => void) {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    change: () => listeners.forEach((l) => l()),
    listeners,
  };
}

describe('subscribeThrottled', () => {
  it('notifies the first change on the next frame, not synchronously', () => {
    const t = fakeClock();
    const s = source();
    let calls = 0;
    subscribeThrottled(s, () => calls++, 100, t.clock);
    s.change();
    expect(calls).toBe(0);
    t.frame();
    expect(calls).toBe(1);
  });

  it('coalesces a burst of changes within the interval into one later notification, never dropping the last', () => {
    const t = fakeClock();
    const s = source();
    let calls = 0;
    subscribeThrottled(s, () => calls++, 100, t.clock);
    s.change();
    t.frame();
    for (let i = 0; i < 10; i++) {
      t.advance(5);
      s.change();
      t.frame();
    }
    // 50 ms after the first notification: changes are pending, not yet shown.
    expect(calls).toBe(1);
    t.advance(50);
    t.frame();
    expect(calls).toBe(2);
    t.advance(500);
    t.frame();
    expect(calls).toBe(2); // nothing changed since: no notification
  });

  it('notifies at frame rate no more often than the interval allows over a long stream', () => {
    const t = fakeClock();
    const s = source();
    let calls = 0;
    subscribeThrottled(s, () => calls++, 100, t.clock);
    for (let ms = 0; ms < 1_000; ms += 16) {
      s.change();
      t.advance(16);
      t.frame();
    }
    expect(calls).toBeGreaterThanOrEqual(8);
    expect(calls).toBeLessThanOrEqual(10);
  });

  it('unsubscribing stops listening and cancels a pending timer or frame', () => {
    const t = fakeClock();
    const s = source();
    let calls = 0;
    const off = subscribeThrottled(s, () => calls++, 100, t.clock);
    s.change();
    t.frame();
    s.change(); // pending on a timer
    off();
    expect(s.listeners.size).toBe(0);
    expect(t.pending()).toBe(0);
    t.advance(1_000);
    t.frame();
    expect(calls).toBe(1);
    const off2 = subscribeThrottled(s, () => calls++, 100, t.clock);
    s.change(); // pending on a frame
    off2();
    expect(t.pending()).toBe(0);
  });
});
