// The virtual clock's queue of timed callbacks: a BinaryHeap ordered by time, whose first-in-first-out rule for
// equal times makes callbacks scheduled for the same instant run in the order they were scheduled (the clock
// pushes them in that order) — part of what keeps runs byte-identical. Cancelled callbacks stay in the heap until
// they reach the top (lazy deletion), so cancelling costs nothing but a flag.
import { BinaryHeap } from './binary-heap';
import type { SimTime } from './types';

export interface QueuedItem {
  readonly id: number;
  time: SimTime;
  seq: number;
  fn: () => void;
  label: string | undefined;
  cancelled: boolean;
}

export class EventQueue {
  // Comparisons rather than a difference, which would be NaN for two callbacks scheduled at Infinity.
  private readonly heap = new BinaryHeap<QueuedItem>((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  private live = 0;

  get size(): number {
    return this.live;
  }

  push(item: QueuedItem): void {
    this.heap.push(item);
    this.live++;
  }

  /** Called when an item already in the heap is cancelled: it stays until popped (lazy deletion). */
  markCancelled(): void {
    this.live--;
  }

  /** Earliest live item, discarding cancelled ones on the way. */
  peek(): QueuedItem | undefined {
    let top = this.heap.peek();
    while (top !== undefined && top.cancelled) {
      this.heap.pop();
      top = this.heap.peek();
    }
    return top;
  }

  pop(): QueuedItem | undefined {
    const top = this.peek();
    if (top === undefined) return undefined;
    this.heap.pop();
    this.live--;
    return top;
  }
}
