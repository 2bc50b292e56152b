// What a map is, whichever way it was made (seeded generator or GeoJSON file): the road graph, named
// districts and the places twins live at, plus the projection to turn local metres back into lon/lat.

import type { Point } from './geometry';
import type { Projection } from './projection';
import type { RoadGraph } from './road-graph';

export type DistrictKind = 'residential' | 'business' | 'industrial' | 'park';
export const DISTRICT_KINDS: readonly DistrictKind[] = ['residential', 'business', 'industrial', 'park'];

export interface District {
  id: string;
  kind: DistrictKind;
  name: string;
  /** Outline, counter-clockwise, not closed (the last point is not a repeat of the first). */
  polygon: Point[];
}

export type PlaceKind = 'home' | 'workplace' | 'charger' | 'poi';
export const PLACE_KINDS: readonly PlaceKind[] = ['home', 'workplace', 'charger', 'poi'];

export interface Place {
  id: string;
  kind: PlaceKind;
  name: string;
  x: number;
  y: number;
  /** Road node a vehicle starts from / drives to for this place; always in the main connected network. */
  nodeId: string;
  /** Id of the district containing the place, or null when the map has none there. */
  district: string | null;
}

export interface CityMap {
  name: string;
  projection: Projection;
  graph: RoadGraph;
  districts: District[];
  places: Place[];
  /** What a loader had to skip or work around, for the user to see; empty for generated maps. */
  notes: string[];
}

export function findPlace(city: CityMap, id: string): Place {
  const place = city.places.find((p) => p.id === id);
  if (place === undefined) throw new Error(`map "${city.name}" has no place ${id}`);
  return place;
}

export function placesOfKind(city: CityMap, kind: PlaceKind): Place[] {
  return city.places.filter((p) => p.kind === kind);
}
