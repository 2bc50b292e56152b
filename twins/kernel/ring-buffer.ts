// A fixed-capacity FIFO that overwrites its oldest item when full: for logs a view keeps "the newest N" of (a
// twin's transitions in the engine and in the state-chart view). Pushing is O(1) with no array shifting, so a
// 1,000-home run at max speed pays the same per transition whether the log is full or not.

export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private count = 0;
  /** Items pushed since creation (or the last clear), dropped ones included: `dropped` is `pushed - size`. */
  private pushedTotal = 0;

  constructor(readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`a ring buffer holds at least one item, not ${String(capacity)}`);
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  get pushed(): number {
    return this.pushedTotal;
  }

  /** Items that were pushed out by newer ones. */
  get dropped(): number {
    return this.pushedTotal - this.count;
  }

  push(item: T): void {
    this.pushedTotal++;
    if (this.count < this.capacity) {
      this.items[(this.start + this.count) % this.capacity] = item;
      this.count++;
      return;
    }
    this.items[this.start] = item;
    this.start = (this.start + 1) % this.capacity;
  }

  /** The i-th oldest item held (0 is the oldest), or undefined past the end. */
  at(i: number): T | undefined {
    if (!Number.isInteger(i) || i < 0 || i >= this.count) return undefined;
    return this.items[(this.start + i) % this.capacity];
  }

  /** The items held, oldest first. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.items[(this.start + i) % this.capacity] as T);
    return out;
  }

  /** The newest `limit` items that match, oldest first, walking back from the newest (cost in proportion to what it skips). */
  newest(limit: number, matches: (item: T) => boolean = () => true): T[] {
    const out: T[] = [];
    for (let i = this.count - 1; i >= 0 && out.length < limit; i--) {
      const item = this.items[(this.start + i) % this.capacity] as T;
      if (matches(item)) out.push(item);
    }
    return out.reverse();
  }

  clear(): void {
    this.items.fill(undefined);
    this.start = 0;
    this.count = 0;
    this.pushedTotal = 0;
  }
}
