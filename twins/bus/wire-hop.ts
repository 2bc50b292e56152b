// A hop into a party outside the simulation (engine/connectors): a real wire carries it instead of a link model,
// with no retransmission here (the wire does its own), and the hop arrives the measured latency after it was sent.
import type { Scheduler } from '../kernel/types';
import type { ExternalParty } from './bus-types';
import type { FailureCode } from './envelope';
import type { Flight } from './flight';

export type HopFailure = (flight: Flight, status: 'failed', reason: string, code: FailureCode) => void;

/** Sends the flight's current hop over `party`'s wire `delay` ms from now; it arrives (or fails) when the wire says. */
export function carryOverWire(scheduler: Scheduler, f: Flight, party: ExternalParty, delay: number, failHop: HopFailure): void {
  const hop = f.hop!;
  const send = (): void => {
    const startedAt = scheduler.now();
    let settled = false;
    party.carry(f.env, hop, f.payload, (outcome) => {
      if (settled) return;
      settled = true;
      hop.measured = true;
      const at = startedAt + Math.max(0, outcome.latencyMs);
      if (outcome.ok) {
        f.arriving = true;
        scheduler.scheduleAt(at, f.step);
      } else {
        scheduler.scheduleAt(at, () => failHop(f, 'failed', outcome.error, outcome.failure));
      }
    });
  };
  if (delay > 0) scheduler.schedule(delay, send);
  else send();
}
