import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock';
import { Pacer, type WallClock } from './pacer';

/** A wall clock the test advances by hand, so pacing is checked without real timers. */
class FakeWall implements WallClock {
  time = 0;
  private timers: { at: number; fn: () => void; live: boolean }[] = [];
  now(): number {
    return this.time;
  }
  setTimer(ms: number, fn: () => void): () => void {
    const t = { at: this.time + ms, fn, live: true };
    this.timers.push(t);
    return () => (t.live = false);
  }
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.live && t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      due.live = false;
      this.time = Math.max(this.time, due.at);
      due.fn();
    }
    this.time = end;
  }
}

function setup(endTime = 10_000): { clock: VirtualClock; wall: FakeWall; pacer: Pacer; fired: number[]; ended: () => boolean } {
  const clock = new VirtualClock();
  const wall = new FakeWall();
  const fired: number[] = [];
  for (let t = 1000; t <= 20_000; t += 1000) clock.scheduleAt(t, () => fired.push(t));
  let done = false;
  const pacer = new Pacer(clock, wall, { endTime, onEnd: () => (done = true) });
  return { clock, wall, pacer, fired, ended: () => done };
}

describe('Pacer', () => {
  it('does nothing while paused', () => {
    const s = setup();
    s.wall.advance(60_000);
    expect(s.fired).toEqual([]);
  });

  it('runs at N× real time', () => {
    const s = setup();
    s.pacer.setMode({ kind: 'realtime', factor: 2 });
    s.wall.advance(2_000); // 2 s of wall time at 2× = 4 s of virtual time
    expect(s.fired).toEqual([1000, 2000, 3000, 4000]);
    expect(s.ended()).toBe(false);
  });

  it('runs as fast as possible to the end time and stops there', () => {
    const s = setup(10_000);
    s.pacer.setMode({ kind: 'max' });
    s.wall.advance(1);
    expect(s.fired).toEqual([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000]);
    expect(s.ended()).toBe(true);
    expect(s.clock.now()).toBe(10_000);
  });

  it('single-steps and pauses in between', () => {
    const s = setup();
    s.pacer.setMode({ kind: 'realtime', factor: 1 });
    expect(s.pacer.step()).toBe(1000);
    expect(s.pacer.currentMode.kind).toBe('paused');
    s.wall.advance(5_000);
    expect(s.fired).toEqual([1000]);
    expect(s.pacer.step()).toBe(2000);
  });

  it('rejects a non-positive speed', () => {
    expect(() => setup().pacer.setMode({ kind: 'realtime', factor: 0 })).toThrow(/> 0/);
  });
});

describe('Pacer with a gate (a message on a real wire)', () => {
  it('holds virtual time while the gate is shut and resumes where it left off in real-time mode', () => {
    const clock = new VirtualClock();
    const wall = new FakeWall();
    const fired: number[] = [];
    for (let t = 1000; t <= 10_000; t += 1000) clock.scheduleAt(t, () => fired.push(t));
    let open = true;
    const pacer = new Pacer(clock, wall, { endTime: 10_000, canStep: () => open });
    pacer.setMode({ kind: 'realtime', factor: 1 });
    wall.advance(1_500);
    expect(fired).toEqual([1000]);
    open = false;
    wall.advance(5_000); // five seconds on the wire: virtual time must not move
    expect(fired).toEqual([1000]);
    open = true;
    wall.advance(1_000); // virtual time continues from ~1.5 s, not from 6.5 s
    expect(fired).toEqual([1000, 2000]);
  });

  it('stops a max-speed slice as soon as the gate shuts', () => {
    const clock = new VirtualClock();
    const wall = new FakeWall();
    const fired: number[] = [];
    let open = true;
    for (let t = 1; t <= 100; t++) clock.scheduleAt(t, () => { fired.push(t); if (t === 10) open = false; });
    const pacer = new Pacer(clock, wall, { endTime: 1_000, canStep: () => open });
    pacer.setMode({ kind: 'max' });
    wall.advance(50);
    expect(fired.at(-1)).toBe(10);
    open = true;
    wall.advance(50);
    expect(fired).toHaveLength(100);
  });
});
