// Where things are on the world's map: the city a scenario asks for (generated, a GeoJSON file or a given one) and
// the places a scenario names by role ("home", "work") or by id.
import type { Kernel } from '../kernel';
import { findPlace, generateCity, loadGeoJsonMap, placesOfKind, type CityMap, type Place } from '../world';
import type { SimulationSpec } from './spec';

/**
 * `home` is the given home place; `work` the workplace across town from it (the farthest, so the commute crosses the
 * home geofence and the city) or, without a home, the first workplace; anything else a place id.
 */
export function placeFor(city: CityMap, where: string, home: Place | undefined): Place {
  if (where === 'home') {
    if (home === undefined) throw new Error('"home" needs the vehicle to have a home');
    return home;
  }
  if (where === 'work') {
    const workplaces = placesOfKind(city, 'workplace');
    if (workplaces.length === 0) throw new Error(`map "${city.name}" has no workplace`);
    if (home === undefined) return workplaces[0]!;
    return workplaces.reduce((far, w) => (Math.hypot(w.x - home.x, w.y - home.y) > Math.hypot(far.x - home.x, far.y - home.y) ? w : far));
  }
  return findPlace(city, where);
}

export function buildCity(kernel: Kernel, spec: SimulationSpec): CityMap {
  const map = spec.map;
  if (map.kind === 'city') return map.city;
  if (map.kind === 'geojson') return loadGeoJsonMap(map.text, map.fileName);
  const homes = Math.max(spec.homes.length, map.options.homes ?? 0);
  const side = Math.max(16, Math.ceil(Math.sqrt(homes / 6)) + 4); // a few km across: commutes cross the home geofence
  return generateCity(kernel.random.stream('city'), { blocksX: side, blocksY: side, workplaces: 3, chargers: 4, ...map.options, homes });
}
