// Coarsening of precise vehicle location for anything that leaves the workbench (exports). The seed report
// classes precise location as sensitive data, released only with the user's authorisation (§3.4.7); two
// decimals of a degree (~1 km) keep a trace useful for latency and geofence analysis without pinpointing a
// home. Matches numeric fields named latitude/longitude/lat/lon/lng, VSS `Vehicle.CurrentLocation.*` keys
// (flat or nested), and `{ path: 'Vehicle.CurrentLocation.…', value }` signal records.
import type { Json } from '../../twins/kernel/types';

const COORDINATE_NAMES = new Set(['latitude', 'longitude', 'lat', 'lon', 'lng']);
const VSS_LOCATION = 'Vehicle.CurrentLocation';
/** Cheap filter on canonical JSON text: false means nothing in it can be a location. */
const LOCATION_IN_TEXT = /"(?:latitude|longitude|lat|lon|lng)":|CurrentLocation/i;

export function roundToKilometre(degrees: number): number {
  return Math.round(degrees * 100) / 100;
}

/** A copy of `value` with location numbers rounded to 2 decimals (unchanged parts shared); `changed` counts them. */
export function coarsenLocation<T extends Json>(value: T): { value: T; changed: number } {
  const counter = { changed: 0 };
  return { value: coarsen(value, false, counter) as T, changed: counter.changed };
}

export function mayHoldLocation(jsonText: string): boolean {
  return LOCATION_IN_TEXT.test(jsonText);
}

/** A canonical line with coarsened location, re-serialised with `serialise` only when something changed. */
export function coarsenLine(line: string, serialise: (value: Json) => string): { value: string; changed: number } {
  if (!mayHoldLocation(line)) return { value: line, changed: 0 };
  const { value, changed } = coarsenLocation(JSON.parse(line) as Json);
  return changed === 0 ? { value: line, changed } : { value: serialise(value), changed };
}

function coarsen(value: Json, inLocation: boolean, counter: { changed: number }): Json {
  if (typeof value === 'number') {
    if (!inLocation) return value;
    const rounded = roundToKilometre(value);
    if (rounded !== value) counter.changed++;
    return rounded;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: Json[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = coarsen(value[i]!, inLocation, counter);
      if (item !== value[i]) (copy ??= value.slice())[i] = item;
    }
    return copy ?? value;
  }
  const signalPath = value['path'] ?? value['signal'];
  const isLocationSignal = typeof signalPath === 'string' && signalPath.startsWith(VSS_LOCATION);
  let copy: { [key: string]: Json } | undefined;
  for (const key of Object.keys(value)) {
    const here = inLocation || isLocationKey(key) || (isLocationSignal && key === 'value');
    const item = coarsen(value[key]!, here, counter);
    if (item !== value[key]) (copy ??= { ...value })[key] = item;
  }
  return copy ?? value;
}

function isLocationKey(key: string): boolean {
  return COORDINATE_NAMES.has(key.toLowerCase()) || key === 'CurrentLocation' || key.startsWith(VSS_LOCATION);
}
