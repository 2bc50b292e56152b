// Binary min-heap of timed callbacks ordered by (time, sequence). The sequence number makes callbacks
// scheduled for the same instant run in the order they were scheduled, independent of heap internals:
// this stable order is part of what keeps runs byte-identical.
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
  private heap: QueuedItem[] = [];
  private live = 0;

  get size(): number {
    return this.live;
  }

  push(item: QueuedItem): void {
    const heap = this.heap;
    heap.push(item);
    this.live++;
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = item;
  }

  /** Called when an item already in the heap is cancelled: it stays until popped (lazy deletion). */
  markCancelled(): void {
    this.live--;
  }

  /** Earliest live item, discarding cancelled ones on the way. */
  peek(): QueuedItem | undefined {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.popRaw();
    return this.heap[0];
  }

  pop(): QueuedItem | undefined {
    const top = this.peek();
    if (top === undefined) return undefined;
    this.popRaw();
    this.live--;
    return top;
  }

  private popRaw(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    let i = 0;
    const n = heap.length;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && before(heap[right]!, heap[left]!) ? right : left;
      if (!before(heap[child]!, last)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
  }
}

function before(a: QueuedItem, b: QueuedItem): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
