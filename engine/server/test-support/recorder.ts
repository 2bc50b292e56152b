// Test helper: an EngineHost (or LiveSession publish function) whose events are kept, with a way to wait for one.
import type { EngineEvents, EventName } from '../../../protocol';

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
