// Reading road and place properties the way OpenStreetMap exports and hand-written maps spell them
// (`highway=residential`, `maxspeed="30 mph"`, `oneway="-1"`). Each reader returns a value or throws a
// PropertyProblem, which the loader turns into a MapLoadError naming the feature.

import { DISTRICT_KINDS, PLACE_KINDS, type DistrictKind, type PlaceKind } from './city-map';
import type { RoadClass } from './road-graph';

export class PropertyProblem {
  constructor(readonly reason: string) {}
}

export type Properties = { readonly [key: string]: unknown };

const ROAD_CLASSES: readonly RoadClass[] = ['arterial', 'street', 'highway'];

const HIGHWAY_CLASS: { readonly [osm: string]: RoadClass } = {
  motorway: 'highway', motorway_link: 'highway', trunk: 'highway', trunk_link: 'highway',
  primary: 'arterial', primary_link: 'arterial', secondary: 'arterial', secondary_link: 'arterial',
  tertiary: 'arterial', tertiary_link: 'arterial',
  residential: 'street', unclassified: 'street', living_street: 'street', service: 'street', road: 'street',
};

/** OSM ways no car drives on: loaded maps often include them, and they must not become shortcuts. */
const NOT_FOR_CARS = new Set(['footway', 'path', 'cycleway', 'steps', 'pedestrian', 'bridleway', 'track', 'corridor', 'proposed', 'construction', 'platform', 'bus_guideway', 'elevator']);

const DEFAULT_KPH: Record<RoadClass, number> = { highway: 100, arterial: 60, street: 40 };
const SLOW_STREETS: { readonly [osm: string]: number } = { living_street: 20, service: 20 };

export interface RoadProperties {
  roadClass: RoadClass;
  speedLimitKph: number;
  /** 'forward' = only in coordinate order, 'reverse' = only against it. */
  direction: 'both' | 'forward' | 'reverse';
  name?: string;
}

/** Road attributes of a LineString, or null for a way cars do not use (footway, cycleway…). */
export function readRoad(props: Properties): RoadProperties | null {
  const highway = props['highway'];
  const explicitClass = props['roadClass'];
  let roadClass: RoadClass = 'street';
  if (explicitClass !== undefined && explicitClass !== null) {
    if (typeof explicitClass !== 'string' || !(ROAD_CLASSES as readonly string[]).includes(explicitClass)) {
      throw new PropertyProblem(`roadClass ${JSON.stringify(explicitClass)} is not one of ${ROAD_CLASSES.join(', ')}`);
    }
    roadClass = explicitClass as RoadClass;
  } else if (highway !== undefined && highway !== null) {
    if (typeof highway !== 'string') throw new PropertyProblem(`highway must be a string such as "residential", got ${JSON.stringify(highway)}`);
    if (NOT_FOR_CARS.has(highway)) return null;
    roadClass = HIGHWAY_CLASS[highway] ?? 'street';
  }
  const fallbackKph = (typeof highway === 'string' ? SLOW_STREETS[highway] : undefined) ?? DEFAULT_KPH[roadClass];
  const road: RoadProperties = { roadClass, speedLimitKph: readMaxSpeed(props['maxspeed'], fallbackKph), direction: readOneway(props['oneway']) };
  const name = props['name'];
  if (typeof name === 'string' && name !== '') road.name = name;
  return road;
}

function readMaxSpeed(value: unknown, fallbackKph: number): number {
  if (value === undefined || value === null || value === '') return fallbackKph;
  const explain = `maxspeed ${JSON.stringify(value)} is not a speed: give km/h as a number (50) or a string such as "50" or "30 mph"`;
  let kph: number;
  if (typeof value === 'number') {
    kph = value;
  } else if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (text === 'none') return 130; // derestricted motorway: a plausible cruising speed, not infinity
    if (text === 'walk') return 7;
    const match = /^(\d+(?:\.\d+)?)\s*(km\/h|kmh|kph|mph)?$/.exec(text);
    if (match === null) throw new PropertyProblem(explain);
    kph = Number(match[1]) * (match[2] === 'mph' ? 1.609344 : 1);
  } else {
    throw new PropertyProblem(explain);
  }
  if (!(kph > 0 && kph <= 300)) throw new PropertyProblem(`maxspeed ${JSON.stringify(value)} is outside 0–300 km/h`);
  return kph;
}

/**
 * Only an explicit tag makes a road one-way. (OSM also implies it for motorways; hand-drawn maps often
 * draw a motorway as one two-way line, and implying one-way there would silently cut the network.)
 */
function readOneway(value: unknown): RoadProperties['direction'] {
  if (value === undefined || value === null || value === false || value === 'no' || value === '0' || value === 'false' || value === 0) return 'both';
  if (value === true || value === 'yes' || value === '1' || value === 'true' || value === 1) return 'forward';
  if (value === '-1' || value === 'reverse' || value === -1) return 'reverse';
  throw new PropertyProblem(`oneway ${JSON.stringify(value)} is not understood: use "yes", "no" or "-1"`);
}

export function readPlaceKind(props: Properties): PlaceKind {
  const kind = props['kind'];
  if (kind === undefined || kind === null) return props['amenity'] === 'charging_station' ? 'charger' : 'poi';
  if (typeof kind === 'string' && (PLACE_KINDS as readonly string[]).includes(kind)) return kind as PlaceKind;
  throw new PropertyProblem(`kind ${JSON.stringify(kind)} is not a place kind: use one of ${PLACE_KINDS.join(', ')}`);
}

/** District kind of a Polygon, or null when it is not a district (e.g. a building outline). */
export function readDistrictKind(props: Properties): DistrictKind | null {
  const explicit = props['district'] ?? props['kind'];
  if (explicit !== undefined && explicit !== null) {
    if (typeof explicit === 'string' && (DISTRICT_KINDS as readonly string[]).includes(explicit)) return explicit as DistrictKind;
    throw new PropertyProblem(`district kind ${JSON.stringify(explicit)} is not one of ${DISTRICT_KINDS.join(', ')}`);
  }
  const landuse = props['landuse'];
  if (landuse === 'residential') return 'residential';
  if (landuse === 'commercial' || landuse === 'retail' || landuse === 'office') return 'business';
  if (landuse === 'industrial') return 'industrial';
  if (props['leisure'] === 'park' || landuse === 'recreation_ground') return 'park';
  return null;
}

/** An `id` property as a string, or undefined when absent. */
export function readId(props: Properties): string | undefined {
  const id = props['id'];
  if (id === undefined || id === null) return undefined;
  if (typeof id === 'string' && id !== '') return id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  throw new PropertyProblem(`id ${JSON.stringify(id)} must be a non-empty string or a number`);
}
