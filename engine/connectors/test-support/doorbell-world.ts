// The one-home, one-car world of the doorbell scene, on the engine's native hasher, and the scene driven by hand:
// the lock's doorbell is pressed, the driver confirms the prompt on the car screen, the door should unlock.
import { Simulation, installStandardApps, standardHomeDevices, type Architecture } from '../../../twins';
import { eventDataOfLine } from '../../../twins/bus/envelope-record';
import type { Json } from '../../../twins/kernel/types';
import { nodeEventLogHost } from '../../host-event-log';

export function doorbellWorld(architecture: Architecture, seed = 1): Simulation {
  const sim = new Simulation({
    seed, architecture, map: { kind: 'generate', options: { homes: 4 } },
    users: [{ id: 'alice', homeId: 'h1', vehicleId: 'car1', preferences: { temperature: 23, lighting: 'soft' } }],
    homes: [{ id: 'h1', devices: standardHomeDevices() }],
    vehicles: [{ id: 'car1', homeId: 'h1', ownerId: 'alice', at: 'home' }],
  }, nodeEventLogHost());
  installStandardApps(sim);
  return sim;
}

export const LOCK = 'home/h1/lock.front_door';

export function pressDoorbell(sim: Simulation): void {
  sim.home('h1').device('lock.front_door').send({ type: 'DOORBELL.PRESSED' });
}

export function confirmOnCarScreen(sim: Simulation): void {
  sim.vehicle('car1').parts.screen.send({ type: 'PROMPT.CONFIRM' });
}

/** Parsed canonical events of a type; a message's compact record is expanded back into its envelope. */
export function eventsOf(sim: Simulation, type: string): { t: number; source: string; data: Record<string, unknown> }[] {
  return sim.kernel.events.lines()
    .map((l) => JSON.parse(l) as { t: number; type: string; source: string; data: { [key: string]: Json } })
    .filter((e) => e.type === type)
    .map((e) => ({ ...e, data: eventDataOfLine(e.type, e.data) }));
}

/**
 * True when the screen twin at `address` showed a picture-in-picture at some point of the run: the doorbell's video
 * closes again once the driver answers or the prompt lapses, so the screen's state at the end no longer says it.
 */
export function pipWasShown(sim: Simulation, address: string): boolean {
  return eventsOf(sim, 'twin.state').some((e) => {
    const changes = e.data.changes as { pictureInPicture?: unknown } | undefined;
    return e.source === address && changes?.pictureInPicture !== undefined && changes.pictureInPicture !== null;
  });
}
