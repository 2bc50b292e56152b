// The replay guard at the edge of its retention. A command signed `skew` ms ahead of the receiver's clock is
// still fresh `window` ms after its signing time, which is exactly `window + skew` ms after its first arrival:
// the nonce must still be remembered at that instant, or a replay at exactly the edge is accepted again.
import { describe, expect, it } from 'vitest';
import { ReplayGuard } from './replay-guard';

const WINDOW_MS = 30_000;
const SKEW_MS = 5_000;
const RETENTION_MS = WINDOW_MS + SKEW_MS;
const MICROSECOND = 0.001;

describe('ReplayGuard at the retention edge', () => {
  it.each([
    ['1 µs before the edge', -MICROSECOND, true],
    ['exactly at the edge', 0, true],
  ])('refuses a replay %s', (_name, offset, replayed) => {
    const guard = new ReplayGuard(RETENTION_MS);
    const firstArrival = 1_000;
    expect(guard.replayed('home:h1', 'car', 'n1', firstArrival)).toBe(false);
    expect(guard.replayed('home:h1', 'car', 'n1', firstArrival + RETENTION_MS + offset)).toBe(replayed);
  });

  it('forgets the nonce 1 µs past the edge, when the freshness check refuses the copy anyway', () => {
    const guard = new ReplayGuard(RETENTION_MS);
    const firstArrival = 1_000;
    const signedAt = firstArrival + SKEW_MS; // the latest signing time the receiver accepted at first arrival
    guard.replayed('home:h1', 'car', 'n1', firstArrival);
    const now = firstArrival + RETENTION_MS + MICROSECOND;
    expect(guard.replayed('home:h1', 'car', 'n1', now)).toBe(false);
    expect(guard.size('home:h1')).toBe(1);
    expect(now - signedAt).toBeGreaterThan(WINDOW_MS);
  });

  it('keeps domains and senders apart', () => {
    const guard = new ReplayGuard(RETENTION_MS);
    expect(guard.replayed('home:h1', 'car', 'n1', 0)).toBe(false);
    expect(guard.replayed('home:h2', 'car', 'n1', 0)).toBe(false);
    expect(guard.replayed('home:h1', 'phone', 'n1', 0)).toBe(false);
    expect(guard.replayed('home:h1', 'car', 'n1', 0)).toBe(true);
  });
});
