// Loads a map from GeoJSON (lon/lat, WGS84): LineStrings are roads, Points are places, Polygons with a
// district kind are districts. Vertices within a snapping tolerance become one road node, so roads that
// share a coordinate are joined. Anything unusable raises a MapLoadError that names the file, the feature
// and the reason; anything skipped on purpose (footways, building outlines) is listed in `notes`.

import type { CityMap, District, DistrictKind, Place, PlaceKind } from './city-map';
import { largestStronglyConnectedNodeIds } from './connectivity';
import { pointInPolygon, roundCm, type Point } from './geometry';
import { readDistrictKind, readId, readPlaceKind, readRoad, PropertyProblem, type Properties, type RoadProperties } from './geojson-properties';
import { findJsonSyntaxError, findTopLevelArrayElement } from './json-locate';
import { MapLoadError } from './map-load-error';
import { createProjection, fromLonLat, type LonLat } from './projection';
import { RoadGraphBuilder } from './road-graph';
import { nearestNode } from './spatial-index';

export interface GeoJsonMapOptions {
  /** Vertices closer than this (metres) are the same road node. */
  snapToleranceM?: number;
  /** Map name; defaults to the collection's `name` or the file name. */
  name?: string;
}

interface RoadFeature { index: number; parts: LonLat[][]; road: RoadProperties }
interface PlaceFeature { index: number; at: LonLat; kind: PlaceKind; id: string | undefined; name: string | undefined }
interface DistrictFeature { index: number; ring: LonLat[]; kind: DistrictKind; id: string | undefined; name: string | undefined }

export function loadGeoJsonMap(text: string, fileName: string, options: GeoJsonMapOptions = {}): CityMap {
  const tolerance = options.snapToleranceM ?? 0.5;
  if (!(tolerance > 0)) throw new MapLoadError(fileName, `snapToleranceM must be > 0 m, got ${tolerance}`);
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const root = parseJson(source, fileName);
  const fail = (index: number, reason: string): never => {
    const at = findTopLevelArrayElement(source, 'features', index);
    throw new MapLoadError(fileName, reason, index, at?.line, at?.column);
  };
  if (!isObject(root) || root['type'] !== 'FeatureCollection' || !Array.isArray(root['features'])) {
    const found = isObject(root) ? `type ${JSON.stringify(root['type'])}` : Array.isArray(root) ? 'an array' : typeof root;
    throw new MapLoadError(fileName, `expected a GeoJSON FeatureCollection with a "features" array, found ${found}`);
  }
  const roads: RoadFeature[] = [];
  const places: PlaceFeature[] = [];
  const districts: DistrictFeature[] = [];
  const skipped = new Map<string, number>();
  const skip = (why: string): void => void skipped.set(why, (skipped.get(why) ?? 0) + 1);

  (root['features'] as unknown[]).forEach((feature, index) => {
    try {
      readFeature(feature, index, { roads, places, districts, skip });
    } catch (error) {
      if (error instanceof PropertyProblem) fail(index, error.reason);
      throw error;
    }
  });
  if (roads.length === 0) {
    throw new MapLoadError(fileName, 'the map has no roads: add LineString features (optionally with a "highway" or "roadClass" property)');
  }

  const projection = createProjection(centreOf([...roads.flatMap((r) => r.parts.flat()), ...places.map((p) => p.at), ...districts.flatMap((d) => d.ring)]));
  const project = (at: LonLat): Point => {
    const p = fromLonLat(projection, at);
    return { x: roundCm(p.x), y: roundCm(p.y) };
  };

  const builder = new RoadGraphBuilder();
  const snap = new NodeSnapper(builder, tolerance);
  for (const { index, parts, road } of roads) {
    let segments = 0;
    for (const part of parts) {
      let previous: string | undefined;
      for (const position of part) {
        const node = snap.nodeAt(project(position));
        if (previous !== undefined && previous !== node) {
          const [from, to] = road.direction === 'reverse' ? [node, previous] : [previous, node];
          builder.addRoad(from, to, { roadClass: road.roadClass, speedLimitKph: road.speedLimitKph, oneway: road.direction !== 'both', ...(road.name === undefined ? {} : { name: road.name }) });
          segments++;
        }
        previous = node;
      }
    }
    if (segments === 0) fail(index, `every position of this road lies within the snapping tolerance (${tolerance} m) of one point; remove it or fix its coordinates`);
  }
  const graph = builder.build();

  const districtList: District[] = districts.map((d, k) => {
    const polygon = counterClockwise(d.ring.map(project));
    const id = d.id ?? `district-${k + 1}`;
    return { id, kind: d.kind, name: d.name ?? id, polygon };
  });
  const notes: string[] = [];
  for (const [why, count] of skipped) notes.push(`${count} feature${count === 1 ? '' : 's'} skipped: ${why}`);
  const main = largestStronglyConnectedNodeIds(graph);
  if (main.size < graph.nodes.length) {
    notes.push(`${graph.nodes.length - main.size} of ${graph.nodes.length} road nodes cannot be reached both ways from the main network (check oneway tags and unjoined roads); places attach to the main network only`);
  }
  return {
    name: options.name ?? (typeof root['name'] === 'string' ? root['name'] : fileName.replace(/\.[^./\\]*$/, '')),
    projection,
    graph,
    districts: districtList,
    places: makePlaces(places, project, districtList, (p) => nearestNode(graph, p, (n) => main.has(n.id)).id, fail),
    notes,
  };
}

