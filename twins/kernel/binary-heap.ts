// The one priority queue of the project: a binary min-heap ordered by a comparator, with entries that compare
// equal coming out in the order they went in (FIFO). That tie rule is not a nicety: the virtual clock runs
// callbacks due at the same instant in the order they were scheduled, and a run's eventHash depends on it, so it
// must hold whatever the heap's internal layout — which a bare binary heap does not promise.
//
// Used by the virtual clock's queue (twins/kernel/event-queue.ts) and the road router's A* search
// (twins/world/routing.ts).

/** Negative when `a` comes out before `b`, positive when after, 0 when they tie (then first in, first out). */
export type HeapOrder<T> = (a: T, b: T) => number;

export class BinaryHeap<T> {
  private readonly items: T[] = [];
  /** Insertion number of each item, parallel to `items`: the tie-breaker that makes equal entries FIFO. */
  private readonly order: number[] = [];
  private inserted = 0;

  constructor(private readonly compare: HeapOrder<T>) {}

  get size(): number {
    return this.items.length;
  }

  /** The entry that would be popped next, left in place. */
  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const items = this.items;
    const order = this.order;
    const compare = this.compare;
    const n = this.inserted++;
    let i = items.length;
    items.push(item);
    order.push(n);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      // A new entry goes after every entry it ties with: those all went in earlier.
      if (compare(item, items[parent]!) >= 0) break;
      items[i] = items[parent]!;
      order[i] = order[parent]!;
      i = parent;
    }
    items[i] = item;
    order[i] = n;
  }

  pop(): T | undefined {
    const items = this.items;
    const order = this.order;
    const compare = this.compare;
    if (items.length === 0) return undefined;
    const top = items[0];
    const last = items.pop()!;
    const lastOrder = order.pop()!;
    const n = items.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        let child = left;
        if (right < n) {
          const c = compare(items[right]!, items[left]!);
          if (c < 0 || (c === 0 && order[right]! < order[left]!)) child = right;
        }
        const c = compare(items[child]!, last);
        if (c > 0 || (c === 0 && order[child]! > lastOrder)) break;
        items[i] = items[child]!;
        order[i] = order[child]!;
        i = child;
      }
      items[i] = last;
      order[i] = lastOrder;
    }
    return top;
  }

  clear(): void {
    this.items.length = 0;
    this.order.length = 0;
  }
}
