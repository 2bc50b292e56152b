// Driving a simulation's clock in the background while real Matter traffic comes and goes, and waiting for things.
import type { Simulation } from '../../../../twins';
import { runClock, type WireGate } from '../../wire-gate';

/** Virtual time runs at about 4× real time in the background, pausing while the gate is held (a wire in use). */
export function paceClock(sim: Simulation, gate: WireGate): () => Promise<void> {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= runClock(sim.kernel.clock, gate, sim.now + 20).finally(() => (running = undefined));
  }, 5);
  return async () => {
    clearInterval(timer);
    await running;
  };
}

export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
