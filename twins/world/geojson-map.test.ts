// Loading GeoJSON maps: the small-town fixture, precise error messages for malformed files, and export round trip.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../kernel';
import { generateCity } from './city-generator';
import { findPlace } from './city-map';
import { isStronglyConnected } from './connectivity';
import { cityToGeoJson } from './geojson-export';
import { loadGeoJsonMap } from './geojson-map';
import { MapLoadError } from './map-load-error';
import { outgoingEdges } from './road-graph';
import { findRoute } from './routing';

const smallTown = readFileSync(new URL('./fixtures/small-town.geojson', import.meta.url), 'utf8');

function loadError(text: string, fileName = 'bad.geojson'): MapLoadError {
  try {
    loadGeoJsonMap(text, fileName);
  } catch (error) {
    if (error instanceof MapLoadError) return error;
    throw error;
  }
  throw new Error('expected a MapLoadError');
}

const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features }, null, 2);
const road = (coordinates: unknown, properties: object = { highway: 'residential' }) => ({ type: 'Feature', properties, geometry: { type: 'LineString', coordinates } });
const okRoad = road([[120.62, 31.3], [120.621, 31.3]]);

describe('loadGeoJsonMap on the small-town fixture', () => {
  const town = loadGeoJsonMap(smallTown, 'small-town.geojson');

  it('joins roads at shared coordinates into one strongly connected network', () => {
    // 12 grid intersections + 2 bend points of the bypass; the footway adds nothing.
    expect(town.name).toBe('Small Town');
    expect(town.graph.nodes).toHaveLength(14);
    expect(isStronglyConnected(town.graph)).toBe(true);
  });

  it('reads road class, speed and one-way direction', () => {
    const byName = (name: string) => town.graph.edges.filter((e) => e.name === name);
    expect(byName('Main Street').every((e) => e.roadClass === 'arterial' && e.speedLimitKph === 50)).toBe(true);
    expect(byName('Bypass').every((e) => e.roadClass === 'highway' && e.speedLimitKph === 100)).toBe(true);
    expect(byName('Hill Road').every((e) => e.roadClass === 'street' && e.speedLimitKph === 40)).toBe(true);
    // School Lane is drawn south→north with oneway=yes, Market Lane south→north with oneway=-1.
    const northbound = (name: string) => byName(name).every((e) => town.graph.nodes.find((n) => n.id === e.to)!.y > town.graph.nodes.find((n) => n.id === e.from)!.y);
    expect(byName('School Lane')).toHaveLength(2);
    expect(northbound('School Lane')).toBe(true);
    expect(byName('Market Lane')).toHaveLength(2);
    expect(byName('Market Lane').every((e) => !northbound('Market Lane') && e.roadClass === 'street')).toBe(true);
    expect(byName('Park Path')).toHaveLength(0);
  });

  it('loads places with their kinds, ids, districts and road nodes', () => {
    expect(town.places.map((p) => [p.id, p.kind])).toEqual([
      ['home-1', 'home'], ['home-2', 'home'], ['home-3', 'home'], ['town-hall', 'workplace'], ['bakery', 'workplace'],
      ['charger-market', 'charger'], ['charger-1', 'charger'], ['lake-park', 'poi'],
    ]);
    expect(findPlace(town, 'home-1')).toMatchObject({ name: '12 Lake Road', district: 'lakeside' });
    expect(findPlace(town, 'town-hall')).toMatchObject({ district: 'old-town' });
    expect(findPlace(town, 'charger-1')).toMatchObject({ name: 'Bypass Services Charging', district: null });
    // home-1 sits 40 m east and 15 m north of the south-west corner, where Lake Road meets West Lane.
    const home = findPlace(town, 'home-1');
    const corner = town.graph.nodes.find((n) => n.id === home.nodeId)!;
    expect(home.x - corner.x).toBeCloseTo(40, 1);
    expect(home.y - corner.y).toBeCloseTo(15, 1);
    expect(town.districts.map((d) => [d.id, d.kind])).toEqual([['lakeside', 'residential'], ['old-town', 'business']]);
  });

  it('notes what it skipped', () => {
    expect(town.notes).toEqual([
      '1 feature skipped: not a road for cars (highway=footway)',
      '1 feature skipped: Polygon without a district kind (set "district" to residential, business, industrial or park)',
    ]);
  });

  it('routes over the faster bypass rather than the shorter Lake Road', () => {
    const west = findPlace(town, 'home-1').nodeId;
    const westNode = town.graph.nodes.find((n) => n.id === west)!;
    const onLakeRoad = town.graph.nodes.filter((n) => Math.abs(n.y - westNode.y) < 1).sort((a, b) => a.x - b.x);
    expect(onLakeRoad).toHaveLength(4);
    const east = onLakeRoad[3]!.id;
    expect(onLakeRoad[3]!.x - westNode.x).toBeCloseTo(450, 0);
    const route = findRoute(town.graph, west, east);
    expect(route.nodeIds).toHaveLength(4);
    expect(route.lengthM).toBeCloseTo(850, 0);
  });
});

