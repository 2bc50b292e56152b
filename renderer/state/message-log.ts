// The messages of the current run as the flow view needs them: envelopes by id (the engine sends a message again
// whenever it changes), in the order they were first seen, capped so a long max-speed run cannot exhaust memory.
import type { Envelope, MessageBatch } from '../../protocol';

export const MAX_MESSAGES = 20_000;

export class MessageLog {
  private readonly byId = new Map<string, Envelope>();
  private order: string[] = [];
  /** Bumped on every change; the views re-derive their rows when it moves. */
  version = 0;
  total = 0;
  private readonly listeners = new Set<() => void>();

  apply(batch: MessageBatch): void {
    if (batch.reset) this.clear();
    for (const envelope of batch.envelopes) {
      if (!this.byId.has(envelope.id)) this.order.push(envelope.id);
      this.byId.set(envelope.id, envelope);
    }
    if (this.order.length > MAX_MESSAGES) {
      for (const id of this.order.splice(0, this.order.length - MAX_MESSAGES)) this.byId.delete(id);
    }
    this.total = batch.total;
    this.changed();
  }

  clear(): void {
    this.byId.clear();
    this.order = [];
    this.total = 0;
    this.changed();
  }

  get(id: string): Envelope | undefined {
    return this.byId.get(id);
  }

  /** Every kept envelope, oldest first. */
  all(): Envelope[] {
    return this.order.map((id) => this.byId.get(id)!);
  }

  get size(): number {
    return this.order.length;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
