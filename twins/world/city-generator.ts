// Seeded city generator: a perturbed street grid with arterials every few blocks, a ring highway with
// ramps, districts by land use, and homes / workplaces / chargers / points of interest placed in the
// districts where they belong. Everything is drawn from one RandomStream in a fixed order, so the same
// seed gives the same map, byte for byte.

import type { RandomStream } from '../kernel/types';
import { DISTRICT_KINDS, type CityMap, type District, type DistrictKind, type Place, type PlaceKind } from './city-map';
import { avenueName, companyName, districtName, poiName, streetName, UniqueNames } from './city-names';
import { isStronglyConnected } from './connectivity';
import { roundCm } from './geometry';
import { createProjection, type LonLat } from './projection';
import { RoadGraphBuilder, type RoadClass, type RoadGraph } from './road-graph';
import { nearestNode } from './spatial-index';

export interface CityOptions {
  name?: string;
  /** Blocks across (east–west) and down (north–south). */
  blocksX?: number;
  blocksY?: number;
  blockSizeM?: number;
  /** An arterial runs every this many blocks (and along the city's edge). */
  arterialEvery?: number;
  /** Districts are squares of this many blocks a side. */
  districtBlocks?: number;
  homes?: number;
  workplaces?: number;
  chargers?: number;
  pois?: number;
  /** Share of plain streets removed so the grid is not perfect (connectivity is always kept). */
  removedStreetShare?: number;
  /** Intersections move by up to this share of a block in x and y. */
  jitterShare?: number;
  ring?: boolean;
  highwaySpeedKph?: number;
  /** Where the city centre lies on Earth, for lon/lat display and export. */
  origin?: LonLat;
}

const DEFAULTS = {
  name: 'Generated city',
  blocksX: 10,
  blocksY: 10,
  blockSizeM: 200,
  arterialEvery: 4,
  districtBlocks: 2,
  homes: 50,
  workplaces: 10,
  chargers: 8,
  pois: 4,
  removedStreetShare: 0.08,
  jitterShare: 0.1,
  ring: true,
  highwaySpeedKph: 90,
  // Shanghai: the seed report's pilots are Chinese cities; any origin works.
  origin: { lon: 121.4737, lat: 31.2304 },
} satisfies Required<CityOptions>;

const STREET_KPH = 40;
const ARTERIAL_KPH = 60;

interface Candidate {
  a: string;
  b: string;
  roadClass: RoadClass;
  name: string;
}

export function generateCity(random: RandomStream, options: CityOptions = {}): CityMap {
  const o = { ...DEFAULTS, ...options };
  validate(o);
  const B = o.blockSizeM;
  const halfW = (o.blocksX * B) / 2;
  const halfH = (o.blocksY * B) / 2;
  const isArterial = (line: number, last: number): boolean => line % o.arterialEvery === 0 || line === last;

  const builder = new RoadGraphBuilder();
  const grid: string[][] = [];
  for (let j = 0; j <= o.blocksY; j++) {
    const row: string[] = [];
    for (let i = 0; i <= o.blocksX; i++) {
      const jx = (random.next() * 2 - 1) * o.jitterShare * B;
      const jy = (random.next() * 2 - 1) * o.jitterShare * B;
      row.push(builder.addNode(roundCm(i * B - halfW + jx), roundCm(j * B - halfH + jy)));
    }
    grid.push(row);
  }
  const at = (i: number, j: number): string => grid[j]![i]!;

  const candidates: Candidate[] = [];
  for (let j = 0; j <= o.blocksY; j++) {
    for (let i = 0; i <= o.blocksX; i++) {
      if (i < o.blocksX) {
        candidates.push({ a: at(i, j), b: at(i + 1, j), roadClass: isArterial(j, o.blocksY) ? 'arterial' : 'street', name: streetName(j) });
      }
      if (j < o.blocksY) {
        candidates.push({ a: at(i, j), b: at(i, j + 1), roadClass: isArterial(i, o.blocksX) ? 'arterial' : 'street', name: avenueName(i) });
      }
    }
  }
  for (const road of keepConnected(candidates, random, o.removedStreetShare)) {
    builder.addRoad(road.a, road.b, { roadClass: road.roadClass, speedLimitKph: road.roadClass === 'arterial' ? ARTERIAL_KPH : STREET_KPH, name: road.name });
  }
  if (o.ring) addRingHighway(builder, o, at, isArterial, halfW, halfH);
  const graph = builder.build();
  if (!isStronglyConnected(graph)) throw new Error('generateCity: internal error, the generated road network is not strongly connected');

  const districts = makeDistricts(random, o, halfW, halfH);
  const places = placePlaces(random, o, graph, districts, halfW, halfH);
  return { name: o.name, projection: createProjection(o.origin), graph, districts: districts.map((d) => d.district), places, notes: [] };
}

