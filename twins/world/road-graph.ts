// The road network as a directed graph in local metres. Plain data (JSON-serialisable, deterministic ids
// `n-<k>` / `e-<k>` in insertion order) so a map can be saved, diffed and hashed; the adjacency arrays that
// routing and look-ups need are derived once per graph and cached beside it.

import type { Point } from './geometry';

export type RoadClass = 'arterial' | 'street' | 'highway';

export interface RoadNode {
  id: string;
  x: number;
  y: number;
}

/** One direction of travel; a two-way road is two edges. */
export interface RoadEdge {
  id: string;
  from: string;
  to: string;
  lengthM: number;
  speedLimitKph: number;
  roadClass: RoadClass;
  name?: string;
}

/** Treat as immutable once built: derived indexes are cached against the object. */
export interface RoadGraph {
  readonly nodes: readonly RoadNode[];
  readonly edges: readonly RoadEdge[];
}

export interface RoadAttributes {
  roadClass: RoadClass;
  speedLimitKph: number;
  name?: string;
  /** Only from → to may be driven. */
  oneway?: boolean;
  /** Defaults to the straight-line distance between the nodes. */
  lengthM?: number;
}

export class RoadGraphBuilder {
  private readonly nodes: RoadNode[] = [];
  private readonly edges: RoadEdge[] = [];
  private readonly byId = new Map<string, RoadNode>();

  addNode(x: number, y: number): string {
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new Error(`road node at (${x}, ${y}) is not a finite point`);
    const node: RoadNode = { id: `n-${this.nodes.length}`, x, y };
    this.nodes.push(node);
    this.byId.set(node.id, node);
    return node.id;
  }

  node(id: string): RoadNode {
    const node = this.byId.get(id);
    if (node === undefined) throw new Error(`unknown road node ${id}`);
    return node;
  }

  get nodeCount(): number {
    return this.nodes.length;
  }

  /** Adds one edge (oneway) or a pair of opposite edges with the same attributes. */
  addRoad(from: string, to: string, road: RoadAttributes): void {
    const a = this.node(from);
    const b = this.node(to);
    if (from === to) throw new Error(`road from ${from} to itself`);
    const lengthM = road.lengthM ?? Math.hypot(b.x - a.x, b.y - a.y);
    if (!(lengthM > 0)) throw new Error(`road ${from} → ${to} has no length`);
    if (!(road.speedLimitKph > 0)) throw new Error(`road ${from} → ${to} has speed limit ${road.speedLimitKph} km/h`);
    this.pushEdge(from, to, lengthM, road);
    if (road.oneway !== true) this.pushEdge(to, from, lengthM, road);
  }

  build(): RoadGraph {
    return { nodes: this.nodes.slice(), edges: this.edges.slice() };
  }

  private pushEdge(from: string, to: string, lengthM: number, road: RoadAttributes): void {
    const edge: RoadEdge = { id: `e-${this.edges.length}`, from, to, lengthM, speedLimitKph: road.speedLimitKph, roadClass: road.roadClass };
    if (road.name !== undefined && road.name !== '') edge.name = road.name;
    this.edges.push(edge);
  }
}

/**
 * Compressed adjacency (CSR) of a graph: the out-edges of node i are `outEdge[outStart[i] .. outStart[i+1])`,
 * in edge order, so every traversal visits neighbours in the same order on every run.
 */
export interface RoadGraphIndex {
  readonly nodeIndexById: ReadonlyMap<string, number>;
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  readonly outStart: Int32Array;
  readonly outEdge: Int32Array;
  readonly inStart: Int32Array;
  readonly inEdge: Int32Array;
  /** Fastest speed limit anywhere, m/s (for an admissible A* heuristic). */
  readonly maxSpeedMps: number;
  /** Smallest lengthM / straight-line ratio (≤ 1), so the heuristic stays admissible for custom lengths. */
  readonly minDetourRatio: number;
}

const indexCache = new WeakMap<RoadGraph, RoadGraphIndex>();

export function indexRoadGraph(graph: RoadGraph): RoadGraphIndex {
  const cached = indexCache.get(graph);
  if (cached !== undefined) return cached;
  const n = graph.nodes.length;
  const m = graph.edges.length;
  const nodeIndexById = new Map<string, number>();
  graph.nodes.forEach((node, i) => nodeIndexById.set(node.id, i));
  const edgeFrom = new Int32Array(m);
  const edgeTo = new Int32Array(m);
  let maxSpeedMps = 0;
  let minDetourRatio = 1;
  graph.edges.forEach((edge, e) => {
    const from = nodeIndexById.get(edge.from);
    const to = nodeIndexById.get(edge.to);
    if (from === undefined || to === undefined) throw new Error(`edge ${edge.id} joins unknown node ${from === undefined ? edge.from : edge.to}`);
    edgeFrom[e] = from;
    edgeTo[e] = to;
    maxSpeedMps = Math.max(maxSpeedMps, edge.speedLimitKph / 3.6);
    const a = graph.nodes[from]!;
    const b = graph.nodes[to]!;
    const straight = Math.hypot(b.x - a.x, b.y - a.y);
    if (straight > 0) minDetourRatio = Math.min(minDetourRatio, edge.lengthM / straight);
  });
  const [outStart, outEdge] = compress(n, edgeFrom);
  const [inStart, inEdge] = compress(n, edgeTo);
  const index: RoadGraphIndex = { nodeIndexById, edgeFrom, edgeTo, outStart, outEdge, inStart, inEdge, maxSpeedMps, minDetourRatio };
  indexCache.set(graph, index);
  return index;
}

/** Counting sort of edge indices by their key node; stable, so edge order is kept within a node. */
function compress(nodeCount: number, keyOfEdge: Int32Array): [Int32Array, Int32Array] {
  const start = new Int32Array(nodeCount + 1);
  for (const k of keyOfEdge) start[k + 1]! += 1;
  for (let i = 0; i < nodeCount; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, nodeCount);
  const sorted = new Int32Array(keyOfEdge.length);
  keyOfEdge.forEach((k, e) => {
    sorted[fill[k]!] = e;
    fill[k]! += 1;
  });
  return [start, sorted];
}

export function getNode(graph: RoadGraph, id: string): RoadNode {
  const i = indexRoadGraph(graph).nodeIndexById.get(id);
  if (i === undefined) throw new Error(`unknown road node ${id}`);
  return graph.nodes[i]!;
}

export function hasNode(graph: RoadGraph, id: string): boolean {
  return indexRoadGraph(graph).nodeIndexById.has(id);
}

/** Edges leaving a node, in edge order. */
export function outgoingEdges(graph: RoadGraph, id: string): RoadEdge[] {
  const index = indexRoadGraph(graph);
  const i = index.nodeIndexById.get(id);
  if (i === undefined) throw new Error(`unknown road node ${id}`);
  const result: RoadEdge[] = [];
  for (let k = index.outStart[i]!; k < index.outStart[i + 1]!; k++) result.push(graph.edges[index.outEdge[k]!]!);
  return result;
}

export function nodePoint(node: RoadNode): Point {
  return { x: node.x, y: node.y };
}
