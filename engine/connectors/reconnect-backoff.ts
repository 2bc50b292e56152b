// When to try a dropped connection again, for every connector that reconnects by itself (the MQTT session, the
// WebSocket transport): exponential backoff, capped, with "equal jitter" — half of each delay fixed, half random —
// so a fleet of clients that lost the same broker does not come back in step and knock it over again. Success
// resets it. One attempt is pending at a time: a second drop while one waits does not stack another timer.

export interface ReconnectBackoffOptions {
  /** The first delay before jitter (default 250 ms). */
  initialDelayMs?: number | undefined;
  /** The most a delay grows to before jitter (default 30 s). */
  maxDelayMs?: number | undefined;
  /** A source of numbers in [0, 1): injected so tests can pin the jitter (default Math.random). */
  random?: (() => number) | undefined;
}

/** Each failed attempt doubles the next delay, up to the cap. */
export const BACKOFF_GROWTH = 2;

export class ReconnectBackoff {
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly random: () => number;
  private currentMs: number;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: ReconnectBackoffOptions = {}) {
    this.initialDelayMs = options.initialDelayMs ?? 250;
    this.maxDelayMs = Math.max(this.initialDelayMs, options.maxDelayMs ?? 30_000);
    this.random = options.random ?? Math.random;
    this.currentMs = this.initialDelayMs;
  }

  /** The wait before the next attempt, in [d/2, d) for the current step d; the step after it grows. */
  nextDelay(): number {
    const step = this.currentMs;
    this.currentMs = Math.min(step * BACKOFF_GROWTH, this.maxDelayMs);
    return step / 2 + this.random() * (step / 2);
  }

  /** After a successful connection: the next drop starts from the first delay again. */
  reset(): void {
    this.currentMs = this.initialDelayMs;
  }

  /** Whether an attempt is waiting for its timer. */
  get pending(): boolean {
    return this.timer !== undefined;
  }

  /** Runs `attempt` after the next delay, unless one is already pending (then this call does nothing). */
  schedule(attempt: () => void): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      attempt();
    }, this.nextDelay());
  }

  /** Drops a pending attempt (the connector is closing). */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
