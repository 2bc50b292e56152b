// The bounded queue of messages published while the broker is unreachable. A retained message replaces an older
// queued one on the same topic (only the latest state matters, and it is not a drop); beyond the bound the oldest
// message is dropped and counted. Flushed in order once the connection is back.

export interface QueuedPublish<T> {
  topic: string;
  retain: boolean;
  message: T;
}

export class PublishQueue<T> {
  private items: (QueuedPublish<T> | undefined)[] = [];
  private head = 0;
  private readonly retainedAt = new Map<string, number>();
  private live = 0;
  /** Messages dropped because the queue was full, since the session started. */
  dropped = 0;
  /** Retained messages replaced by a newer state of the same topic before they could be sent. */
  superseded = 0;

  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new Error(`publish queue: limit must be at least 1, got ${limit}`);
  }

  get size(): number {
    return this.live;
  }

  /** Queue a message; returns how many were dropped to make room (0 or 1). */
  push(entry: QueuedPublish<T>): number {
    if (entry.retain) {
      const previous = this.retainedAt.get(entry.topic);
      if (previous !== undefined && this.items[previous] !== undefined) {
        this.items[previous] = undefined;
        this.live--;
        this.superseded++;
      }
    }
    this.items.push(entry);
    this.live++;
    if (entry.retain) this.retainedAt.set(entry.topic, this.items.length - 1);
    let droppedNow = 0;
    while (this.live > this.limit) {
      const oldest = this.shift();
      if (oldest === undefined) break;
      this.dropped++;
      droppedNow++;
    }
    return droppedNow;
  }

  /** Remove and return the oldest message, or undefined when empty. */
  shift(): QueuedPublish<T> | undefined {
    while (this.head < this.items.length) {
      const index = this.head++;
      const entry = this.items[index];
      if (entry === undefined) continue;
      this.items[index] = undefined;
      this.live--;
      if (entry.retain && this.retainedAt.get(entry.topic) === index) this.retainedAt.delete(entry.topic);
      this.compact();
      return entry;
    }
    this.compact();
    return undefined;
  }

  /** Keep the backing array from growing without bound as the head advances. */
  private compact(): void {
    if (this.head < 1024 || this.head * 2 < this.items.length) return;
    this.items = this.items.slice(this.head);
    for (const [topic, index] of this.retainedAt) this.retainedAt.set(topic, index - this.head);
    this.head = 0;
  }
}
