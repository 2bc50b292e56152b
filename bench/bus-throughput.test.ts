// The bus benchmark's harness (not its speed: benchmarks never pass or fail). A harness that silently sent fewer
// messages, or offered another load than its label says, would print figures about something else.
import { describe, expect, it } from 'vitest';
import { busMessagesPerSecond, busMessagesPerSecondByHasher } from './bus-throughput';

describe('bus benchmark harness', () => {
  it('delivers every message and keeps as many in flight as the offered load implies', () => {
    // ~200 ms of cloud-cloud path latency: 10 messages a virtual ms keep ~2,000 in flight, one every 10 ms ~20.
    const busy = busMessagesPerSecond(6_000, 'cloud-cloud', true, 10, 1000);
    const light = busMessagesPerSecond(300, 'cloud-cloud', true, 0.1, 1000);
    expect(busy.msgsPerSecond).toBeGreaterThan(0);
    expect(busy.peakInFlight).toBeGreaterThan(1_500);
    expect(busy.peakInFlight).toBeLessThan(3_000);
    expect(light.peakInFlight).toBeGreaterThan(10);
    expect(light.peakInFlight).toBeLessThan(60);
  });

  it('carries summary lines and the direct architecture too', () => {
    const round = busMessagesPerSecond(2_000, 'direct', false, 10, 100);
    expect(round.msgsPerSecond).toBeGreaterThan(0);
    expect(round.peakInFlight).toBeGreaterThan(500);
  });

  it('compares the three hashing placements on the same load', () => {
    const rates = busMessagesPerSecondByHasher(2_000, 'cloud-cloud', 10, 100);
    expect(Object.keys(rates).sort()).toEqual(['inline', 'none', 'worker']);
    for (const rate of Object.values(rates)) expect(rate).toBeGreaterThan(0);
  });
});
