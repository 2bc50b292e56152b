// Drivers for a run's clock. As fast as possible runs in slices of wall time so a terminal can show progress and
// the event loop (connectors, servers) breathes; at N× real time the kernel's Pacer keeps virtual and wall time
// in step, with the host's monotonic clock and timers injected.
import { setImmediate as yieldToHost } from 'node:timers/promises';
import { Pacer, type WallClock } from '../../twins/kernel';
import type { ScenarioRun } from './scenario-run';

export const nodeWallClock: WallClock = {
  now: () => performance.now(),
  setTimer: (ms, fn) => {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};

/** Shut while a message is on a real wire (engine/connectors' WireGate): the clock must not step then. */
export interface ClockGate {
  readonly isHeld: boolean;
  whenOpen(): Promise<void>;
}

export async function driveAsFastAsPossible(run: ScenarioRun, onProgress?: (run: ScenarioRun) => void, gate?: ClockGate, sliceMs = 100): Promise<void> {
  const clock = run.sim.kernel.clock;
  while (!run.finished) {
    if (gate?.isHeld) await gate.whenOpen();
    const deadline = performance.now() + sliceMs;
    for (let n = 0; !run.finished; n++) {
      clock.step();
      if (gate?.isHeld || ((n & 255) === 255 && performance.now() >= deadline)) break;
    }
    onProgress?.(run);
    await yieldToHost();
  }
  if (run.abortedBy === undefined) clock.runUntil(run.endTime);
}

export function driveRealtime(run: ScenarioRun, factor: number, onProgress?: (run: ScenarioRun) => void, gate?: ClockGate): Promise<void> {
  return new Promise((resolve) => {
    const progress = onProgress ? setInterval(() => onProgress(run), 250) : undefined;
    const pacer = new Pacer(run.sim.kernel.clock, nodeWallClock, {
      endTime: run.endTime,
      ...(gate ? { canStep: () => !gate.isHeld } : {}),
      onEnd: () => {
        if (progress) clearInterval(progress);
        resolve();
      },
    });
    // failWhen ends a paced run too: check after every event.
    const off = run.sim.kernel.events.onEvent(() => {
      if (run.abortedBy !== undefined) {
        off();
        pacer.pause();
        if (progress) clearInterval(progress);
        resolve();
      }
    });
    pacer.setMode({ kind: 'realtime', factor });
  });
}
