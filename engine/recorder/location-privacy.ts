// Coarsening of precise vehicle location for anything that leaves the workbench (exports). The seed report
// classes precise location as sensitive data, released only with the user's authorisation (§3.4.7); two
// decimals of a degree (~1 km) keep a trace useful for latency and geofence analysis without pinpointing a
// home. Matches numbers at any depth under a key one of whose words names a coordinate (`latitude`, `lat`,
// `destLng`, `start_lon`, VSS `…DestinationSet.Latitude`: words split at dots, dashes, underscores and case
// changes), everything under a `…Location`, `geolocation`, `coordinates` or `gps` key (VSS
// `Vehicle.CurrentLocation`, flat or nested; GeoJSON geometry), and
// `{ path: '…Latitude', value }` signal records. The original payload and every hub-translated one inside the
// hops are walked alike, for every export format and for what the live server sends (location-view.ts).
import type { Json } from '../../twins/kernel/types';

const COORDINATE_WORDS = new Set(['latitude', 'longitude', 'lat', 'lon', 'lng']);
/** Containers whose every number is part of a position (GeoJSON `coordinates`, a `geolocation`, a `gps` fix). */
const LOCATION_WORDS = new Set(['location', 'geolocation', 'coordinates', 'coords', 'gps']);
/** Cheap filter on JSON text: false means no key in it can name a location. Its words end a key or a dotted part. */
const LOCATION_IN_TEXT = /(?:latitude|longitude|lat|lon|lng)(?:"\s*:|[._-])|location|coord|gps/i;

export function roundToKilometre(degrees: number): number {
  const rounded = Math.round(degrees * 100) / 100;
  return rounded === 0 ? 0 : rounded; // no -0: it would print as 0 and read back as another number
}

/** `Vehicle.Cabin…DestinationSet.Latitude` → vehicle, cabin, …, destination, set, latitude; `destLng` → dest, lng. */
function wordsOf(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
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
  const isLocationSignal = typeof signalPath === 'string' && isLocationKey(signalPath);
  let copy: { [key: string]: Json } | undefined;
  for (const key of Object.keys(value)) {
    const here = inLocation || isLocationKey(key) || (isLocationSignal && key === 'value');
    const item = coarsen(value[key]!, here, counter);
    if (item !== value[key]) (copy ??= { ...value })[key] = item;
  }
  return copy ?? value;
}

const locationKeys = new Map<string, boolean>();

function isLocationKey(key: string): boolean {
  let known = locationKeys.get(key);
  if (known === undefined) {
    const words = wordsOf(key);
    known = words.some((word) => COORDINATE_WORDS.has(word) || LOCATION_WORDS.has(word));
    // Keys repeat endlessly across a run; a bounded cache keeps the word splitting off the hot path.
    if (locationKeys.size < 10_000) locationKeys.set(key, known);
  }
  return known;
}
