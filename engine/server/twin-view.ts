// A twin as the inspector shows it: state, context, and for a car's parts every COVESA VSS signal of the car, plus
// the event types its machine accepts (read from the XState definition, so the form never offers a stale list).
import type { Json, TwinInfo, TwinView } from '../../protocol';
import type { Simulation } from '../../twins/sim/simulation';
import type { TwinActor } from '../../twins/sim/twin-actor';
import { toJson } from '../../twins/sim/to-json';
import { stateChartOf } from './state-chart';

export function twinAt(sim: Simulation, address: string): TwinActor {
  const twin = sim.twin(address);
  if (twin === undefined) {
    throw new Error(`no twin at ${address}: use an address such as vehicle/<id>/battery, home/<home>/lock.front_door or phone/<user>/screen`);
  }
  return twin;
}

export function acceptedEvents(twin: TwinActor): string[] {
  const logic = twin.actor.logic as { events?: readonly string[] };
  // Wildcards and XState's own events (xstate.init, done.*) are not something a person sends.
  return [...new Set(logic.events ?? [])].filter((e) => e !== '*' && !e.startsWith('xstate.') && !e.startsWith('done.')).sort();
}

export function twinView(sim: Simulation, address: string): TwinView {
  const twin = twinAt(sim, address);
  const { state, context } = twin.view();
  const vehicleId = /^vehicle\/([^/]+)/.exec(twin.id)?.[1];
  const signals = vehicleId !== undefined ? toJson(sim.vehicle(vehicleId).signals(sim.now)) : undefined;
  return {
    address: twin.id,
    kind: twin.kind,
    state,
    context,
    ...(signals !== undefined && signals !== null && typeof signals === 'object' && !Array.isArray(signals) ? { signals: signals as Record<string, Json> } : {}),
    acceptedEvents: acceptedEvents(twin),
    chart: stateChartOf(twin.actor),
  };
}

/** Every twin of the world, homes first (device by device), then cars (part by part), then phones. */
export function twinList(sim: Simulation): TwinInfo[] {
  const list: TwinInfo[] = [];
  for (const home of sim.homes.values()) for (const device of home.devices.values()) list.push({ address: device.id, kind: device.kind });
  for (const vehicle of sim.vehicles.values()) for (const part of Object.values(vehicle.parts)) list.push({ address: part.id, kind: part.kind });
  for (const phone of sim.phones.values()) list.push({ address: phone.id, kind: phone.kind });
  return list;
}
