// A binary min-heap of (priority, item) pairs in flat arrays, for shortest-path search. Equal priorities
// pop in a fixed order given the same pushes, so routes are reproducible run to run.

export class MinHeap {
  private priorities: number[] = [];
  private items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  clear(): void {
    this.priorities.length = 0;
    this.items.length = 0;
  }

  push(priority: number, item: number): void {
    const p = this.priorities;
    const it = this.items;
    let i = it.length;
    p.push(priority);
    it.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(priority, item, p[parent]!, it[parent]!)) break;
      p[i] = p[parent]!;
      it[i] = it[parent]!;
      i = parent;
    }
    p[i] = priority;
    it[i] = item;
  }

  /** Priority of the smallest entry; Infinity when empty. */
  peekPriority(): number {
    return this.priorities.length === 0 ? Infinity : this.priorities[0]!;
  }

  /** Removes and returns the item with the smallest priority (ties: smaller item first). */
  pop(): number {
    const p = this.priorities;
    const it = this.items;
    if (it.length === 0) throw new Error('MinHeap.pop on an empty heap');
    const top = it[0]!;
    const lastP = p.pop()!;
    const lastIt = it.pop()!;
    const n = it.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        const child = right < n && less(p[right]!, it[right]!, p[left]!, it[left]!) ? right : left;
        if (!less(p[child]!, it[child]!, lastP, lastIt)) break;
        p[i] = p[child]!;
        it[i] = it[child]!;
        i = child;
      }
      p[i] = lastP;
      it[i] = lastIt;
    }
    return top;
  }
}

function less(pa: number, ia: number, pb: number, ib: number): boolean {
  return pa < pb || (pa === pb && ia < ib);
}