describe('loadGeoJsonMap error messages', () => {
  it('points at the line and column of a JSON syntax error', () => {
    const text = '{\n  "type": "FeatureCollection",\n  "features": [\n    {"type": "Feature" "properties": {}}\n  ]\n}';
    const error = loadError(text, 'town.geojson');
    expect(error.message).toBe(`town.geojson:4:24: invalid JSON: expected ',' or '}' after the value of "type" but found '"'`);
    expect([error.line, error.column, error.featureIndex]).toEqual([4, 24, undefined]);
  });

  it('names trailing commas, comments and truncated files', () => {
    expect(loadError('{"type": "FeatureCollection",\n "features": [1,]}').message).toBe("bad.geojson:2:16: invalid JSON: trailing comma before ']'");
    expect(loadError('// exported\n{}').message).toBe('bad.geojson:1:1: invalid JSON: comments are not allowed in JSON');
    expect(loadError('{"type": "FeatureCollection", "features": [').message).toBe('bad.geojson:1:44: invalid JSON: expected a value but found end of input');
    expect(loadError('   ').message).toBe('bad.geojson:1:4: invalid JSON: the file is empty');
  });

  it('requires a FeatureCollection', () => {
    expect(loadError('{"type": "Feature"}').message).toBe('bad.geojson: expected a GeoJSON FeatureCollection with a "features" array, found type "Feature"');
    expect(loadError('[]').message).toMatch(/found an array/);
  });

  it('names the feature, its line and the bad coordinate', () => {
    const text = collection(okRoad, road([[120.62, 31.3], ['120.63', 31.3]]));
    const error = loadError(text);
    expect(error.featureIndex).toBe(1);
    expect(error.message).toBe('bad.geojson:23:5: features[1]: coordinates[1] must be a position [lon, lat] of two numbers, got ["120.63",31.3]');
    expect(text.split('\n')[22]!.trim()).toBe('{');
  });

  it('recognises projected (non lon/lat) coordinates and says what to do', () => {
    expect(loadError(collection(road([[500000, 4649776], [500100, 4649776]]))).message).toMatch(
      /features\[0\]: coordinates\[0\] = \[500000, 4649776\] is not WGS84 lon\/lat .* reproject the file to EPSG:4326$/,
    );
  });

  it('rejects roads that are too short, bad speeds, bad one-way tags and unknown classes', () => {
    expect(loadError(collection(okRoad, road([[120.62, 31.3]]))).message).toMatch(/features\[1\]: coordinates needs at least 2 positions, got 1$/);
    expect(loadError(collection(road([[120.62, 31.3], [120.621, 31.3]], { maxspeed: 'fast' }))).message).toMatch(/features\[0\]: maxspeed "fast" is not a speed/);
    expect(loadError(collection(road([[120.62, 31.3], [120.621, 31.3]], { oneway: 'sometimes' }))).message).toMatch(/features\[0\]: oneway "sometimes" is not understood/);
    expect(loadError(collection(road([[120.62, 31.3], [120.621, 31.3]], { roadClass: 'freeway' }))).message).toMatch(/features\[0\]: roadClass "freeway" is not one of arterial, street, highway/);
    expect(loadError(collection(road([[120.62, 31.3], [120.6200001, 31.3]]))).message).toMatch(/features\[0\]: every position of this road lies within the snapping tolerance/);
  });

  it('rejects unknown place kinds and duplicate ids', () => {
    const place = (properties: object) => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [120.6205, 31.3001] } });
    expect(loadError(collection(okRoad, place({ kind: 'house' }))).message).toMatch(/features\[1\]: kind "house" is not a place kind: use one of home, workplace, charger, poi$/);
    expect(loadError(collection(okRoad, place({ id: 'a', kind: 'home' }), place({ id: 'a', kind: 'poi' }))).message).toMatch(
      /features\[2\]: place id "a" is already used by features\[1\]; ids must be unique$/,
    );
  });

  it('needs at least one road', () => {
    expect(loadError(collection()).message).toBe('bad.geojson: the map has no roads: add LineString features (optionally with a "highway" or "roadClass" property)');
  });

  it('attaches places only to the main network when a piece is cut off', () => {
    const cutOff = road([[120.7, 31.4], [120.701, 31.4]]);
    const place = { type: 'Feature', properties: { kind: 'home' }, geometry: { type: 'Point', coordinates: [120.7005, 31.4] } };
    const map = loadGeoJsonMap(collection(road([[120.62, 31.3], [120.621, 31.3], [120.622, 31.3]]), cutOff, place), 'two-pieces.geojson');
    expect(map.notes).toEqual([expect.stringMatching(/^2 of 5 road nodes cannot be reached both ways/)]);
    expect(map.places[0]!.nodeId).toBe('n-2');
  });
});

describe('cityToGeoJson', () => {
  it('exports a generated city that loads back with the same network and places', () => {
    const city = generateCity(new SeededRandom(8).stream('city'), { blocksX: 6, blocksY: 5, homes: 20 });
    const loaded = loadGeoJsonMap(JSON.stringify(cityToGeoJson(city)), 'export.geojson');
    expect(loaded.name).toBe(city.name);
    expect(loaded.graph.nodes).toHaveLength(city.graph.nodes.length);
    expect(loaded.graph.edges).toHaveLength(city.graph.edges.length);
    expect(loaded.places.map((p) => [p.id, p.kind, p.name, p.district])).toEqual(city.places.map((p) => [p.id, p.kind, p.name, p.district]));
    const a = city.places[0]!;
    const b = city.places[city.places.length - 1]!;
    const there = findRoute(city.graph, a.nodeId, b.nodeId);
    const again = findRoute(loaded.graph, loaded.places[0]!.nodeId, loaded.places[loaded.places.length - 1]!.nodeId);
    expect(again.durationS).toBeCloseTo(there.durationS, 0);
    expect(outgoingEdges(loaded.graph, loaded.graph.nodes[0]!.id).length).toBeGreaterThan(0);
  });
});
