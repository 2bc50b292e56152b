// Fastest route between two road nodes: A* on travel time at the speed limit, over the graph's cached
// adjacency arrays, with a straight-line heuristic at the network's top speed (admissible, so the result
// is the true fastest route). Fast enough for thousands of commutes at scenario start.

import type { Point } from './geometry';
import { BinaryHeap } from '../kernel/binary-heap';
import { indexRoadGraph, type RoadGraph } from './road-graph';

export interface RouteSegment {
  fromNode: string;
  toNode: string;
  edgeId: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  lengthM: number;
  /** Speed limit of the edge, m/s. A Trip decides how fast traffic actually allows. */
  speedMps: number;
  /** Distance from the route's start to this segment's start. */
  startOffsetM: number;
  /** Seconds from departure to this segment's start, driving at the limit. */
  startTimeS: number;
}

export interface Route {
  readonly nodeIds: readonly string[];
  /** Where the route starts and ends (also for an empty route from a node to itself). */
  start: Point;
  end: Point;
  readonly segments: readonly RouteSegment[];
  lengthM: number;
  /** Travel time at the speed limits (free flow). */
  durationS: number;
}

export class RouteError extends Error {
  override readonly name = 'RouteError';
}

interface SearchScratch {
  cost: Float64Array;
  viaEdge: Int32Array;
  stamp: Uint32Array;
  closed: Uint32Array;
  generation: number;
  heap: BinaryHeap<Candidate>;
}

/** A node reached at an estimated total cost; equal estimates pop the smaller node first, so routes reproduce. */
interface Candidate {
  estimate: number;
  node: number;
}

// Comparisons rather than a difference: an unreachable edge's estimate is Infinity, and Infinity - Infinity is NaN.
const byEstimate = (a: Candidate, b: Candidate): number => a.estimate < b.estimate ? -1 : a.estimate > b.estimate ? 1 : a.node - b.node;

// Per-graph buffers reused across searches; a generation stamp replaces clearing them every time.
const scratchCache = new WeakMap<RoadGraph, SearchScratch>();

function scratchFor(graph: RoadGraph): SearchScratch {
  let s = scratchCache.get(graph);
  if (s === undefined) {
    const n = graph.nodes.length;
    s = { cost: new Float64Array(n), viaEdge: new Int32Array(n), stamp: new Uint32Array(n), closed: new Uint32Array(n), generation: 0, heap: new BinaryHeap(byEstimate) };
    scratchCache.set(graph, s);
  }
  s.generation++;
  s.heap.clear();
  return s;
}

// Routes already found, per graph (a graph is not changed once indexed, see indexRoadGraph): places attach to
// the nearest road node, so the homes of a block share one, and a neighbourhood's commutes are a few thousand
// distinct searches, not one per car — each search explores a share of the whole town, so repeating them made
// the morning and evening rush grow with the square of the town. Bounded: a run driving between arbitrary
// places starts the cache afresh rather than keeping every route it ever drove.
const routeCache = new WeakMap<RoadGraph, Map<string, Route>>();
const ROUTE_CACHE_LIMIT = 20_000;

/** The fastest route between two road nodes; the same (frozen) object for the same nodes of the same graph. */
export function findRoute(graph: RoadGraph, fromNodeId: string, toNodeId: string): Route {
  let routes = routeCache.get(graph);
  if (routes === undefined) routeCache.set(graph, (routes = new Map()));
  const key = `${fromNodeId}\u0000${toNodeId}`;
  let route = routes.get(key);
  if (route === undefined) {
    route = freezeRoute(searchRoute(graph, fromNodeId, toNodeId));
    if (routes.size >= ROUTE_CACHE_LIMIT) routes.clear();
    routes.set(key, route);
  }
  return route;
}

/**
 * The fastest route that drives on none of the `avoid` edges (flooded or closed roads). Not cached: closures come
 * and go with the weather. When the fastest route uses none of them it is that same cached route. Throws a
 * RouteError when the closures cut the destination off.
 */
export function findRouteAvoiding(graph: RoadGraph, fromNodeId: string, toNodeId: string, avoid: ReadonlySet<string>): Route {
  const fastest = findRoute(graph, fromNodeId, toNodeId);
  if (avoid.size === 0 || !fastest.segments.some((s) => avoid.has(s.edgeId))) return fastest;
  return freezeRoute(searchRoute(graph, fromNodeId, toNodeId, avoid));
}

