// What the connectors report about themselves: connections lost and regained, queues overflowing, endpoints
// failing. These are host events, not simulation events — they depend on the real network, so they never enter the
// canonical (hashed) stream; the runner may log them or show them. Nothing a connector drops goes unreported here.
import type { Json } from '../../twins/kernel/types';
import { Emitter } from '../../twins/kernel/emitter';

export interface ConnectorEvent {
  /** `connector.connected`, `connector.disconnected`, `connector.queue-overflow`, `connector.error` … */
  type: string;
  /** The endpoint concerned, as it may be shown (no password). */
  endpoint: string;
  /** Wall-clock time (ms since the epoch) it happened. */
  at: number;
  data: { [key: string]: Json };
}

export type ConnectorEventListener = (event: ConnectorEvent) => void;

export class ConnectorEvents {
  // A faulty listener must not take the connector down with it.
  private readonly listeners = new Emitter<ConnectorEventListener>({ onListenerError: () => undefined });
  /** The most recent events, for stats() and for a caller that attaches late. */
  readonly recent: ConnectorEvent[] = [];

  constructor(private readonly keep = 100) {}

  on(listener: ConnectorEventListener): () => void {
    return this.listeners.on(listener);
  }

  emit(type: string, endpoint: string, data: { [key: string]: Json } = {}): void {
    const event: ConnectorEvent = { type, endpoint, at: Date.now(), data };
    this.recent.push(event);
    if (this.recent.length > this.keep) this.recent.shift();
    this.listeners.emit(event);
  }
}
