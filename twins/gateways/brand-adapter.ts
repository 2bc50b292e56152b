// One brand's payload schema and the adapter between it and the canonical model of its side: COVESA VSS in the
// vehicle-cloud/v1 format for carmakers, the Matter / Home Assistant device model in home-cloud/v1 for home
// ecosystems. Each brand cloud speaks its own schema to the hub (renamed keys, its own enumerations, units,
// nesting), and the hub holds one such adapter per brand: N brands need N adapters to the canonical model, not
// N² pairwise bridges — the seed report's argument for a unified standard. A brand is data, not code.
import type { Json } from '../kernel/types';

type JsonObject = { [key: string]: Json };

export type BrandSide = 'vehicle' | 'home';

/** Units a brand may report a field in; conversions only within one dimension. */
export const BRAND_UNITS = ['celsius', 'fahrenheit', 'kelvin', 'metre', 'kilometre', 'mile', 'percent', 'fraction'] as const;
export type BrandUnit = (typeof BRAND_UNITS)[number];

export interface BrandSchema {
  /** Top-level keys renamed, canonical → brand: `{ vin: vehicleId, service: domain, params: data }`. */
  keys?: Record<string, string>;
  /** Dot path where the brand nests its field object (`body.values`); default: at its (renamed) key. */
  nest?: string;
  /** Field names inside params / attributes, canonical → brand: `{ Vehicle.Cabin.Door.Row1.DriverSide.IsLocked: doorLock }`. */
  fields?: Record<string, string>;
  /** Service, capability, action, command and event names, canonical → brand: `{ set_temperature: setpoint }`. */
  names?: Record<string, string>;
  /** Enumerations per canonical field: canonical value written as JSON text → brand value (`{ locked: 1 }`). */
  values?: Record<string, Record<string, Json>>;
  /** Units per canonical field: the canonical model's unit and the brand's (`{ canonical: celsius, brand: fahrenheit }`). */
  units?: Record<string, { canonical: BrandUnit; brand: BrandUnit }>;
}

export interface BrandSpec {
  id: string;
  side: BrandSide;
  schema: BrandSchema;
  /** Time the brand's cloud spends on each message, ms. */
  processingMs?: number;
  /** Its own link to the hub: latency added to every hop leaving its cloud (ms), and loss probability (0–1). */
  latencyMs?: number;
  loss?: number;
}

/** The payload format the bus records on hops that carry a brand's own schema. */
export const brandFormat = (brandId: string): string => `brand:${brandId}`;
export const brandOfFormat = (format: string): string | undefined => (format.startsWith('brand:') ? format.slice('brand:'.length) : undefined);

/** Keys whose values are names (`service: home.climate`, `command: set_temperature`) that `names` renames. */
const NAME_KEYS = ['service', 'capability', 'action', 'command', 'event'];

// Linear conversions to one base unit per dimension: value in base = value × factor + offset.
const UNIT: Record<BrandUnit, { dimension: string; factor: number; offset: number }> = {
  celsius: { dimension: 'temperature', factor: 1, offset: 0 },
  fahrenheit: { dimension: 'temperature', factor: 5 / 9, offset: -32 * (5 / 9) },
  kelvin: { dimension: 'temperature', factor: 1, offset: -273.15 },
  metre: { dimension: 'length', factor: 1, offset: 0 },
  kilometre: { dimension: 'length', factor: 1000, offset: 0 },
  mile: { dimension: 'length', factor: 1609.344, offset: 0 },
  percent: { dimension: 'ratio', factor: 0.01, offset: 0 },
  fraction: { dimension: 'ratio', factor: 1, offset: 0 },
};

export function convertUnit(value: number, from: BrandUnit, to: BrandUnit): number {
  if (UNIT[from].dimension !== UNIT[to].dimension) throw new Error(`cannot convert ${from} to ${to}`);
  const base = value * UNIT[from].factor + UNIT[from].offset;
  return Math.round(((base - UNIT[to].offset) / UNIT[to].factor) * 1e6) / 1e6; // 22 °C reads 71.6 °F, not 71.60000000000001
}

/** Why a brand schema cannot work (a unit pair across dimensions, two fields renamed alike), or null. */
export function brandSchemaProblem(schema: BrandSchema): string | null {
  for (const [field, u] of Object.entries(schema.units ?? {})) {
    if (UNIT[u.canonical]?.dimension !== UNIT[u.brand]?.dimension) return `units.${field}: ${u.canonical} and ${u.brand} measure different things`;
  }
  for (const [what, table] of [['keys', schema.keys], ['fields', schema.fields], ['names', schema.names]] as const) {
    const seen = new Map<string, string>();
    for (const [canonical, brand] of Object.entries(table ?? {})) {
      const other = seen.get(brand);
      if (other !== undefined) return `${what}: '${other}' and '${canonical}' are both renamed '${brand}', so the brand's payload could not be read back`;
      seen.set(brand, canonical);
    }
  }
  for (const [field, table] of Object.entries(schema.values ?? {})) {
    const seen = new Set<string>();
    for (const brand of Object.values(table)) {
      const key = JSON.stringify(brand);
      if (seen.has(key)) return `values.${field}: two values both become ${key}`;
      seen.add(key);
    }
  }
  return null;
}

export class BrandError extends Error {}

