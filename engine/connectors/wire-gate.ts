// Virtual time waits while a message is on a real wire. Choice and reason (see also TOPICS.md, "External parties"):
// the clock PAUSES rather than running at 1x real time. A paused clock keeps causality and the event order exactly
// as without the wire — nothing in the simulation can happen "during" the request except what was already due —
// and the bus then places the hop's arrival at (sent time + measured latency), so the virtual timeline holds the
// real latency without the run having to crawl at wall-clock speed everywhere else. Running at 1x instead would
// make every event that falls inside the request's window depend on host timing, and a headless run (max speed)
// would first have to be slowed down to real time for the whole duration of each request.
//
// The gate is the contract with whoever drives the clock: while it is held, do not step the virtual clock; await
// whenOpen() instead. runClock below is such a driver; the runner's Pacer can do the same check per step.
import type { VirtualClock } from '../../twins/kernel';
import type { SimTime } from '../../twins/kernel/types';
import { Emitter } from '../../twins/kernel/emitter';

export class WireGate {
  private holds = 0;
  private waiters: (() => void)[] = [];
  private readonly listeners = new Emitter<(held: boolean) => void>();
  /** Total wall time (ms) the clock was held, for stats. */
  heldMs = 0;
  private heldSince = 0;

  get isHeld(): boolean {
    return this.holds > 0;
  }

  get pending(): number {
    return this.holds;
  }

  /** Hold the clock until the returned release is called (idempotent). */
  hold(): () => void {
    if (this.holds++ === 0) {
      this.heldSince = performance.now();
      this.listeners.emit(true);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holds > 0) return;
      this.heldMs += performance.now() - this.heldSince;
      this.listeners.emit(false);
      for (const resolve of this.waiters.splice(0)) resolve();
    };
  }

  whenOpen(): Promise<void> {
    return this.holds === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Told when the gate closes (true) and opens (false): a pacer can pause and resume on it. */
  onChange(listener: (held: boolean) => void): () => void {
    return this.listeners.on(listener);
  }
}

export interface RunClockOptions {
  /** Yield to the host (I/O, sockets, timers) after this much wall time of uninterrupted stepping. Default 20 ms. */
  sliceMs?: number;
}

/**
 * Advance `clock` to virtual time `until` as fast as possible, pausing whenever the gate is held (a message on a
 * real wire) and yielding to the event loop regularly so replies, webhooks and MQTT traffic are served.
 */
export async function runClock(clock: VirtualClock, gate: WireGate, until: SimTime, options: RunClockOptions = {}): Promise<void> {
  const sliceMs = options.sliceMs ?? 20;
  let sliceEnd = performance.now() + sliceMs;
  for (let n = 0; ; n++) {
    if (gate.isHeld) {
      await gate.whenOpen();
      sliceEnd = performance.now() + sliceMs;
      continue;
    }
    const next = clock.nextTime();
    if (next === undefined || next > until) break;
    clock.step();
    if ((n & 63) === 63 && performance.now() >= sliceEnd) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceEnd = performance.now() + sliceMs;
    }
  }
  clock.runUntil(until);
}
