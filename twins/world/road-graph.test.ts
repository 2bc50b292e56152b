// Road graph basics: deterministic ids, one-way edges, strong connectivity and nearest-node look-up.
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../kernel';
import { isStronglyConnected, largestStronglyConnectedNodeIds, stronglyConnectedComponents } from './connectivity';
import { createProjection, fromLonLat, toLonLat } from './projection';
import { headingDeg, pointInPolygon } from './geometry';
import { outgoingEdges, RoadGraphBuilder } from './road-graph';
import { nearestNode } from './spatial-index';

describe('RoadGraphBuilder', () => {
  it('numbers nodes and edges in insertion order and makes two-way roads two edges', () => {
    const b = new RoadGraphBuilder();
    const a = b.addNode(0, 0);
    const c = b.addNode(300, 400);
    b.addRoad(a, c, { roadClass: 'street', speedLimitKph: 40, name: 'Elm Street' });
    const g = b.build();
    expect(g.nodes.map((n) => n.id)).toEqual(['n-0', 'n-1']);
    expect(g.edges).toEqual([
      { id: 'e-0', from: 'n-0', to: 'n-1', lengthM: 500, speedLimitKph: 40, roadClass: 'street', name: 'Elm Street' },
      { id: 'e-1', from: 'n-1', to: 'n-0', lengthM: 500, speedLimitKph: 40, roadClass: 'street', name: 'Elm Street' },
    ]);
  });

  it('keeps one-way roads one-way', () => {
    const b = new RoadGraphBuilder();
    const a = b.addNode(0, 0);
    const c = b.addNode(100, 0);
    b.addRoad(a, c, { roadClass: 'street', speedLimitKph: 40, oneway: true });
    const g = b.build();
    expect(outgoingEdges(g, a).map((e) => e.to)).toEqual([c]);
    expect(outgoingEdges(g, c)).toEqual([]);
    expect(isStronglyConnected(g)).toBe(false);
  });

  it('refuses roads without length or speed', () => {
    const b = new RoadGraphBuilder();
    const a = b.addNode(0, 0);
    const c = b.addNode(0, 0);
    expect(() => b.addRoad(a, c, { roadClass: 'street', speedLimitKph: 40 })).toThrow(/no length/);
    const d = b.addNode(10, 0);
    expect(() => b.addRoad(a, d, { roadClass: 'street', speedLimitKph: 0 })).toThrow(/speed limit 0/);
    expect(() => b.addRoad(a, 'n-99', { roadClass: 'street', speedLimitKph: 40 })).toThrow(/unknown road node n-99/);
  });
});

describe('connectivity', () => {
  it('finds the largest strongly connected part when a one-way spur leads out', () => {
    const b = new RoadGraphBuilder();
    const [p, q, r, spur] = [b.addNode(0, 0), b.addNode(100, 0), b.addNode(100, 100), b.addNode(200, 200)];
    b.addRoad(p, q, { roadClass: 'street', speedLimitKph: 40 });
    b.addRoad(q, r, { roadClass: 'street', speedLimitKph: 40 });
    b.addRoad(r, spur, { roadClass: 'street', speedLimitKph: 40, oneway: true });
    const g = b.build();
    const comp = stronglyConnectedComponents(g);
    expect(comp[0]).toBe(comp[1]);
    expect(comp[1]).toBe(comp[2]);
    expect(comp[3]).not.toBe(comp[0]);
    expect([...largestStronglyConnectedNodeIds(g)]).toEqual([p, q, r]);
  });
});

describe('nearestNode', () => {
  it('agrees with a brute-force scan, also for points outside the map and with a filter', () => {
    const random = new SeededRandom(7).stream('test');
    const b = new RoadGraphBuilder();
    for (let k = 0; k < 500; k++) b.addNode(random.next() * 3000 - 1500, random.next() * 2000);
    const g = b.build();
    const even = (id: string): boolean => Number(id.slice(2)) % 2 === 0;
    for (let k = 0; k < 300; k++) {
      const p = { x: random.next() * 6000 - 3000, y: random.next() * 4000 - 1000 };
      const brute = (accept: (id: string) => boolean) =>
        g.nodes.filter((n) => accept(n.id)).reduce((best, n) => (Math.hypot(n.x - p.x, n.y - p.y) < Math.hypot(best.x - p.x, best.y - p.y) ? n : best));
      expect(nearestNode(g, p).id).toBe(brute(() => true).id);
      expect(nearestNode(g, p, (n) => even(n.id)).id).toBe(brute(even).id);
    }
  });

  it('says so when the graph is empty', () => {
    expect(() => nearestNode(new RoadGraphBuilder().build(), { x: 0, y: 0 })).toThrow(/no nodes/);
  });
});

describe('geometry and projection', () => {
  it('reports compass headings (0 = north, 90 = east)', () => {
    expect(headingDeg(0, 1)).toBe(0);
    expect(headingDeg(1, 0)).toBe(90);
    expect(headingDeg(0, -1)).toBe(180);
    expect(headingDeg(-1, 0)).toBe(270);
  });

  it('tests points against a concave polygon', () => {
    const l = [{ x: 0, y: 0 }, { x: 20, y: 0 }, { x: 20, y: 10 }, { x: 10, y: 10 }, { x: 10, y: 20 }, { x: 0, y: 20 }];
    expect(pointInPolygon({ x: 5, y: 15 }, l)).toBe(true);
    expect(pointInPolygon({ x: 15, y: 15 }, l)).toBe(false);
  });

  it('round-trips lon/lat and measures about 111 km per degree of latitude', () => {
    const proj = createProjection({ lon: 121.4737, lat: 31.2304 });
    const p = fromLonLat(proj, { lon: 121.5, lat: 31.25 });
    const back = toLonLat(proj, p);
    expect(back.lon).toBeCloseTo(121.5, 10);
    expect(back.lat).toBeCloseTo(31.25, 10);
    expect(fromLonLat(proj, { lon: 121.4737, lat: 32.2304 }).y).toBeCloseTo(111_195, -1);
    // East–west metres shrink with cos(latitude).
    expect(fromLonLat(proj, { lon: 122.4737, lat: 31.2304 }).x).toBeCloseTo(111_195 * Math.cos((31.2304 * Math.PI) / 180), -1);
  });
});
