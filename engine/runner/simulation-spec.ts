// Turns a validated scenario into the plain-data SimulationSpec of twins/sim for one architecture. The only I/O
// is reading a GeoJSON map named by the scenario (its path is already resolved against the scenario file).
import { readFileSync } from 'node:fs';
import type { Architecture } from '../../twins/bus/envelope';
import { DEFAULT_LINK_MODELS, type LinkModel } from '../../twins/bus/links';
import type { SimulationSpec } from '../../twins/sim/spec';
import type { ResolvedScenario } from '../scenario';

export function simulationSpecOf(scenario: ResolvedScenario, architecture: Architecture): SimulationSpec {
  const { entities } = scenario;
  const map = scenario.map;
  return {
    seed: scenario.seed,
    architecture,
    startTimeOfDayMs: scenario.startTime.minutes * 60_000,
    map: map.kind === 'geojson'
      ? { kind: 'geojson', text: readFileSync(map.path, 'utf8'), fileName: map.path }
      : { kind: 'generate', options: { blocksX: map.blocks, blocksY: map.blocks, blockSizeM: map.blockSizeM, homes: map.homes ?? entities.homes.length, workplaces: Math.max(1, map.workplaces), chargers: map.chargers } },
    users: entities.users.map((u) => ({
      id: u.id,
      ...(u.home !== undefined ? { homeId: u.home } : {}),
      ...(u.vehicle !== undefined ? { vehicleId: u.vehicle } : {}),
      preferences: { ...u.preferences },
    })),
    homes: entities.homes.map((h) => ({
      id: h.id,
      devices: h.devices.map((d) => ({ type: d.type, entityId: d.entityId, ...(d.device_class ? { deviceClass: d.device_class } : {}) })),
    })),
    vehicles: entities.vehicles.map((v) => ({
      id: v.id,
      ...(v.owner !== undefined ? { ownerId: v.owner } : {}),
      ...(v.home !== undefined ? { homeId: v.home } : {}),
      batteryKwh: v.batteryKwh,
      socPercent: v.soc * 100,
      at: v.at,
    })),
    gateways: Object.fromEntries(Object.entries(entities.gateways).map(([id, state]) => [gatewayAddressOf(id), state])),
    links: Object.fromEntries(Object.entries(scenario.links ?? {}).filter(([, o]) => o !== undefined).map(([id, o]) => [id, linkOverride(id, o!)])),
    bandwidth: Object.fromEntries(Object.entries(scenario.links ?? {}).flatMap(([id, o]) =>
      o === undefined || (o.up === undefined && o.down === undefined) ? [] : [[id, { ...(o.up !== undefined ? { upKbps: o.up } : {}), ...(o.down !== undefined ? { downKbps: o.down } : {}) }]])),
    retainEventLines: false,
  };
}

/** `h1/gateway` → `home/h1/gateway`; clouds, phones and local links are already addresses. */
export function gatewayAddressOf(id: string): string {
  return /^[^/]+\/gateway$/.test(id) ? `home/${id}` : id;
}

function linkOverride(id: string, o: { medianMs?: number; sigma?: number; jitterMs?: number; loss?: number; maxAttempts?: number; ackTimeout?: number }): Partial<LinkModel> {
  const out: Partial<LinkModel> = {};
  if (o.medianMs !== undefined) out.medianMs = o.medianMs;
  if (o.sigma !== undefined) out.sigma = o.sigma;
  if (o.jitterMs !== undefined) out.jitterMs = o.jitterMs;
  if (o.loss !== undefined) out.loss = o.loss;
  if (o.maxAttempts !== undefined || o.ackTimeout !== undefined) {
    // A partial retry policy keeps the link's other defaults (backoff) rather than replacing them.
    const base = (DEFAULT_LINK_MODELS as Record<string, LinkModel>)[id]!.retry;
    out.retry = { ...base, ...(o.maxAttempts !== undefined ? { maxAttempts: o.maxAttempts } : {}), ...(o.ackTimeout !== undefined ? { ackTimeoutMs: o.ackTimeout } : {}) };
  }
  return out;
}
