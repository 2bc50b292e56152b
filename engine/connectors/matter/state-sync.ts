// Twin state → Matter attributes. Every `twin.state` change of a bridged twin sets its endpoint's attributes, so a
// subscribed controller sees the twin as it is; quantities the twins fold lazily (a cover's position while it
// moves, a room's temperature) are re-read on a wall-clock refresh as well. Writes to an endpoint are chained, so
// they land in the order the twin changed; a set that matter.js rejects is reported, never thrown into the run.
import type { Simulation, TwinActor } from '../../../twins';
import type { ConnectorEvents } from '../connector-events';
import type { AttributePatch, BridgedType } from './device-types';

export interface SyncedEndpoint {
  twin: TwinActor;
  type: BridgedType;
  endpoint: { set(values: AttributePatch): Promise<void> };
}

export interface StateSync {
  /** Put the twin's state on its endpoint now (and after a write the twin did not take). */
  push(address: string): void;
  /** Resolves when every queued write has landed. */
  settled(): Promise<void>;
  stop(): void;
}

/** Kinds whose attributes move between state changes. */
const DRIFTING = new Set(['cover', 'climate']);

export function startStateSync(sim: Simulation, synced: readonly SyncedEndpoint[], events: ConnectorEvents, label: string, refreshMs = 5_000): StateSync {
  const byAddress = new Map(synced.map((s) => [s.twin.id, s]));
  const last = new Map<string, string>();
  const chains = new Map<string, Promise<void>>();

  const push = (address: string): void => {
    const s = byAddress.get(address);
    if (s === undefined) return;
    const patch = s.type.attributes(s.twin, sim.now);
    const text = JSON.stringify(patch);
    if (last.get(address) === text) return;
    last.set(address, text);
    const previous = chains.get(address) ?? Promise.resolve();
    chains.set(address, previous.then(() => s.endpoint.set(patch)).catch((err: unknown) => {
      last.delete(address); // try again on the next change
      events.emit('connector.error', label, { reason: `cannot show ${address} on Matter: ${(err as Error).message}` });
    }));
  };

  const off = sim.kernel.events.onEvent((event) => {
    if (event.type === 'twin.state') push(event.source);
  });
  const refresh = setInterval(() => {
    for (const s of synced) if (DRIFTING.has(s.twin.kind)) push(s.twin.id);
  }, refreshMs);
  refresh.unref();

  return {
    push(address) {
      last.delete(address);
      push(address);
    },
    async settled() {
      await Promise.all([...chains.values()]);
    },
    stop() {
      off();
      clearInterval(refresh);
    },
  };
}
