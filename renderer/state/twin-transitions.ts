// The selected twin's state changes as the engine pushes them (watchTwin / onTwinTransitions), for the state-chart
// view's event log: every transition in the stream's order, however many arrive between two frames. Bounded: the
// newest TWIN_TRANSITIONS_KEPT are kept (a ring), and how many were dropped before them is counted, so the view can
// say so instead of silently showing a cut history.
import { TWIN_TRANSITIONS_KEPT, type TwinTransition, type TwinTransitions } from '../../protocol';
import { RingBuffer } from '../../twins/kernel/ring-buffer';

export class TwinTransitionsLog {
  /** The twin this log is of; batches of other twins are ignored. */
  address: string | null = null;
  private readonly ring: RingBuffer<TwinTransition>;
  /** Transitions the engine no longer held when the page started watching. */
  private droppedBefore = 0;
  private version = 0;
  private readonly listeners = new Set<() => void>();

  constructor(readonly capacity = TWIN_TRANSITIONS_KEPT) {
    this.ring = new RingBuffer(capacity);
  }

  /** Follow another twin (or none): what was shown goes until the engine's backlog for it arrives. */
  follow(address: string | null): void {
    if (address === this.address) return;
    this.address = address;
    this.ring.clear();
    this.droppedBefore = 0;
    this.changed();
  }

  apply(batch: TwinTransitions): void {
    if (batch.address !== this.address) return;
    if (batch.reset) {
      this.ring.clear();
      this.droppedBefore = batch.dropped;
    } else if (batch.dropped > 0) {
      // A gap between what is shown and this batch: start from the batch, counting all that is not shown.
      this.droppedBefore = this.dropped + this.ring.size + batch.dropped;
      this.ring.clear();
    }
    const last = this.ring.at(this.ring.size - 1)?.seq ?? -Infinity;
    let added = 0;
    for (const t of batch.transitions) {
      // A batch pushed before the backlog answer arrived holds nothing new: the stream's seq says so.
      if (t.seq <= last) continue;
      this.ring.push(t);
      added++;
    }
    if (added > 0 || batch.reset) this.changed();
  }

  /** The transitions held, oldest first. */
  list(): TwinTransition[] {
    return this.ring.toArray();
  }

  /** Transitions of this twin the page does not hold (dropped by either side's bound). */
  get dropped(): number {
    return this.droppedBefore + this.ring.dropped;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }
}
