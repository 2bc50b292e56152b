import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReconnectBackoff } from './reconnect-backoff';

const delays = (backoff: ReconnectBackoff, n: number): number[] => Array.from({ length: n }, () => backoff.nextDelay());

describe('ReconnectBackoff', () => {
  it('doubles the step after every attempt: the fixed half of each delay is 125, 250, 500, 1000, 2000 ms', () => {
    // Exact figures, so growing by any other factor (or not at all) fails here.
    expect(delays(new ReconnectBackoff({ initialDelayMs: 250, random: () => 0 }), 5)).toEqual([125, 250, 500, 1000, 2000]);
    expect(delays(new ReconnectBackoff({ initialDelayMs: 100, random: () => 0.5 }), 4)).toEqual([75, 150, 300, 600]);
  });

  it('stops growing at the cap', () => {
    const backoff = new ReconnectBackoff({ initialDelayMs: 1_000, maxDelayMs: 5_000, random: () => 0 });
    expect(delays(backoff, 6)).toEqual([500, 1_000, 2_000, 2_500, 2_500, 2_500]);
  });

  it('treats a cap below the first delay as the first delay', () => {
    expect(delays(new ReconnectBackoff({ initialDelayMs: 400, maxDelayMs: 10, random: () => 0 }), 2)).toEqual([200, 200]);
  });

  it('keeps every delay within [step/2, step) whatever the random source says', () => {
    let i = 0;
    const values = [0, 0.999_999, 0.25, 0.75, 0.5, 0.1, 0.9];
    const backoff = new ReconnectBackoff({ initialDelayMs: 200, maxDelayMs: 3_200, random: () => values[i++ % values.length]! });
    let step = 200;
    for (let k = 0; k < 20; k++) {
      const d = backoff.nextDelay();
      expect(d).toBeGreaterThanOrEqual(step / 2);
      expect(d).toBeLessThan(step);
      step = Math.min(step * 2, 3_200);
    }
  });

  it('uses the injected random source for the jitter, not a fixed value', () => {
    const low = new ReconnectBackoff({ initialDelayMs: 1_000, random: () => 0 }).nextDelay();
    const high = new ReconnectBackoff({ initialDelayMs: 1_000, random: () => 0.5 }).nextDelay();
    expect(high - low).toBe(250);
  });

  it('starts from the first delay again after a reset', () => {
    const backoff = new ReconnectBackoff({ initialDelayMs: 250, random: () => 0 });
    delays(backoff, 4);
    backoff.reset();
    expect(delays(backoff, 2)).toEqual([125, 250]);
  });

  describe('schedule', () => {
    afterEach(() => void vi.useRealTimers());

    it('runs one attempt at a time after the delay, and cancel drops it', () => {
      vi.useFakeTimers();
      const backoff = new ReconnectBackoff({ initialDelayMs: 400, random: () => 0 });
      let attempts = 0;
      backoff.schedule(() => attempts++);
      backoff.schedule(() => attempts++); // a second drop while one waits: no second timer
      expect(backoff.pending).toBe(true);
      vi.advanceTimersByTime(199);
      expect(attempts).toBe(0);
      vi.advanceTimersByTime(1);
      expect(attempts).toBe(1);
      expect(backoff.pending).toBe(false);
      backoff.schedule(() => attempts++);
      backoff.cancel();
      vi.advanceTimersByTime(10_000);
      expect(attempts).toBe(1);
      expect(backoff.pending).toBe(false);
    });
  });
});
