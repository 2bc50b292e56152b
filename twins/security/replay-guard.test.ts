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

  it('keeps its memory bounded: nonces past the retention window are dropped as new ones arrive', () => {
    const guard = new ReplayGuard(RETENTION_MS);
    // One command a second for ten windows: never more than one window's worth is remembered.
    let largest = 0;
    for (let t = 0; t <= 10 * RETENTION_MS; t += 1_000) {
      expect(guard.replayed('home:h1', 'car', `n${t}`, t)).toBe(false);
      largest = Math.max(largest, guard.size('home:h1'));
    }
    expect(largest).toBe(RETENTION_MS / 1_000 + 1);
    expect(guard.size('home:h1')).toBe(RETENTION_MS / 1_000 + 1);
  });

  it('drops every expired nonce at once, and only the expired ones', () => {
    const guard = new ReplayGuard(RETENTION_MS);
    guard.replayed('home:h1', 'car', 'a', 0);
    guard.replayed('home:h1', 'car', 'b', 10);
    guard.replayed('home:h1', 'car', 'c', 20);
    expect(guard.size('home:h1')).toBe(3);
    // At 20 + RETENTION_MS, `a` and `b` are past their edge and `c` is exactly at it: `c` stays.
    expect(guard.replayed('home:h1', 'car', 'd', 20 + RETENTION_MS)).toBe(false);
    expect(guard.size('home:h1')).toBe(2);
    expect(guard.replayed('home:h1', 'car', 'c', 20 + RETENTION_MS)).toBe(true);
    expect(guard.replayed('home:h1', 'car', 'a', 20 + RETENTION_MS)).toBe(false);
  });

  it('knows nothing of a domain it has never seen', () => {
    expect(new ReplayGuard(RETENTION_MS).size('home:nowhere')).toBe(0);
  });
});
