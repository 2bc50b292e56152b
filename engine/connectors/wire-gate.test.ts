import { describe, expect, it } from 'vitest';
import { createKernel } from '../../twins/kernel';
import { WireGate, runClock } from './wire-gate';

describe('wire gate', () => {
  it('runClock stops stepping virtual time while a wire holds the gate, and goes on when it is released', async () => {
    const k = createKernel({ seed: 1 });
    const gate = new WireGate();
    const ran: number[] = [];
    let release: (() => void) | undefined;
    k.clock.schedule(10, () => {
      ran.push(10);
      release = gate.hold(); // a request leaves at t = 10
    });
    k.clock.schedule(20, () => ran.push(20));
    const run = runClock(k.clock, gate, 100);
    await new Promise((r) => setTimeout(r, 30));
    expect(ran).toEqual([10]);
    expect(k.clock.now()).toBe(10); // paused at the send, not at 100
    // The reply lands: the bus would schedule the hop's arrival at 10 + measured latency.
    k.clock.scheduleAt(15, () => ran.push(15));
    release!();
    await run;
    expect(ran).toEqual([10, 15, 20]);
    expect(k.clock.now()).toBe(100);
    expect(gate.heldMs).toBeGreaterThan(0);
  });

  it('counts nested holds and tells listeners when it closes and opens', () => {
    const gate = new WireGate();
    const changes: boolean[] = [];
    gate.onChange((held) => changes.push(held));
    const a = gate.hold();
    const b = gate.hold();
    a();
    a(); // idempotent
    expect(gate.isHeld).toBe(true);
    b();
    expect(gate.isHeld).toBe(false);
    expect(changes).toEqual([true, false]);
  });
});