function validate(o: Required<CityOptions>): void {
  const positiveInt = ['blocksX', 'blocksY', 'arterialEvery', 'districtBlocks'] as const;
  for (const key of positiveInt) {
    if (!Number.isInteger(o[key]) || o[key] < 1) throw new Error(`generateCity: ${key} must be a whole number ≥ 1, got ${o[key]}`);
  }
  for (const key of ['homes', 'workplaces', 'chargers', 'pois'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 0) throw new Error(`generateCity: ${key} must be a whole number ≥ 0, got ${o[key]}`);
  }
  if (!(o.blockSizeM >= 20)) throw new Error(`generateCity: blockSizeM must be at least 20 m, got ${o.blockSizeM}`);
  if (!(o.removedStreetShare >= 0 && o.removedStreetShare < 1)) throw new Error(`generateCity: removedStreetShare must be in [0, 1), got ${o.removedStreetShare}`);
  if (!(o.jitterShare >= 0 && o.jitterShare <= 0.3)) throw new Error(`generateCity: jitterShare must be in [0, 0.3] so blocks keep their shape, got ${o.jitterShare}`);
  const tiles = Math.ceil(o.blocksX / o.districtBlocks) * Math.ceil(o.blocksY / o.districtBlocks);
  if (tiles < 2) throw new Error(`generateCity: ${o.blocksX}×${o.blocksY} blocks make a single district; use more blocks or a smaller districtBlocks so homes and workplaces can be apart`);
}

/**
 * Drops a share of plain streets, then puts back (in removal order) any dropped street that rejoins two
 * pieces, Kruskal-style. All roads are two-way, so a connected result is strongly connected.
 */
function keepConnected(candidates: Candidate[], random: RandomStream, share: number): Candidate[] {
  const removed = candidates.map((c) => c.roadClass === 'street' && random.chance(share));
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.has(root)) root = parent.get(root)!;
    let walk = x;
    while (walk !== root) {
      const next = parent.get(walk)!;
      parent.set(walk, root);
      walk = next;
    }
    return root;
  };
  const union = (a: string, b: string): boolean => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return false;
    parent.set(ra, rb);
    return true;
  };
  candidates.forEach((c, k) => {
    if (!removed[k]) union(c.a, c.b);
  });
  candidates.forEach((c, k) => {
    if (removed[k] && union(c.a, c.b)) removed[k] = false;
  });
  return candidates.filter((_, k) => !removed[k]);
}

/** A rectangular ring road 1.5 blocks outside the grid, joined by ramps wherever an arterial reaches the edge. */
function addRingHighway(
  builder: RoadGraphBuilder,
  o: Required<CityOptions>,
  at: (i: number, j: number) => string,
  isArterial: (line: number, last: number) => boolean,
  halfW: number,
  halfH: number,
): void {
  const B = o.blockSizeM;
  const off = 1.5 * B;
  const columns = range(o.blocksX + 1).filter((i) => isArterial(i, o.blocksX));
  const rows = range(o.blocksY + 1).filter((j) => isArterial(j, o.blocksY));
  const ring: string[] = [];
  const ramp = (ringNode: string, gridNode: string): void => {
    builder.addRoad(ringNode, gridNode, { roadClass: 'arterial', speedLimitKph: ARTERIAL_KPH, name: 'Ring Road ramp' });
  };
  const corner = (x: number, y: number): void => {
    ring.push(builder.addNode(roundCm(x), roundCm(y)));
  };
  const side = (lines: number[], place: (line: number) => [number, number], gridNode: (line: number) => string): void => {
    for (const line of lines) {
      const [x, y] = place(line);
      const id = builder.addNode(roundCm(x), roundCm(y));
      ring.push(id);
      ramp(id, gridNode(line));
    }
  };
  corner(-halfW - off, -halfH - off);
  side(columns, (i) => [i * B - halfW, -halfH - off], (i) => at(i, 0));
  corner(halfW + off, -halfH - off);
  side(rows, (j) => [halfW + off, j * B - halfH], (j) => at(o.blocksX, j));
  corner(halfW + off, halfH + off);
  side(columns.slice().reverse(), (i) => [i * B - halfW, halfH + off], (i) => at(i, o.blocksY));
  corner(-halfW - off, halfH + off);
  side(rows.slice().reverse(), (j) => [-halfW - off, j * B - halfH], (j) => at(0, j));
  ring.forEach((id, k) => {
    builder.addRoad(id, ring[(k + 1) % ring.length]!, { roadClass: 'highway', speedLimitKph: o.highwaySpeedKph, name: 'Ring Road' });
  });
}

