// The hub's protocol translation between the vehicle cloud's and the home cloud's message formats, both ways,
// for commands, queries, events and responses:
//   vehicle-cloud/v1  { vin, service: 'home.climate', action: 'setTemperature', params: { celsius: 22 }, target?, ts }
//                     responses: { vin, service, result: 'ok' | 'error', reason?, params?, target?, ts }
//   home-cloud/v1     { deviceId: 'climate.living_room', capability: 'climate', command: 'set_temperature',
//                       attributes: { temperature: 22 }, requestId }   events carry `event` instead of `command`;
//                     responses: { deviceId, capability, requestId, success, error?, attributes? }
// Whatever the tables in hub-schemas.ts do not cover is refused with an explicit reason: the bus turns it into a
// failed delivery at the hub, never into a silently mangled command. `auth` (signatures, tokens) passes through.
import { HOME_CLOUD, parseAddress, VEHICLE_CLOUD } from '../bus/addresses';
import type { Envelope } from '../bus/envelope';
import { HOME_CLOUD_FORMAT, VEHICLE_CLOUD_FORMAT } from '../bus/formats';
import type { PayloadTranslator, TranslationContext, TranslationResult } from '../bus/nodes';
import type { Json } from '../kernel/types';
import { MAPPING_BY_CAPABILITY, MAPPING_BY_SERVICE, type CompiledMapping, type FieldMapping } from './hub-schemas';

type JsonObject = { [key: string]: Json };

export interface HubTranslatorOptions {
  /** VIN of a vehicle id, for the vehicle cloud's messages (default: the vehicle id itself). */
  vinOf?: (vehicleId: string) => string;
  /** Why translation is impossible right now (e.g. the home cloud changed its schema), or null. */
  blockedReason?: () => string | null;
}

class Untranslatable extends Error {}

export function createHubTranslator(options: HubTranslatorOptions = {}): PayloadTranslator {
  const vinOf = options.vinOf ?? ((id: string) => id);
  return {
    translate(payload: Json, format: string, ctx: TranslationContext): TranslationResult {
      const blocked = options.blockedReason?.() ?? null;
      if (blocked !== null) return { ok: false, error: blocked };
      try {
        if (ctx.to === HOME_CLOUD) {
          if (format !== VEHICLE_CLOUD_FORMAT) throw new Untranslatable(`expected a ${VEHICLE_CLOUD_FORMAT} message from ${ctx.from}, got ${format}`);
          return { ok: true, payload: vehicleToHome(asObject(payload), ctx.envelope), format: HOME_CLOUD_FORMAT };
        }
        if (ctx.to === VEHICLE_CLOUD) {
          if (format !== HOME_CLOUD_FORMAT) throw new Untranslatable(`expected a ${HOME_CLOUD_FORMAT} message from ${ctx.from}, got ${format}`);
          return { ok: true, payload: homeToVehicle(asObject(payload), ctx.envelope, ctx.now, vinOf), format: VEHICLE_CLOUD_FORMAT };
        }
        throw new Untranslatable(`the hub only bridges ${VEHICLE_CLOUD} and ${HOME_CLOUD}, not ${ctx.from} → ${ctx.to}`);
      } catch (error) {
        if (error instanceof Untranslatable) return { ok: false, error: error.message };
        throw error;
      }
    },
  };
}

function vehicleToHome(p: JsonObject, env: Envelope): JsonObject {
  const service = requireString(p, 'service');
  const mapping = MAPPING_BY_SERVICE.get(service);
  if (mapping === undefined) throw new Untranslatable(`unknown vehicle-cloud service '${service}'`);
  const out: JsonObject = { deviceId: homeDeviceId(p, env, mapping), capability: mapping.capability };
  if (env.kind === 'response') {
    out.requestId = env.correlationId ?? env.id;
    out.success = p.result !== 'error';
    if (typeof p.reason === 'string') out.error = p.reason;
    if (typeof p.action === 'string') out.command = mapName(mapping.homeCommandOf, p.action, `action of ${service}`);
    if (p.params !== undefined) out.attributes = mapFields(asObject(p.params), mapping.homeFieldOf, 'home', `param of ${service}`);
  } else {
    const name = mapName(mapping.homeCommandOf, requireString(p, 'action'), `action of ${service}`);
    out[env.kind === 'event' ? 'event' : 'command'] = name;
    out.attributes = mapFields(p.params === undefined ? {} : asObject(p.params), mapping.homeFieldOf, 'home', `param of ${service}`);
    out.requestId = env.id;
  }
  if (p.auth !== undefined) out.auth = p.auth;
  // Who in the family asked (unified account): the home checks that member's own permission.
  if (typeof p.member === 'string') out.member = p.member;
  return out;
}

