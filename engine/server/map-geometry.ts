// The city as the map view draws it: road segments (each two-way road once), district outlines and places, in
// the local metres of the simulation. Sent once per loaded scenario; positions then stream as plain numbers.
import type { MapGeometry } from '../../protocol';
import type { CityMap } from '../../twins/world';

export function mapGeometryOf(city: CityMap): MapGeometry {
  const nodes = new Map(city.graph.nodes.map((n) => [n.id, n]));
  const roads: number[] = [];
  const roadClasses: MapGeometry['roadClasses'] = [];
  const seen = new Set<string>();
  for (const edge of city.graph.edges) {
    // A two-way road is two directed edges; draw it once.
    const key = edge.from < edge.to ? `${edge.from}|${edge.to}` : `${edge.to}|${edge.from}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const a = nodes.get(edge.from);
    const b = nodes.get(edge.to);
    if (a === undefined || b === undefined) continue;
    roads.push(a.x, a.y, b.x, b.y);
    roadClasses.push(edge.roadClass);
  }
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const n of city.graph.nodes) {
    minX = Math.min(minX, n.x); minY = Math.min(minY, n.y); maxX = Math.max(maxX, n.x); maxY = Math.max(maxY, n.y);
  }
  if (!Number.isFinite(minX)) minX = minY = maxX = maxY = 0;
  return {
    name: city.name,
    bounds: { minX, minY, maxX, maxY },
    roads,
    roadClasses,
    districts: city.districts.map((d) => ({ id: d.id, kind: d.kind, name: d.name, outline: d.polygon.flatMap((p) => [p.x, p.y]) })),
    places: city.places.map((p) => ({ id: p.id, kind: p.kind, name: p.name, x: p.x, y: p.y })),
  };
}
