// One typed listener list, for every place that tells others what happened (the event log, the bus's live view,
// twins' emitted events, the connectors, the engine host). twins/ is pure TypeScript, so Node's `events` is not
// an option here, and one small class beats the same push/indexOf/splice written at each site.
//
// Order and re-entrancy are those of a Set: listeners run in the order they subscribed; one unsubscribed during
// an emit and not yet called is not called; one subscribed during an emit is called in that same emit. The same
// function subscribed twice is called twice and each unsubscribe removes one of them.

export interface EmitterOptions {
  /**
   * Called with a listener's error instead of letting it stop the emit: for hosts where one broken subscriber (a
   * closed socket, say) must not silence the others. Without it an error propagates to the emitter's caller.
   */
  onListenerError?: (error: unknown) => void;
}

export class Emitter<Listener extends (...args: never[]) => void> {
  // Registrations rather than the functions themselves, so a function subscribed twice is held twice.
  private readonly registrations = new Set<{ readonly listener: Listener }>();
  private readonly onListenerError: ((error: unknown) => void) | undefined;

  constructor(options: EmitterOptions = {}) {
    this.onListenerError = options.onListenerError;
  }

  /** How many listeners are subscribed: callers that build costly arguments skip the work at zero. */
  get size(): number {
    return this.registrations.size;
  }

  /** Subscribes `listener`; the returned function unsubscribes it (calling it again does nothing). */
  on(listener: Listener): () => void {
    const registration = { listener };
    this.registrations.add(registration);
    return () => void this.registrations.delete(registration);
  }

  emit(...args: Parameters<Listener>): void {
    if (this.registrations.size === 0) return; // the hot paths' common case: nobody watches
    const onError = this.onListenerError;
    for (const { listener } of this.registrations) {
      if (onError === undefined) listener(...args);
      else {
        try {
          listener(...args);
        } catch (error) {
          onError(error);
        }
      }
    }
  }

  clear(): void {
    this.registrations.clear();
  }
}
