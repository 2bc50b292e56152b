// Paces the virtual clock against a wall clock: as fast as possible, at N× real time, paused, or single-stepped.
// The wall clock is injected (engine: performance.now + setTimeout; tests: a fake), so twins/ stays free of
// host timers and the simulation itself is identical whatever the pace.
import type { VirtualClock } from './clock';
import type { SimTime } from './types';

export interface WallClock {
  /** Monotonic milliseconds. */
  now(): number;
  /** Call `fn` after `ms` of wall time; returns a cancel function. */
  setTimer(ms: number, fn: () => void): () => void;
}

export type PaceMode = { kind: 'max' } | { kind: 'realtime'; factor: number } | { kind: 'paused' };

export interface PacerOptions {
  /** The run ends when virtual time reaches this (or nothing is left to do). */
  endTime: SimTime;
  /** In `max` mode, yield to the host after this much wall time so I/O and UI stay responsive. */
  sliceMs?: number;
  /** In `realtime` mode, wake at least this often (wall ms) to move the clock smoothly. */
  frameMs?: number;
  onEnd?: () => void;
  /**
   * Asked before every step: false holds virtual time (a message is on a real wire). In real-time mode the time
   * spent held is taken out of the wall-clock anchor, so virtual time pauses rather than jumping ahead afterwards.
   */
  canStep?: () => boolean;
}

export class Pacer {
  private mode: PaceMode = { kind: 'paused' };
  private cancelTimer: (() => void) | undefined;
  private anchorWall = 0;
  private anchorVirtual: SimTime = 0;
  private ended = false;
  private heldSinceWall: number | undefined;

  constructor(
    private readonly clock: VirtualClock,
    private readonly wall: WallClock,
    private readonly options: PacerOptions,
  ) {}

  get currentMode(): PaceMode {
    return this.mode;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  setMode(mode: PaceMode): void {
    if (mode.kind === 'realtime' && !(mode.factor > 0)) throw new Error(`speed factor must be > 0, got ${mode.factor}`);
    this.mode = mode;
    this.anchorWall = this.wall.now();
    this.anchorVirtual = this.clock.now();
    this.reschedule(0);
  }

  pause(): void {
    this.setMode({ kind: 'paused' });
  }

  /** Single step: run the next pending callback (pauses first). Returns its virtual time. */
  step(): SimTime | undefined {
    if (this.mode.kind !== 'paused') this.pause();
    if (this.ended) return undefined;
    const next = this.clock.nextTime();
    if (next === undefined || next > this.options.endTime) {
      this.finish();
      return undefined;
    }
    this.clock.step();
    return next;
  }

  private reschedule(delayMs: number): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    if (this.mode.kind === 'paused' || this.ended) return;
    this.cancelTimer = this.wall.setTimer(delayMs, () => this.tick());
  }

  private tick(): void {
    this.cancelTimer = undefined;
    const end = this.options.endTime;
    const canStep = this.options.canStep ?? (() => true);
    if (!canStep()) {
      this.heldSinceWall ??= this.wall.now();
      return this.reschedule(2);
    }
    if (this.heldSinceWall !== undefined) {
      this.anchorWall += this.wall.now() - this.heldSinceWall;
      this.heldSinceWall = undefined;
    }
    if (this.mode.kind === 'max') {
      const deadline = this.wall.now() + (this.options.sliceMs ?? 50);
      // Check the wall clock every 64 callbacks: reading it is far dearer than one event.
      for (let n = 0; ; n++) {
        const next = this.clock.nextTime();
        if (next === undefined || next > end) return this.finish();
        this.clock.step();
        if (!canStep() || ((n & 63) === 63 && this.wall.now() >= deadline)) break;
      }
      this.reschedule(0);
    } else if (this.mode.kind === 'realtime') {
      const target = this.anchorVirtual + (this.wall.now() - this.anchorWall) * this.mode.factor;
      const limit = Math.min(target, end);
      for (;;) {
        const next = this.clock.nextTime();
        if (next === undefined || next > limit) break;
        this.clock.step();
        if (!canStep()) return this.reschedule(2);
      }
      if (this.clock.now() < limit) this.clock.runUntil(limit); // nothing due: just move the clock's hand
      if (target >= end) return this.finish();
      const next = this.clock.nextTime();
      const frame = this.options.frameMs ?? 50;
      const untilNext = next === undefined ? frame : (next - target) / this.mode.factor;
      this.reschedule(Math.max(0, Math.min(frame, untilNext)));
    }
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.clock.runUntil(this.options.endTime); // the run's time ends at endTime even if it went quiet earlier
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.options.onEnd?.();
  }
}