export interface BrandAdapter {
  readonly brand: BrandSpec;
  readonly format: string;
  /** Canonical payload (vehicle-cloud/v1 or home-cloud/v1) → the brand's own. */
  encode(payload: JsonObject): JsonObject;
  /** The brand's own payload → canonical; throws BrandError when it is not one of the brand's payloads. */
  decode(payload: JsonObject): JsonObject;
}

export interface AdapterOptions {
  /** Fields whose unit conversion this adapter leaves out (an integration mistake: °F read as °C). */
  ignoreUnits?: readonly string[];
}

export function createBrandAdapter(brand: BrandSpec, options: AdapterOptions = {}): BrandAdapter {
  const s = brand.schema;
  const fieldsKey = brand.side === 'vehicle' ? 'params' : 'attributes';
  const ignored = new Set(options.ignoreUnits ?? []);
  const units = Object.entries(s.units ?? {}).filter(([field]) => !ignored.has(field));
  const unitOf = new Map(units);
  const keyOut = new Map(Object.entries(s.keys ?? {}));
  const keyIn = invert(keyOut);
  const fieldOut = new Map(Object.entries(s.fields ?? {}));
  const fieldIn = invert(fieldOut);
  const nameOut = new Map(Object.entries(s.names ?? {}));
  const nameIn = invert(nameOut);
  const valueOut = new Map(Object.entries(s.values ?? {}).map(([f, t]) => [f, new Map(Object.entries(t))]));
  const valueIn = new Map([...valueOut].map(([f, t]) => [f, new Map([...t].map(([c, b]) => [JSON.stringify(b), canonicalValue(c)]))]));
  const nest = s.nest?.split('.');

  return {
    brand,
    format: brandFormat(brand.id),
    encode(payload) {
      const out: JsonObject = {};
      for (const key of Object.keys(payload)) {
        if (key === fieldsKey && nest !== undefined) continue;
        let value = payload[key]!;
        if (key === fieldsKey) value = encodeFields(asObject(value, key));
        else if (NAME_KEYS.includes(key) && typeof value === 'string') value = nameOut.get(value) ?? value;
        out[keyOut.get(key) ?? key] = value;
      }
      if (nest !== undefined && payload[fieldsKey] !== undefined) setPath(out, nest, encodeFields(asObject(payload[fieldsKey]!, fieldsKey)));
      return out;
    },
    decode(payload) {
      const out: JsonObject = {};
      const nested = nest === undefined ? undefined : getPath(payload, nest);
      for (const key of Object.keys(payload)) {
        if (nest !== undefined && key === nest[0]) continue;
        const canonical = keyIn.get(key) ?? key;
        let value = payload[key]!;
        if (canonical === fieldsKey) value = decodeFields(asObject(value, key));
        else if (NAME_KEYS.includes(canonical) && typeof value === 'string') value = nameIn.get(value) ?? value;
        out[canonical] = value;
      }
      if (nested !== undefined) out[fieldsKey] = decodeFields(asObject(nested, nest!.join('.')));
      return out;
    },
  };

  function encodeFields(fields: JsonObject): JsonObject {
    const out: JsonObject = {};
    for (const field of Object.keys(fields).sort()) {
      let value: Json = fields[field]!;
      const unit = unitOf.get(field);
      if (unit !== undefined && typeof value === 'number') value = convertUnit(value, unit.canonical, unit.brand);
      const enumeration = valueOut.get(field);
      if (enumeration !== undefined) value = enumeration.get(typeof value === 'string' ? value : JSON.stringify(value)) ?? value;
      out[fieldOut.get(field) ?? field] = value;
    }
    return out;
  }

  function decodeFields(fields: JsonObject): JsonObject {
    const out: JsonObject = {};
    for (const key of Object.keys(fields).sort()) {
      const field = fieldIn.get(key) ?? key;
      let value: Json = fields[key]!;
      const enumeration = valueIn.get(field);
      if (enumeration !== undefined) {
        const canonical = enumeration.get(JSON.stringify(value));
        if (canonical !== undefined) value = canonical;
      }
      const unit = unitOf.get(field);
      if (unit !== undefined && typeof value === 'number') value = convertUnit(value, unit.brand, unit.canonical);
      out[field] = value;
    }
    return out;
  }
}

/** An enumeration's key as written in YAML (`true`, `1`, `locked`) back to the canonical value it stands for. */
function canonicalValue(text: string): Json {
  return /^(?:true|false|null|-?\d+(?:\.\d+)?)$/.test(text) ? (JSON.parse(text) as Json) : text;
}

function invert(map: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...map].map(([a, b]) => [b, a]));
}

function asObject(value: Json, what: string): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new BrandError(`'${what}' must be an object, got ${JSON.stringify(value)}`);
  return value;
}

function getPath(payload: JsonObject, path: readonly string[]): Json | undefined {
  let at: Json | undefined = payload;
  for (const key of path) {
    if (at === null || typeof at !== 'object' || Array.isArray(at)) return undefined;
    at = at[key];
  }
  return at;
}

function setPath(payload: JsonObject, path: readonly string[], value: Json): void {
  let at = payload;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    at = at[key] = next !== null && typeof next === 'object' && !Array.isArray(next) ? next : {};
  }
  at[path[path.length - 1]!] = value;
}
