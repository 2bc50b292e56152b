// What each party writes on the wire. Inside the simulation every app thinks in one vocabulary (the home
// ecosystem's: capability / command / attributes); on the wire the car speaks its carmaker's vehicle-cloud schema
// under cloud-to-cloud, and the home-brand schema under the other architectures (a home-brand app on the car, a
// phone agent, or the local link), exactly as the seed describes. The mapping tables are the hub's own, so a
// field the hub cannot translate cannot be sent either.
import type { Architecture } from '../bus/envelope';
import { HOME_CLOUD_FORMAT, VEHICLE_CLOUD_FORMAT, detectFormat } from '../bus/formats';
import { MAPPING_BY_CAPABILITY, MAPPING_BY_SERVICE, type CompiledMapping } from '../gateways/hub-schemas';
import type { Json } from '../kernel/types';

export type JsonObject = { [key: string]: Json };

/** A message's meaning in the home vocabulary. */
export interface Intent {
  capability: string;
  /** Command or event name (`turn_on`, `prompt`, `state_changed` …). */
  name: string;
  deviceId: string;
  attributes: JsonObject;
  /** Present on responses. */
  success?: boolean;
  error?: string;
}

/** Payload written by a party of the home ecosystem (devices, gateway, home cloud, phone). */
export function homePayload(intent: Intent, kind: 'command' | 'query' | 'event' | 'response'): JsonObject {
  const out: JsonObject = { deviceId: intent.deviceId, capability: intent.capability, attributes: intent.attributes };
  out[kind === 'event' ? 'event' : 'command'] = intent.name;
  if (kind === 'response') {
    out.success = intent.success ?? true;
    if (intent.error !== undefined) out.error = intent.error;
  }
  return out;
}

/** Payload written by the car: vehicle-cloud schema under cloud-to-cloud, the home-brand schema otherwise. */
export function carPayload(
  intent: Intent, kind: 'command' | 'query' | 'event' | 'response', architecture: Architecture, vin: string, now: number,
): JsonObject {
  if (architecture !== 'cloud-cloud') return homePayload(intent, kind);
  const mapping = mappingOf(intent.capability);
  const out: JsonObject = { vin, service: mapping.service };
  const action = mapping.vehicleActionOf.get(intent.name);
  if (action === undefined) throw new Error(`the car cannot say '${intent.name}' to ${intent.capability} in ${VEHICLE_CLOUD_FORMAT}`);
  out.action = action;
  if (mapping.service.startsWith('home.')) out.target = intent.deviceId;
  out.params = renameFields(intent.attributes, mapping.vehicleFieldOf, 'vehicle');
  if (kind === 'response') {
    out.result = intent.success === false ? 'error' : 'ok';
    if (intent.error !== undefined) out.reason = intent.error;
  }
  out.ts = now;
  return out;
}

/**
 * The car's answer to a request it could not read or cannot name in its carmaker's schema (an unknown capability
 * under cloud-to-cloud): a failed `vehicle.status` response with the reason, which the hub can still translate, so
 * the requester gets a failure it can read instead of nothing.
 */
export function carResponsePayload(intent: Intent, architecture: Architecture, vin: string, now: number): JsonObject {
  if (architecture !== 'cloud-cloud' || canSay(intent)) return carPayload(intent, 'response', architecture, vin, now);
  const reason = intent.error ?? `the car cannot answer '${intent.capability}/${intent.name}' in ${VEHICLE_CLOUD_FORMAT}`;
  return { vin, service: MAPPING_BY_CAPABILITY.get('vehicle')!.service, result: 'error', reason, ts: now };
}

function canSay(intent: Intent): boolean {
  return MAPPING_BY_CAPABILITY.get(intent.capability)?.vehicleActionOf.has(intent.name) === true;
}

/** Reads a payload in either schema back into the home vocabulary; undefined when it is neither. */
export function decodeIntent(payload: Json): Intent | undefined {
  const format = detectFormat(payload);
  if (format === HOME_CLOUD_FORMAT) {
    const p = payload as JsonObject;
    const name = typeof p.command === 'string' ? p.command : typeof p.event === 'string' ? p.event : '';
    return {
      capability: String(p.capability), name, deviceId: String(p.deviceId), attributes: asObject(p.attributes),
      ...(typeof p.success === 'boolean' ? { success: p.success } : {}),
      ...(typeof p.error === 'string' ? { error: p.error } : {}),
    };
  }
  if (format === VEHICLE_CLOUD_FORMAT) {
    const p = payload as JsonObject;
    const mapping = MAPPING_BY_SERVICE.get(String(p.service));
    if (mapping === undefined) return undefined;
    const name = mapping.homeCommandOf.get(String(p.action)) ?? String(p.action);
    return {
      capability: mapping.capability, name,
      deviceId: typeof p.target === 'string' ? p.target : `vehicle.${String(p.vin)}`,
      attributes: renameFields(asObject(p.params), mapping.homeFieldOf, 'home'),
      ...(p.result !== undefined ? { success: p.result !== 'error' } : {}),
      ...(typeof p.reason === 'string' ? { error: p.reason } : {}),
    };
  }
  return undefined;
}

function mappingOf(capability: string): CompiledMapping {
  const mapping = MAPPING_BY_CAPABILITY.get(capability);
  if (mapping === undefined) throw new Error(`no ecosystem mapping for capability '${capability}'`);
  return mapping;
}

function renameFields(values: JsonObject, table: CompiledMapping['homeFieldOf'], toward: 'home' | 'vehicle'): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(values)) {
    const field = table.get(key);
    if (field === undefined) {
      out[key] = values[key]!; // unknown to the tables: the hub will refuse it, visibly, if it has to translate
      continue;
    }
    let value = values[key]!;
    if (field.scale !== undefined && typeof value === 'number') {
      value = Math.round((toward === 'home' ? value * field.scale : value / field.scale) * 1e6) / 1e6;
    }
    out[toward === 'home' ? field.home : field.vehicle] = value;
  }
  return out;
}

function asObject(value: Json | undefined): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}
