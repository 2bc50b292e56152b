// Exports a CityMap as a GeoJSON FeatureCollection in lon/lat, in the same dialect loadGeoJsonMap reads
// (roadClass, maxspeed, oneway, kind, district), so a generated city can be opened in any GIS tool,
// edited, and loaded back.

import type { Json } from '../kernel/types';
import type { CityMap } from './city-map';
import { toLonLat } from './projection';
import type { RoadEdge } from './road-graph';

type Feature = { type: 'Feature'; properties: { [key: string]: Json }; geometry: { type: string; coordinates: Json } };

export function cityToGeoJson(city: CityMap): { type: 'FeatureCollection'; name: string; features: Feature[] } {
  const lonLat = (x: number, y: number): number[] => {
    const p = toLonLat(city.projection, { x, y });
    // 1e-7° is about 1 cm: enough precision, and the file stays readable.
    return [round7(p.lon), round7(p.lat)];
  };
  const nodes = new Map(city.graph.nodes.map((n) => [n.id, n]));
  const features: Feature[] = [];
  for (const d of city.districts) {
    const ring = d.polygon.map((p) => lonLat(p.x, p.y));
    ring.push(ring[0]!);
    features.push({ type: 'Feature', properties: { id: d.id, name: d.name, district: d.kind }, geometry: { type: 'Polygon', coordinates: [ring] } });
  }
  // A two-way road is two opposite edges with the same attributes; write it once, without `oneway`.
  const key = (e: RoadEdge, from: string, to: string): string => `${from}>${to}|${e.roadClass}|${e.speedLimitKph}|${e.lengthM}|${e.name ?? ''}`;
  const unpaired = new Map<string, number>();
  for (const e of city.graph.edges) unpaired.set(key(e, e.from, e.to), (unpaired.get(key(e, e.from, e.to)) ?? 0) + 1);
  for (const e of city.graph.edges) {
    const forward = key(e, e.from, e.to);
    if ((unpaired.get(forward) ?? 0) === 0) continue; // already written as the reverse half of a two-way road
    unpaired.set(forward, unpaired.get(forward)! - 1);
    const reverse = key(e, e.to, e.from);
    const twoWay = (unpaired.get(reverse) ?? 0) > 0;
    if (twoWay) unpaired.set(reverse, unpaired.get(reverse)! - 1);
    const a = nodes.get(e.from)!;
    const b = nodes.get(e.to)!;
    const properties: { [key: string]: Json } = { roadClass: e.roadClass, maxspeed: e.speedLimitKph };
    if (e.name !== undefined) properties['name'] = e.name;
    if (!twoWay) properties['oneway'] = 'yes';
    features.push({ type: 'Feature', properties, geometry: { type: 'LineString', coordinates: [lonLat(a.x, a.y), lonLat(b.x, b.y)] } });
  }
  for (const p of city.places) {
    features.push({ type: 'Feature', properties: { id: p.id, kind: p.kind, name: p.name }, geometry: { type: 'Point', coordinates: lonLat(p.x, p.y) } });
  }
  return { type: 'FeatureCollection', name: city.name, features };
}

function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}
