// The virtual clock: the only source of time in a simulation. It advances from event to event (never by
// ticking), which is what lets a day of a 1,000-home neighbourhood run in seconds. Pacing against the wall
// clock (N× real time, paused, single-step) is layered on top by the Pacer.
import { EventQueue, type QueuedItem } from './event-queue';
import type { Scheduler, SimTime, TimerHandle } from './types';

/** The clock interface XState v5 actors accept (`createActor(machine, { clock })`). */
export interface XStateClock {
  setTimeout(fn: (...args: unknown[]) => void, timeout: number): unknown;
  clearTimeout(id: unknown): void;
}

/**
 * Virtual time has a resolution of 1 µs: every time the clock is set to is rounded to a whole microsecond. Sums of
 * link delays would otherwise drift into binary fractions (165.28199999999998), which print long and slowly in
 * every message of the canonical stream, and mean nothing below a microsecond anyway.
 */
export function toMicrosecondResolution(time: SimTime): SimTime {
  return Math.round(time * 1000) / 1000;
}

export class VirtualClock implements Scheduler {
  private time: SimTime = 0;
  private seq = 0;
  private readonly queue = new EventQueue();
  /** Callbacks run so far: a cheap progress figure for the runner and benchmarks. */
  executed = 0;

  readonly xstateClock: XStateClock = {
    setTimeout: (fn, timeout) => this.schedule(timeout, fn as () => void, 'xstate.after'),
    clearTimeout: (id) => this.cancel(id as TimerHandle),
  };

  now(): SimTime {
    return this.time;
  }

  schedule(delayMs: number, fn: () => void, label?: string): TimerHandle {
    if (!(delayMs >= 0)) delayMs = 0; // also catches NaN
    return this.scheduleAt(this.time + delayMs, fn, label);
  }

  scheduleAt(time: SimTime, fn: () => void, label?: string): TimerHandle {
    // The queued item is its own handle: one allocation per scheduled callback, not two (GC is the main cost
    // of a busy bus).
    const at = toMicrosecondResolution(time);
    const item: QueuedItem = { id: this.seq, time: at < this.time ? this.time : at, seq: this.seq++, fn, label, cancelled: false };
    this.queue.push(item);
    return item;
  }

  cancel(handle: TimerHandle): void {
    const item = handle as QueuedItem;
    if (item.cancelled === undefined || item.cancelled) return;
    item.cancelled = true;
    this.queue.markCancelled();
  }

  /** Time of the next pending callback, or undefined when idle. */
  nextTime(): SimTime | undefined {
    return this.queue.peek()?.time;
  }

  pending(): number {
    return this.queue.size;
  }

  /** Run exactly one pending callback. Returns false when there was nothing to run. */
  step(): boolean {
    const item = this.queue.pop();
    if (item === undefined) return false;
    this.time = item.time;
    item.cancelled = true; // a handle cancelled after it ran must not decrement the live count again
    this.executed++;
    item.fn();
    return true;
  }

  /** Run every callback due at or before `time`, then leave the clock at `time`. */
  runUntil(time: SimTime): void {
    for (;;) {
      const next = this.queue.peek();
      if (next === undefined || next.time > time) break;
      this.step();
    }
    if (time > this.time) this.time = toMicrosecondResolution(time);
  }

  /** Run until nothing is pending (or past `limit`, guarding against endless timers); time stays at the last event. */
  runUntilIdle(limit: SimTime = Number.MAX_SAFE_INTEGER): void {
    for (;;) {
      const next = this.queue.peek();
      if (next === undefined || next.time > limit) return;
      this.step();
    }
  }
}