function homeToVehicle(p: JsonObject, env: Envelope, now: number, vinOf: (vehicleId: string) => string): JsonObject {
  const capability = requireString(p, 'capability');
  const deviceId = requireString(p, 'deviceId');
  const mapping = MAPPING_BY_CAPABILITY.get(capability);
  if (mapping === undefined) throw new Untranslatable(`unknown home-cloud capability '${capability}'`);
  const out: JsonObject = { vin: vinOf(vehicleIdOf(env.destination, deviceId)), service: mapping.service };
  if (mapping.service.startsWith('home.')) out.target = deviceId;
  if (env.kind === 'response') {
    out.result = p.success === false ? 'error' : 'ok';
    if (typeof p.error === 'string') out.reason = p.error;
    if (typeof p.command === 'string') out.action = mapName(mapping.vehicleActionOf, p.command, `command of ${capability}`);
    if (p.attributes !== undefined) out.params = mapFields(asObject(p.attributes), mapping.vehicleFieldOf, 'vehicle', `attribute of ${capability}`);
  } else {
    const name = typeof p.command === 'string' ? p.command : requireString(p, 'event');
    out.action = mapName(mapping.vehicleActionOf, name, `${typeof p.command === 'string' ? 'command' : 'event'} of ${capability}`);
    out.params = mapFields(p.attributes === undefined ? {} : asObject(p.attributes), mapping.vehicleFieldOf, 'vehicle', `attribute of ${capability}`);
  }
  if (p.auth !== undefined) out.auth = p.auth;
  out.ts = now;
  return out;
}

/** The home-side device the message concerns: the car itself for vehicle services, else the target device. */
function homeDeviceId(p: JsonObject, env: Envelope, mapping: CompiledMapping): string {
  if (mapping.service.startsWith('vehicle.')) {
    const car = parseAddress(env.source);
    return `vehicle.${car?.kind === 'vehicle' ? car.vehicleId : requireString(p, 'vin')}`;
  }
  if (typeof p.target === 'string') return p.target;
  const device = parseAddress(env.destination);
  if (device?.kind === 'device') return device.entityId;
  throw new Untranslatable(`${mapping.service} names no device: set 'target' or address home/<homeId>/<entityId>`);
}

function vehicleIdOf(destination: string, deviceId: string): string {
  const car = parseAddress(destination);
  if (car?.kind === 'vehicle') return car.vehicleId;
  if (deviceId.startsWith('vehicle.')) return deviceId.slice('vehicle.'.length);
  throw new Untranslatable(`no vehicle to address: the message goes to ${destination} about ${deviceId}`);
}

function mapFields(values: JsonObject, table: ReadonlyMap<string, FieldMapping>, toward: 'home' | 'vehicle', what: string): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(values).sort()) {
    const mapping = table.get(key);
    if (mapping === undefined) throw new Untranslatable(`${what} '${key}' has no ${toward}-cloud equivalent`);
    let value = values[key]!;
    if (mapping.scale !== undefined) {
      if (typeof value !== 'number') throw new Untranslatable(`${what} '${key}' must be a number, got ${JSON.stringify(value)}`);
      const scaled = toward === 'home' ? value * mapping.scale : value / mapping.scale;
      value = Math.round(scaled * 1e6) / 1e6; // 35 × 0.01 must read 0.35, not 0.35000000000000003
    }
    out[toward === 'home' ? mapping.home : mapping.vehicle] = value;
  }
  return out;
}

function mapName(table: ReadonlyMap<string, string>, name: string, what: string): string {
  const mapped = table.get(name);
  if (mapped === undefined) throw new Untranslatable(`${what} '${name}' has no counterpart on the other side`);
  return mapped;
}

function asObject(value: Json): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Untranslatable(`expected an object, got ${JSON.stringify(value)}`);
  return value;
}

function requireString(p: JsonObject, key: string): string {
  const value = p[key];
  if (typeof value !== 'string') throw new Untranslatable(`missing '${key}'`);
  return value;
}
