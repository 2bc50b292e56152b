// Contracts of the deterministic kernel. Everything in twins/ that needs time, randomness or
// to report what happened goes through these interfaces, never through Date, Math.random or timers:
// that is what makes "same seed + same scenario => byte-identical event stream" hold.
import type { JsonWriter } from './json-writer';

/** Virtual time in milliseconds since the scenario's epoch (t = 0 at scenario start). */
export type SimTime = number;

export interface TimerHandle {
  readonly id: number;
}

/**
 * The virtual clock seen by twins. Callbacks scheduled for the same time run in the order they were
 * scheduled (stable FIFO), so ordering never depends on the host.
 */
export interface Scheduler {
  now(): SimTime;
  /** Run `fn` after `delayMs` of virtual time (0 = later in this instant, after already-queued work). */
  schedule(delayMs: number, fn: () => void, label?: string): TimerHandle;
  /** Run `fn` at an absolute virtual time (clamped to now if in the past). */
  scheduleAt(time: SimTime, fn: () => void, label?: string): TimerHandle;
  cancel(handle: TimerHandle): void;
}

/** One independent pseudo-random sequence. */
export interface RandomStream {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer uniform in [min, max] inclusive. */
  int(min: number, max: number): number;
  /** Normal distribution (Box–Muller). */
  normal(mean: number, stdDev: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/**
 * Seeded source of named streams. Each stream is derived from (seed, name) alone, so adding a twin
 * (and thus a new stream name) never shifts the numbers another twin draws.
 * Convention: `routes`, `links/<linkId>`, `devices/<twinId>`, `trace`, `city`.
 */
export interface RandomSource {
  readonly seed: number;
  stream(name: string): RandomStream;
}

/** A JSON-compatible value: what may go into the canonical event stream. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The canonical event stream: every observable thing (state change, message hop, geofence crossing,
 * expectation verdict) is emitted here, stamped with the virtual time. Its canonical serialisation
 * (sorted keys, one JSON object per line) is what the eventHash covers.
 */
export interface EventSink {
  emit(type: string, source: string, data: { [key: string]: Json }): void;
  /**
   * Same, with a hot path writing `data` itself: `write` must write its canonical JSON, or a record that reads
   * back as `data` exactly (see EventLog.emitWith). Listeners get `data` as it is.
   */
  emitWith<D extends object>(type: string, source: string, data: D, write: (writer: JsonWriter, data: D) => void): void;
}

/** What every twin factory receives. */
export interface KernelContext {
  scheduler: Scheduler;
  random: RandomSource;
  events: EventSink;
}
