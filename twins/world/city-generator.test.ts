// The seeded city generator: determinism, connectivity, road classes and places in the right districts.
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../kernel';
import { generateCity, type CityOptions } from './city-generator';
import { placesOfKind } from './city-map';
import { isStronglyConnected } from './connectivity';
import { pointInPolygon } from './geometry';

const city = (seed: number, options: CityOptions = {}) => generateCity(new SeededRandom(seed).stream('city'), options);

describe('generateCity', () => {
  it('gives the identical map for the same seed and a different one for another seed', () => {
    const a = JSON.stringify(city(42));
    expect(JSON.stringify(city(42))).toBe(a);
    expect(JSON.stringify(city(43))).not.toBe(a);
  });

  it('stays strongly connected for many seeds and sizes, even with many streets removed', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const map = city(seed, { blocksX: 3 + (seed % 9), blocksY: 2 + (seed % 5), removedStreetShare: 0.3, ring: seed % 2 === 0 });
      expect(isStronglyConnected(map.graph), `seed ${seed}`).toBe(true);
    }
  });

  it('is not a perfect grid: some streets are missing and intersections are moved', () => {
    const map = city(5, { ring: false, blocksX: 10, blocksY: 10 });
    const perfectGridEdges = 2 * 2 * 10 * 11;
    expect(map.graph.edges.length).toBeLessThan(perfectGridEdges);
    expect(map.graph.nodes.some((n) => n.x % 200 !== 0 && (n.x + 1000) % 200 !== 0)).toBe(true);
  });

  it('has streets at 40 km/h, arterials at 60 km/h and a ring highway at 80–100 km/h', () => {
    const map = city(9);
    const speeds = (cls: string) => new Set(map.graph.edges.filter((e) => e.roadClass === cls).map((e) => e.speedLimitKph));
    expect(speeds('street')).toEqual(new Set([40]));
    expect(speeds('arterial')).toEqual(new Set([60]));
    const highway = [...speeds('highway')];
    expect(highway.length).toBeGreaterThan(0);
    for (const s of highway) expect(s).toBeGreaterThanOrEqual(80);
    expect(map.graph.edges.filter((e) => e.roadClass === 'highway').every((e) => e.name === 'Ring Road')).toBe(true);
  });

  it('puts homes in residential districts, workplaces in business districts and no charger in a park', () => {
    const map = city(11, { homes: 300, workplaces: 60, chargers: 30 });
    const districts = new Map(map.districts.map((d) => [d.id, d]));
    const kindOf = (id: string | null) => districts.get(id ?? '')?.kind;
    for (const home of placesOfKind(map, 'home')) {
      expect(kindOf(home.district)).toBe('residential');
      expect(pointInPolygon(home, districts.get(home.district!)!.polygon)).toBe(true);
    }
    for (const work of placesOfKind(map, 'workplace')) expect(kindOf(work.district)).toBe('business');
    for (const charger of placesOfKind(map, 'charger')) expect(kindOf(charger.district)).not.toBe('park');
    expect(new Set(map.districts.map((d) => d.kind))).toEqual(new Set(['residential', 'business', 'industrial', 'park']));
  });

  it('gives places unique ids and names and attaches each to a road node', () => {
    const map = city(12, { homes: 200 });
    const nodeIds = new Set(map.graph.nodes.map((n) => n.id));
    expect(new Set(map.places.map((p) => p.id)).size).toBe(map.places.length);
    expect(new Set(map.places.map((p) => p.name)).size).toBe(map.places.length);
    for (const p of map.places) expect(nodeIds.has(p.nodeId)).toBe(true);
    expect(map.places.filter((p) => p.kind === 'home')).toHaveLength(200);
  });

  it('scales to 1,000 homes', () => {
    const map = city(1, { blocksX: 20, blocksY: 20, homes: 1000, workplaces: 100, chargers: 50 });
    expect(placesOfKind(map, 'home')).toHaveLength(1000);
    expect(isStronglyConnected(map.graph)).toBe(true);
  });

  it('rejects options that cannot make a city, saying which one', () => {
    expect(() => city(1, { blocksX: 0 })).toThrow(/blocksX must be a whole number ≥ 1/);
    expect(() => city(1, { blocksX: 2, blocksY: 2 })).toThrow(/single district/);
    expect(() => city(1, { homes: -1 })).toThrow(/homes/);
  });
});
