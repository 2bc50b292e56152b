// Driving a simulation's clock in the background while real Matter traffic comes and goes, and waiting for things.
import type { Simulation } from '../../../../twins';
import { runClock, type WireGate } from '../../wire-gate';
export { until } from '../../test-support/until';

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

