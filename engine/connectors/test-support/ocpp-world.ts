// Homes with a wallbox each and a car at home, attached to a CSMS as OCPP charge points, for the OCPP tests.
import { Simulation, installStandardApps, standardHomeDevices, type StandardApps } from '../../../twins';
import type { EvseContext } from '../../../twins/home/evse.machine';
import type { Json } from '../../../twins/kernel/types';
import { eventDataOfLine } from '../../../twins/bus/envelope-record';
import { nodeEventLogHost } from '../../host-event-log';
import { attachConnectors, type ConnectorEvent, type Connectors } from '../index';
import type { OcppOptions } from '../ocpp';
export { until } from './until';

export const HOUR = 3_600_000;
/** Virtual 0 is 17:00 on 1 January 2026 (UTC) on the charge points' clocks. */
export const EPOCH = Date.UTC(2026, 0, 1, 17);

export interface OcppWorld {
  sim: Simulation;
  apps: StandardApps;
  connectors: Connectors;
  events: ConnectorEvent[];
  evse(home?: string): EvseContext;
}

export async function ocppWorld(ocpp: OcppOptions, homes = 1): Promise<OcppWorld> {
  const ids = Array.from({ length: homes }, (_, i) => `h${i + 1}`);
  const sim = new Simulation({
    seed: 5, architecture: 'cloud-cloud', map: { kind: 'generate', options: { homes } }, startTimeOfDayMs: 17 * HOUR,
    homes: ids.map((id) => ({ id, devices: standardHomeDevices() })),
    vehicles: ids.map((id, i) => ({ id: `ev${i + 1}`, homeId: id, at: 'home', socPercent: 40 })),
  }, nodeEventLogHost());
  const apps = installStandardApps(sim);
  apps.charging.setStrategy('external-csms');
  const events: ConnectorEvent[] = [];
  const connectors = await attachConnectors(sim, { ocpp: { epochMs: EPOCH, ...ocpp }, onEvent: (e) => events.push(e) });
  return { sim, apps, connectors, events, evse: (home = 'h1') => sim.home(home).device('evse.wallbox').context as unknown as EvseContext };
}

/** Delivered or failed messages on the bus with topics under `ocpp/`. */
export function ocppMessages(sim: Simulation): { type: string; t: number; data: Record<string, unknown> }[] {
  return sim.kernel.events.lines()
    .map((l) => JSON.parse(l) as { t: number; type: string; data: { [key: string]: Json } })
    .filter((e) => e.type === 'msg.delivered' || e.type === 'msg.failed')
    .map((e) => ({ type: e.type, t: e.t, data: eventDataOfLine(e.type, e.data) as Record<string, unknown> }))
    .filter((e) => String(e.data.topic).startsWith('ocpp/'));
}