interface DistrictTile {
  district: District;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/**
 * Tiles the grid into districts: business nearest the centre, industrial towards the edge, a few parks,
 * the rest residential. Small random offsets break ties so layouts differ between seeds.
 */
function makeDistricts(random: RandomStream, o: Required<CityOptions>, halfW: number, halfH: number): DistrictTile[] {
  const B = o.blockSizeM;
  const tiles: { col: number; row: number; minX: number; minY: number; maxX: number; maxY: number; centreDistance: number }[] = [];
  for (let row = 0; row * o.districtBlocks < o.blocksY; row++) {
    for (let col = 0; col * o.districtBlocks < o.blocksX; col++) {
      const minX = col * o.districtBlocks * B - halfW;
      const minY = row * o.districtBlocks * B - halfH;
      const maxX = Math.min((col + 1) * o.districtBlocks, o.blocksX) * B - halfW;
      const maxY = Math.min((row + 1) * o.districtBlocks, o.blocksY) * B - halfH;
      const centreDistance = Math.hypot((minX + maxX) / 2, (minY + maxY) / 2) + random.next() * B;
      tiles.push({ col, row, minX, minY, maxX, maxY, centreDistance });
    }
  }
  const n = tiles.length;
  const business = Math.max(1, Math.round(n * 0.2));
  const industrial = Math.round(n * 0.1);
  const parks = Math.round(n * 0.1);
  const kinds = new Array<DistrictKind>(n).fill('residential');
  const byCentre = range(n).sort((a, b) => tiles[a]!.centreDistance - tiles[b]!.centreDistance || a - b);
  byCentre.slice(0, business).forEach((t) => (kinds[t] = 'business'));
  byCentre.slice(n - industrial).forEach((t) => (kinds[t] = 'industrial'));
  const open = range(n).filter((t) => kinds[t] === 'residential');
  for (let k = 0; k < parks && open.length > 1; k++) {
    const t = open.splice(random.int(0, open.length - 1), 1)[0]!;
    kinds[t] = 'park';
  }
  const names = new UniqueNames();
  return tiles.map((t, k) => {
    const kind = kinds[k]!;
    const polygon = [
      { x: t.minX, y: t.minY },
      { x: t.maxX, y: t.minY },
      { x: t.maxX, y: t.maxY },
      { x: t.minX, y: t.maxY },
    ];
    return { district: { id: `d-${t.col}-${t.row}`, kind, name: names.take(districtName(random, kind)), polygon }, minX: t.minX, minY: t.minY, maxX: t.maxX, maxY: t.maxY };
  });
}

function placePlaces(random: RandomStream, o: Required<CityOptions>, graph: RoadGraph, tiles: DistrictTile[], halfW: number, halfH: number): Place[] {
  const B = o.blockSizeM;
  const ofKinds = (kinds: readonly DistrictKind[]): DistrictTile[] => tiles.filter((t) => kinds.includes(t.district.kind));
  const places: Place[] = [];
  const names = new UniqueNames();
  const add = (kind: PlaceKind, id: string, pool: DistrictTile[], nameOf: (x: number, y: number, tile: DistrictTile) => string): void => {
    const tile = random.pick(pool);
    // Keep places off the tile edge so "inside the district" holds despite rounding.
    const inset = 0.08 * B;
    const x = roundCm(tile.minX + inset + random.next() * (tile.maxX - tile.minX - 2 * inset));
    const y = roundCm(tile.minY + inset + random.next() * (tile.maxY - tile.minY - 2 * inset));
    const nodeId = nearestNode(graph, { x, y }).id;
    places.push({ id, kind, name: names.take(nameOf(x, y, tile)), x, y, nodeId, district: tile.district.id });
  };
  const address = (x: number, y: number): string => {
    // The address is on whichever grid line (avenue or street) the place is closest to.
    const gx = (x + halfW) / B;
    const gy = (y + halfH) / B;
    const dx = Math.abs(gx - Math.round(gx));
    const dy = Math.abs(gy - Math.round(gy));
    return dx < dy ? `${1 + Math.floor(gy * 10)} ${avenueName(Math.round(gx))}` : `${1 + Math.floor(gx * 10)} ${streetName(Math.round(gy))}`;
  };
  const residential = ofKinds(['residential']);
  const business = ofKinds(['business']);
  const built = ofKinds(DISTRICT_KINDS.filter((k) => k !== 'park'));
  for (let k = 1; k <= o.homes; k++) add('home', `home-${k}`, residential, address);
  for (let k = 1; k <= o.workplaces; k++) add('workplace', `work-${k}`, business, () => companyName(random));
  for (let k = 1; k <= o.chargers; k++) add('charger', `charger-${k}`, built, (_x, _y, tile) => `${tile.district.name} Charging`);
  for (let k = 1; k <= o.pois; k++) add('poi', `poi-${k}`, tiles, () => poiName(k - 1));
  return places;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, k) => k);
}