/** A cached route is shared by every car that drives it: frozen, so a caller that changed one would fail loudly. */
function freezeRoute(route: Route): Route {
  for (const segment of route.segments) Object.freeze(segment);
  Object.freeze(route.segments);
  Object.freeze(route.nodeIds);
  Object.freeze(route.start);
  Object.freeze(route.end);
  return Object.freeze(route);
}

function searchRoute(graph: RoadGraph, fromNodeId: string, toNodeId: string, avoid?: ReadonlySet<string>): Route {
  const index = indexRoadGraph(graph);
  const source = index.nodeIndexById.get(fromNodeId);
  const target = index.nodeIndexById.get(toNodeId);
  if (source === undefined) throw new RouteError(`cannot route from ${fromNodeId}: no such road node`);
  if (target === undefined) throw new RouteError(`cannot route to ${toNodeId}: no such road node`);

  const nodes = graph.nodes;
  const goal = nodes[target]!;
  const heuristicScale = index.minDetourRatio / Math.max(index.maxSpeedMps, 1e-9);
  const estimate = (i: number): number => {
    const node = nodes[i]!;
    return Math.hypot(goal.x - node.x, goal.y - node.y) * heuristicScale;
  };
  const s = scratchFor(graph);
  const { cost, viaEdge, stamp, closed, heap, generation } = s;
  cost[source] = 0;
  viaEdge[source] = -1;
  stamp[source] = generation;
  heap.push({ estimate: estimate(source), node: source });
  let reached = false;
  while (heap.size > 0) {
    const { node } = heap.pop()!;
    if (closed[node] === generation) continue;
    closed[node] = generation;
    if (node === target) {
      reached = true;
      break;
    }
    const base = cost[node]!;
    for (let k = index.outStart[node]!; k < index.outStart[node + 1]!; k++) {
      const e = index.outEdge[k]!;
      const next = index.edgeTo[e]!;
      if (closed[next] === generation) continue;
      const edge = graph.edges[e]!;
      if (avoid?.has(edge.id)) continue;
      const candidate = base + edge.lengthM / (edge.speedLimitKph / 3.6);
      if (stamp[next] !== generation || candidate < cost[next]!) {
        stamp[next] = generation;
        cost[next] = candidate;
        viaEdge[next] = e;
        heap.push({ estimate: candidate + estimate(next), node: next });
      }
    }
  }
  if (!reached) {
    const why = avoid?.size ? `${avoid.size} closed road segment(s), one-way roads or a disconnected part of the map` : 'one-way roads or a disconnected part of the map';
    throw new RouteError(`no route from ${fromNodeId} to ${toNodeId}: the destination cannot be reached (${why})`);
  }

  const edgeChain: number[] = [];
  for (let at = target; at !== source; ) {
    const e = viaEdge[at]!;
    edgeChain.push(e);
    at = index.edgeFrom[e]!;
  }
  edgeChain.reverse();
  return buildRoute(graph, fromNodeId, edgeChain);
}

function buildRoute(graph: RoadGraph, fromNodeId: string, edgeChain: number[]): Route {
  const index = indexRoadGraph(graph);
  const segments: RouteSegment[] = [];
  const nodeIds = [fromNodeId];
  let offset = 0;
  let time = 0;
  for (const e of edgeChain) {
    const edge = graph.edges[e]!;
    const a = graph.nodes[index.edgeFrom[e]!]!;
    const b = graph.nodes[index.edgeTo[e]!]!;
    const speedMps = edge.speedLimitKph / 3.6;
    segments.push({ fromNode: a.id, toNode: b.id, edgeId: edge.id, x0: a.x, y0: a.y, x1: b.x, y1: b.y, lengthM: edge.lengthM, speedMps, startOffsetM: offset, startTimeS: time });
    nodeIds.push(b.id);
    offset += edge.lengthM;
    time += edge.lengthM / speedMps;
  }
  const first = graph.nodes[index.nodeIndexById.get(fromNodeId)!]!;
  const last = segments[segments.length - 1];
  const start = { x: first.x, y: first.y };
  const end = last === undefined ? { ...start } : { x: last.x1, y: last.y1 };
  return { nodeIds, start, end, segments, lengthM: offset, durationS: time };
}
