// Flooded roads: a rain cell (a disc on the map) closes every road segment that passes through it. Which segments
// that is follows from geometry alone — the distance from the cell's centre to each segment — so the same storm
// floods the same roads on every run, on a generated town or a loaded GeoJSON map alike.
import type { Point } from './geometry';
import type { Trip } from './motion';
import type { RoadGraph } from './road-graph';
import { indexRoadGraph } from './road-graph';

export interface FloodCell {
  center: Point;
  radiusM: number;
}

/** Distance from p to the segment a–b (to its nearest end when the foot of the perpendicular falls outside it). */
export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  const s = length2 === 0 ? 0 : Math.min(1, Math.max(0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2));
  return Math.hypot(p.x - (a.x + s * dx), p.y - (a.y + s * dy));
}

/** Ids of the edges (both directions of a road) that pass within the cell, in the graph's order. */
export function edgesInCell(graph: RoadGraph, cell: FloodCell): string[] {
  if (!(cell.radiusM > 0) || !Number.isFinite(cell.center.x) || !Number.isFinite(cell.center.y)) return [];
  const index = indexRoadGraph(graph);
  const flooded: string[] = [];
  graph.edges.forEach((edge, e) => {
    const a = graph.nodes[index.edgeFrom[e]!]!;
    const b = graph.nodes[index.edgeTo[e]!]!;
    if (distanceToSegment(cell.center, a, b) <= cell.radiusM) flooded.push(edge.id);
  });
  return flooded;
}

/** The point `distanceM` along a trip's path (clamped to its ends): where a storm ahead of a car is centred. */
export function pointAlongTrip(trip: Trip, distanceM: number): Point {
  const d = Math.min(trip.lengthM, Math.max(0, distanceM));
  for (const s of trip.segments) {
    if (d <= s.startOffsetM + s.lengthM) {
      const f = s.lengthM === 0 ? 0 : (d - s.startOffsetM) / s.lengthM;
      return { x: s.x0 + (s.x1 - s.x0) * f, y: s.y0 + (s.y1 - s.y0) * f };
    }
  }
  return { ...trip.end };
}

/** Segments of the trip still ahead at t (the one being driven excluded: the car is already on it) that are flooded. */
export function floodedSegmentsAhead(trip: Trip, t: number, flooded: ReadonlySet<string>): { edgeId: string; startTime: number }[] {
  return trip.segments.filter((s) => s.startTime > t && flooded.has(s.edgeId)).map((s) => ({ edgeId: s.edgeId, startTime: s.startTime }));
}
