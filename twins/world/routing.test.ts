// Routing: fastest (not shortest) path, one-way handling, clear errors, and optimality against plain Dijkstra.
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../kernel';
import { generateCity } from './city-generator';
import { RoadGraphBuilder, type RoadGraph } from './road-graph';
import { findRoute, RouteError } from './routing';

/**
 * A ─── 1 km street at 30 km/h ─── B       (120 s)
 *  \                              /
 *   C ── 1.6 km motorway 100 ── D          (A→C→D→B: 2 km in total, ≈ 72 s)
 */
function twoRoads(): { graph: RoadGraph; a: string; b: string } {
  const g = new RoadGraphBuilder();
  const a = g.addNode(0, 0);
  const b = g.addNode(1000, 0);
  const c = g.addNode(200, -150);
  const d = g.addNode(800, -150);
  g.addRoad(a, b, { roadClass: 'street', speedLimitKph: 30, name: 'Short Street' });
  g.addRoad(a, c, { roadClass: 'highway', speedLimitKph: 100, lengthM: 200 });
  g.addRoad(c, d, { roadClass: 'highway', speedLimitKph: 100, lengthM: 1600 });
  g.addRoad(d, b, { roadClass: 'highway', speedLimitKph: 100, lengthM: 200 });
  return { graph: g.build(), a, b };
}

describe('findRoute', () => {
  it('takes the faster road, not the shorter one', () => {
    const { graph, a, b } = twoRoads();
    const route = findRoute(graph, a, b);
    expect(route.nodeIds).toEqual(['n-0', 'n-2', 'n-3', 'n-1']);
    expect(route.lengthM).toBe(2000);
    expect(route.durationS).toBeCloseTo(2000 / (100 / 3.6), 9);
    expect(route.segments.map((s) => s.startOffsetM)).toEqual([0, 200, 1800]);
    expect(route.segments[1]!.startTimeS).toBeCloseTo(200 / (100 / 3.6), 9);
    expect(route.segments[0]).toMatchObject({ fromNode: a, toNode: 'n-2', x0: 0, y0: 0, x1: 200, y1: -150, lengthM: 200 });
  });

  it('returns an empty route from a node to itself', () => {
    const { graph, a } = twoRoads();
    const route = findRoute(graph, a, a);
    expect(route).toMatchObject({ nodeIds: [a], segments: [], lengthM: 0, durationS: 0, start: { x: 0, y: 0 }, end: { x: 0, y: 0 } });
  });

  it('respects one-way roads and explains an unreachable destination', () => {
    const g = new RoadGraphBuilder();
    const a = g.addNode(0, 0);
    const b = g.addNode(100, 0);
    g.addRoad(a, b, { roadClass: 'street', speedLimitKph: 40, oneway: true });
    const graph = g.build();
    expect(findRoute(graph, a, b).nodeIds).toEqual([a, b]);
    expect(() => findRoute(graph, b, a)).toThrow(RouteError);
    expect(() => findRoute(graph, b, a)).toThrow(/no route from n-1 to n-0: the destination cannot be reached/);
    expect(() => findRoute(graph, a, 'n-9')).toThrow(/no such road node/);
  });

  it('finds optimal routes on a generated city (checked against plain Dijkstra)', () => {
    const city = generateCity(new SeededRandom(3).stream('city'), { blocksX: 12, blocksY: 9, homes: 0, workplaces: 0, chargers: 0, pois: 0 });
    const pick = new SeededRandom(3).stream('pairs');
    for (let k = 0; k < 40; k++) {
      const from = pick.pick(city.graph.nodes).id;
      const to = pick.pick(city.graph.nodes).id;
      const route = findRoute(city.graph, from, to);
      expect(route.durationS).toBeCloseTo(dijkstraSeconds(city.graph, from, to), 6);
      // The route is a connected chain of edges from `from` to `to`.
      expect(route.nodeIds[0]).toBe(from);
      expect(route.nodeIds[route.nodeIds.length - 1]).toBe(to);
      route.segments.forEach((s, i) => expect([s.fromNode, s.toNode]).toEqual([route.nodeIds[i], route.nodeIds[i + 1]]));
    }
  });

  it('searches a pair of nodes once: the homes of a block share their route, frozen so no car can change it', () => {
    const city = generateCity(new SeededRandom(3).stream('city'), { blocksX: 12, blocksY: 9, homes: 0, workplaces: 0, chargers: 0, pois: 0 });
    const [from, to] = [city.graph.nodes[0]!.id, city.graph.nodes[city.graph.nodes.length - 1]!.id];
    const route = findRoute(city.graph, from, to);
    expect(findRoute(city.graph, from, to)).toBe(route);
    expect(findRoute(city.graph, to, from)).not.toBe(route);
    expect(Object.isFrozen(route) && Object.isFrozen(route.segments) && Object.isFrozen(route.segments[0])).toBe(true);
    expect(() => (route.segments[0] as { lengthM: number }).lengthM = 0).toThrow(TypeError);
    // Another graph with the same node ids is another town: its own search.
    const other = generateCity(new SeededRandom(4).stream('city'), { blocksX: 12, blocksY: 9, homes: 0, workplaces: 0, chargers: 0, pois: 0 });
    expect(findRoute(other.graph, from, to)).not.toBe(route);
  });
});

function dijkstraSeconds(graph: RoadGraph, from: string, to: string): number {
  const best = new Map<string, number>([[from, 0]]);
  const done = new Set<string>();
  for (;;) {
    let node: string | undefined;
    for (const [id, t] of best) if (!done.has(id) && (node === undefined || t < best.get(node)!)) node = id;
    if (node === undefined) return Infinity;
    if (node === to) return best.get(node)!;
    done.add(node);
    for (const e of graph.edges) {
      if (e.from !== node) continue;
      const t = best.get(node)! + e.lengthM / (e.speedLimitKph / 3.6);
      if (t < (best.get(e.to) ?? Infinity)) best.set(e.to, t);
    }
  }
}
