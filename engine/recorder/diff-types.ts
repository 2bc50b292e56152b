// The vocabulary of a run diff: what kinds of difference there are, and the collector that keeps exact counts
// while storing only the first few thousand differences (two unrelated runs can differ in every message).
import type { RunInfo } from './schema';

export type DifferenceKind =
  | 'message-removed' // in run A, no counterpart in run B
  | 'message-added' // in run B, no counterpart in run A
  | 'message-payload' // same route, different payload (as sent or as delivered)
  | 'message-status' // delivered in one run, failed (or failed differently) in the other
  | 'message-path' // crossed different addresses
  | 'message-order' // causally ordered messages (same trace, or same destination) came in another order
  | 'latency-e2e' // end-to-end latency shifted beyond the tolerance
  | 'latency-hop' // one hop's latency shifted beyond the tolerance
  | 'twin-removed'
  | 'twin-added'
  | 'twin-states' // a twin went through a different sequence of states
  | 'expectation' // an expectation passed in one run and not the other, or exists in one only
  | 'event-count'; // a domain event (doorbell.pressed, lock.unlocked…) happened a different number of times

export const DIFFERENCE_KINDS: readonly DifferenceKind[] = [
  'message-removed',
  'message-added',
  'message-payload',
  'message-status',
  'message-path',
  'message-order',
  'latency-e2e',
  'latency-hop',
  'twin-removed',
  'twin-added',
  'twin-states',
  'expectation',
  'event-count',
];

export interface Difference {
  kind: DifferenceKind;
  /** What differs, e.g. `car/c1 > home/h1/climate.living_room home/h1/climate/set (command) #3`, a twin id, an expectation id. */
  subject: string;
  /** One readable sentence. */
  detail: string;
  /** Where to look: seq of the event in run A and in run B, when there is one. */
  seqA?: number;
  seqB?: number;
}

export interface DiffOptions {
  /** Latency shifts up to this many virtual ms are not differences. Default 0 (the twins are deterministic). */
  toleranceMs?: number;
  /** Differences kept in `differences` (counts stay exact). Default 10,000. */
  maxDifferences?: number;
}

export interface DiffResult {
  equivalent: boolean;
  /** In the order found: messages (by position in A; added ones, then order findings last), twins, expectations, domain events. */
  differences: Difference[];
  /** Exact count per kind, even when `differences` was truncated. */
  counts: Record<DifferenceKind, number>;
  total: number;
  truncated: boolean;
  a: { label: string; run: RunInfo; messages: number };
  b: { label: string; run: RunInfo; messages: number };
  toleranceMs: number;
  /** Why the comparison itself may mislead (two different scenarios, architectures or seeds). */
  warnings: string[];
}

export class DifferenceCollector {
  readonly differences: Difference[] = [];
  readonly counts = Object.fromEntries(DIFFERENCE_KINDS.map((k) => [k, 0])) as Record<DifferenceKind, number>;
  total = 0;

  constructor(private readonly max: number) {}

  add(difference: Difference): void {
    this.counts[difference.kind]++;
    this.total++;
    if (this.differences.length < this.max) this.differences.push(difference);
  }

  get truncated(): boolean {
    return this.total > this.differences.length;
  }
}
