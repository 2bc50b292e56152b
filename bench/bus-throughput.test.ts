// The bus benchmark's harness (not its speed: benchmarks never pass or fail). A harness that silently carried
// fewer round trips, other traffic or another load than its figures say would print figures about something else.
import { describe, expect, it } from 'vitest';
import { bareClockCallbacksPerSecond, busRound } from './bus-throughput';
import { buildNeighbourhood } from './neighbourhood-day';

describe('bus benchmark harness', () => {
  it('carries signed and unsigned round trips over cloud-cloud and reads their hops from the envelopes', () => {
    const sim = buildNeighbourhood(20);
    const round = busRound(sim, 400, 1, 20);
    expect(round.roundTrips).toBe(400);
    expect(round.messagesPerSecond).toBeGreaterThan(0);
    // car → vehicle cloud → home cloud → gateway → device, and back; the hub translates each message once.
    expect(round.hopsPerMessage).toBe(5);
    expect(round.translatedShare).toBe(1);
    // One command in four opens a window: critical, so signed (and verified, or the round would have thrown).
    expect(round.signedCommands).toBe(100);
    // Each message is at least one callback per hop.
    expect(round.callbacksPerMessage).toBeGreaterThanOrEqual(5);
    // ~460 ms per round trip at one started per ms: some hundreds in flight, never all 400 at once.
    expect(round.peakInFlight).toBeGreaterThan(100);
    expect(round.peakInFlight).toBeLessThan(400);
    expect(round.meanQueueDepth).toBeGreaterThan(50);
  });

  it('changes the devices it commands, as a running scenario would', () => {
    const sim = buildNeighbourhood(2);
    busRound(sim, 2, 1, 2); // each car: light on
    expect(sim.twin('home/h1/light.hallway')!.state).toBe('on');
    busRound(sim, 2, 1, 2); // each car: open the window
    expect(sim.twin('home/h2/cover.living_room_window')!.state).not.toBe('closed');
  });

  it('reads fewer hops on direct, where no cloud translates', () => {
    const round = busRound(buildNeighbourhood(10, 1, 'direct'), 80, 1, 10);
    expect(round.hopsPerMessage).toBeLessThan(5);
    expect(round.signedCommands).toBe(20);
  });

  it('stops with an error when a round trip fails instead of printing a figure', () => {
    const sim = buildNeighbourhood(3);
    // The light is taken off the bus and answers nothing: its command times out after 10 virtual seconds.
    sim.bus.externalize('home/h2/light.hallway', { carry: (_env, _hop, _payload, done) => done({ ok: true, latencyMs: 1 }), deliver: () => undefined });
    expect(() => busRound(sim, 6, 1, 3)).toThrow(/6 of 6 round trips completed, 1 failed \(first: no response/);
  });

  it('runs the bare clock for exactly the callbacks asked, at any depth', () => {
    expect(bareClockCallbacksPerSecond(1, 1_000)).toBeGreaterThan(0);
    expect(bareClockCallbacksPerSecond(5_000, 20_000)).toBeGreaterThan(0);
    expect(bareClockCallbacksPerSecond(3_000, 10)).toBeGreaterThan(0); // fewer callbacks than depth: depth wins
  });
});
