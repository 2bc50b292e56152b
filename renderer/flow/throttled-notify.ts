// How often the message flow view follows the log. Messages arrive in batches many times a second (hundreds of
// messages a second in a busy run); redrawing the table and the sequence lanes at every animation frame rewrites
// ~30 rows and their SVG at each frame, and the page's style, layout and paint of that text costs as much of the main
// thread as the city map's own drawing. Rows rolling through faster than anyone can read them need not be redrawn
// at every frame: at most every `minIntervalMs`, on an animation frame, is enough to read and to follow.

export interface Scheduler {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  requestAnimationFrame(run: () => void): unknown;
  cancelAnimationFrame(handle: unknown): void;
}

/** The browser's clocks; resolved at call time so a test environment without them can still load this module. */
export const BROWSER: Scheduler = {
  now: () => performance.now(),
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  requestAnimationFrame: (run) => globalThis.requestAnimationFrame(run),
  cancelAnimationFrame: (handle) => globalThis.cancelAnimationFrame(handle as number),
};

/**
 * Subscribes to `source` and calls `notify` at most once per `minIntervalMs` and only on an animation frame,
 * however many changes arrived in between; a change is never dropped (the last one is always notified).
 * Returns the unsubscribe function, which also cancels a pending notification.
 */
export function subscribeThrottled(source: { subscribe(listener: () => void): () => void }, notify: () => void, minIntervalMs: number, clock: Scheduler = BROWSER): () => void {
  let last = -Infinity;
  let timer: unknown;
  let frame: unknown;
  const onFrame = (): void => {
    frame = undefined;
    last = clock.now();
    notify();
  };
  const onChange = (): void => {
    if (timer !== undefined || frame !== undefined) return; // already pending: that notification will cover this change
    const wait = last + minIntervalMs - clock.now();
    if (wait <= 0) {
      frame = clock.requestAnimationFrame(onFrame);
      return;
    }
    timer = clock.setTimeout(() => {
      timer = undefined;
      frame = clock.requestAnimationFrame(onFrame);
    }, wait);
  };
  const off = source.subscribe(onChange);
  return () => {
    off();
    if (timer !== undefined) clock.clearTimeout(timer);
    if (frame !== undefined) clock.cancelAnimationFrame(frame);
  };
}
