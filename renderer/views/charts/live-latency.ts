// End-to-end latency as it builds while a run plays, kept up as messages arrive: the same definition as the engine's
// metrics (engine/runner/metrics.ts), so the live figures converge on the verdict's — every delivered message but a
// response, sent → delivered; percentiles by nearest rank; success and failure over completed ones. Each arriving
// or changed message costs O(1) (a percentile sketch, counters, a ring of the newest points); reading the figures
// costs the sketch's buckets and the points drawn, never a pass over the run's messages (which, at 5k messages a
// second against a 100k log, took 100+ ms of a frame every 300 ms).
import type { Envelope, LatencyStats } from '../../../protocol';
import type { MessageLogObserver, PreviousState } from '../../state/message-log';
import { LatencySketch } from './latency-sketch';

export interface LiveLatency {
  /** [delivered at (virtual ms), latency ms], in the order they were delivered, the newest `maxPoints` at most. */
  points: [number, number][];
  stats: LatencyStats;
  sent: number;
  delivered: number;
  failed: number;
}

/** What a message's latency depends on: an envelope, or what the log says it was before a change. */
type Outcome = Pick<Envelope, 'status' | 'kind' | 'createdAt'> & { readonly completedAt?: number | undefined };

/** The latency sample a message gives, or undefined (not delivered yet, failed, or a response). */
function sample(m: Outcome): number | undefined {
  return m.status !== 'delivered' || m.kind === 'response' || m.completedAt === undefined ? undefined : m.completedAt - m.createdAt;
}

/**
 * The run's live latency, fed every message as it arrives or changes (a MessageLog observer): over every message
 * the page received since the run started, including those the log has since dropped to bound its memory.
 */
export class LiveLatencyTracker implements MessageLogObserver {
  private readonly sketch = new LatencySketch();
  /** The newest points, a ring: ring[(start + i) % maxPoints] is the i-th oldest. */
  private ring: [number, number][] = [];
  private start = 0;
  private sent = 0;
  private delivered = 0;
  private failed = 0;
  /** Bumped on every change, so a view can tell whether to draw again. */
  version = 0;

  constructor(private readonly maxPoints = 1500) {}

  upsert(next: Envelope, previous: PreviousState | undefined): void {
    if (previous === undefined) this.sent++;
    else if (previous.status === next.status) return; // a hop on the way: nothing here changes
    else this.count(previous, -1); // a message's outcome is replaced by its new one (not expected, but kept exact)
    this.count(next, 1);
    this.version++;
  }

  reset(): void {
    this.sketch.clear();
    this.ring = [];
    this.start = 0;
    this.sent = this.delivered = this.failed = 0;
    this.version++;
  }

  /** The figures now: O(buckets + maxPoints). */
  read(): LiveLatency {
    const points = this.ring.length < this.maxPoints ? [...this.ring] : [...this.ring.slice(this.start), ...this.ring.slice(0, this.start)];
    return { points, stats: this.sketch.stats(), sent: this.sent, delivered: this.delivered, failed: this.failed };
  }

  private count(m: Outcome, times: 1 | -1): void {
    if (m.status === 'failed') this.failed += times;
    if (m.status !== 'delivered') return;
    this.delivered += times;
    const ms = sample(m);
    if (ms === undefined) return;
    this.sketch.add(ms, times);
    // A point once drawn stays among the newest until pushed out: taking one back is not worth a search.
    if (times > 0) this.push([m.completedAt!, ms]);
  }

  private push(point: [number, number]): void {
    if (this.ring.length < this.maxPoints) {
      this.ring.push(point);
      return;
    }
    this.ring[this.start] = point;
    this.start = (this.start + 1) % this.maxPoints;
  }
}