function parseJson(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const problem = findJsonSyntaxError(text);
    if (problem !== null) throw new MapLoadError(fileName, `invalid JSON: ${problem.reason}`, undefined, problem.line, problem.column);
    throw new MapLoadError(fileName, `invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

interface Collected {
  roads: RoadFeature[];
  places: PlaceFeature[];
  districts: DistrictFeature[];
  skip: (why: string) => void;
}

function readFeature(feature: unknown, index: number, out: Collected): void {
  if (!isObject(feature) || feature['type'] !== 'Feature') throw new PropertyProblem('is not a GeoJSON Feature (its "type" must be "Feature")');
  const rawProps = feature['properties'];
  if (rawProps !== undefined && rawProps !== null && !isObject(rawProps)) throw new PropertyProblem('"properties" must be an object or null');
  const props: Properties = rawProps ?? {};
  const geometry = feature['geometry'];
  if (geometry === null || geometry === undefined) return out.skip('no geometry');
  if (!isObject(geometry) || typeof geometry['type'] !== 'string') throw new PropertyProblem('"geometry" must be an object with a "type"');
  const coordinates = geometry['coordinates'];
  const name = typeof props['name'] === 'string' ? props['name'] : undefined;
  switch (geometry['type']) {
    case 'LineString':
    case 'MultiLineString': {
      const road = readRoad(props);
      if (road === null) return out.skip(`not a road for cars (highway=${String(props['highway'])})`);
      const lines = geometry['type'] === 'LineString' ? [coordinates] : asArray(coordinates, 'coordinates');
      const parts = lines.map((line, k) => readLine(line, geometry['type'] === 'LineString' ? 'coordinates' : `coordinates[${k}]`, 2));
      out.roads.push({ index, parts, road });
      return;
    }
    case 'Point':
      out.places.push({ index, at: readPosition(coordinates, 'coordinates'), kind: readPlaceKind(props), id: readId(props), name });
      return;
    case 'Polygon': {
      const kind = readDistrictKind(props);
      if (kind === null) return out.skip('Polygon without a district kind (set "district" to residential, business, industrial or park)');
      const rings = asArray(coordinates, 'coordinates');
      const ring = readLine(rings[0], 'coordinates[0]', 4);
      const first = ring[0]!;
      const last = ring[ring.length - 1]!;
      if (first.lon === last.lon && first.lat === last.lat) ring.pop();
      out.districts.push({ index, ring, kind, id: readId(props), name });
      return;
    }
    default:
      return out.skip(`${geometry['type']} geometry is not used`);
  }
}

function readLine(value: unknown, path: string, minPositions: number): LonLat[] {
  const positions = asArray(value, path).map((p, k) => readPosition(p, `${path}[${k}]`));
  if (positions.length < minPositions) throw new PropertyProblem(`${path} needs at least ${minPositions} positions, got ${positions.length}`);
  return positions;
}

function readPosition(value: unknown, path: string): LonLat {
  if (!Array.isArray(value) || value.length < 2 || typeof value[0] !== 'number' || typeof value[1] !== 'number' || !Number.isFinite(value[0]) || !Number.isFinite(value[1])) {
    throw new PropertyProblem(`${path} must be a position [lon, lat] of two numbers, got ${JSON.stringify(value)}`);
  }
  const [lon, lat] = value as [number, number];
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    throw new PropertyProblem(`${path} = [${lon}, ${lat}] is not WGS84 lon/lat (lon −180…180, lat −90…90); reproject the file to EPSG:4326`);
  }
  return { lon, lat };
}

function asArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new PropertyProblem(`${path} must be an array, got ${JSON.stringify(value) ?? 'nothing'}`);
  return value;
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function centreOf(positions: LonLat[]): LonLat {
  let minLon = Infinity, maxLon = -Infinity, minLat = Infinity, maxLat = -Infinity;
  for (const p of positions) {
    minLon = Math.min(minLon, p.lon); maxLon = Math.max(maxLon, p.lon);
    minLat = Math.min(minLat, p.lat); maxLat = Math.max(maxLat, p.lat);
  }
  return { lon: (minLon + maxLon) / 2, lat: (minLat + maxLat) / 2 };
}

function counterClockwise(points: Point[]): Point[] {
  let twiceArea = 0;
  points.forEach((p, k) => {
    const q = points[(k + 1) % points.length]!;
    twiceArea += p.x * q.y - q.x * p.y;
  });
  return twiceArea < 0 ? points.reverse() : points;
}

function makePlaces(
  features: PlaceFeature[],
  project: (at: LonLat) => Point,
  districts: District[],
  attach: (p: Point) => string,
  fail: (index: number, reason: string) => never,
): Place[] {
  const firstUse = new Map<string, number>();
  for (const f of features) {
    if (f.id === undefined) continue;
    const earlier = firstUse.get(f.id);
    if (earlier !== undefined) fail(f.index, `place id "${f.id}" is already used by features[${earlier}]; ids must be unique`);
    firstUse.set(f.id, f.index);
  }
  const counters = new Map<PlaceKind, number>();
  const autoId = (kind: PlaceKind): string => {
    for (;;) {
      const n = (counters.get(kind) ?? 0) + 1;
      counters.set(kind, n);
      const id = `${kind}-${n}`;
      if (!firstUse.has(id)) return id;
    }
  };
  return features.map((f) => {
    const p = project(f.at);
    const id = f.id ?? autoId(f.kind);
    const district = districts.find((d) => pointInPolygon(p, d.polygon));
    return { id, kind: f.kind, name: f.name ?? id, x: p.x, y: p.y, nodeId: attach(p), district: district?.id ?? null };
  });
}

/** Joins vertices closer than the tolerance into one node (the first one seen wins, so ids are stable). */
class NodeSnapper {
  private readonly cells = new Map<string, { id: string; p: Point }[]>();

  constructor(private readonly builder: RoadGraphBuilder, private readonly toleranceM: number) {}

  nodeAt(p: Point): string {
    const cx = Math.floor(p.x / this.toleranceM);
    const cy = Math.floor(p.y / this.toleranceM);
    let best: string | undefined;
    let bestD = Infinity;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        for (const candidate of this.cells.get(`${cx + dx},${cy + dy}`) ?? []) {
          const d = Math.hypot(candidate.p.x - p.x, candidate.p.y - p.y);
          if (d <= this.toleranceM && d < bestD) {
            best = candidate.id;
            bestD = d;
          }
        }
      }
    }
    if (best !== undefined) return best;
    const id = this.builder.addNode(p.x, p.y);
    const key = `${cx},${cy}`;
    const cell = this.cells.get(key);
    if (cell === undefined) this.cells.set(key, [{ id, p }]);
    else cell.push({ id, p });
    return id;
  }
}
