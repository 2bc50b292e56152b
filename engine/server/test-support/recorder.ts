// Test helper: an EngineHost (or LiveSession publish function) whose events are kept, with a way to wait for one.
import { applyUpdate, type Envelope, type EngineEvents, type EventName, type MessageBatch } from '../../../protocol';

/**
 * Every state each message was seen in across `batches`, in order, updates merged as a page merges them: what a
 * page that received them all held at each step (a test looks for a state, e.g. the command delivered).
 */
export function messageStates(batches: readonly MessageBatch[]): Envelope[] {
  const held = new Map<string, Envelope>();
  const states: Envelope[] = [];
  for (const batch of batches) {
    if (batch.reset) held.clear();
    for (const e of batch.envelopes) {
      held.set(e.id, e);
      states.push(e);
    }
    for (const u of batch.updates ?? []) {
      const previous = held.get(u.id);
      if (previous === undefined) continue;
      const e = applyUpdate(previous, u);
      if (e === undefined) throw new Error(`update of ${u.id} from hop ${u.hopsFrom} does not fit the ${previous.hops.length} hops held`);
      held.set(e.id, e);
      states.push(e);
    }
  }
  return states;
}

export class PublishedEvents {
  readonly events: { event: EventName; payload: unknown }[] = [];

  readonly publish = <E extends EventName>(event: E, payload: EngineEvents[E]): void => {
    this.events.push({ event, payload });
  };

  all<E extends EventName>(event: E): EngineEvents[E][] {
    return this.events.filter((e) => e.event === event).map((e) => e.payload as EngineEvents[E]);
  }

  /** Resolves with the first published payload (past or future) that matches. */
  async waitFor<E extends EventName>(event: E, match: (payload: EngineEvents[E]) => boolean = () => true, timeoutMs = 20_000): Promise<EngineEvents[E]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.all(event).find(match);
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`no ${event} event matched within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}
