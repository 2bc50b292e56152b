// Geofences (circles and polygons) and the exact moments a trip crosses them. Nothing polls: because a
// trip is straight segments at constant speed, crossings are solved analytically once per trip and the
// simulation schedules them on the virtual clock ("enter community geofence ⇒ arrive-home scene").

import type { SimTime } from '../kernel/types';
import { boundsOf, boxesOverlap, pointInPolygon, type BoundingBox, type Point } from './geometry';
import type { Trip, TripSegment } from './motion';

export interface CircleGeofence {
  id: string;
  center: Point;
  radiusM: number;
}

export interface PolygonGeofence {
  id: string;
  /** Outline, open or closed; either orientation. */
  points: Point[];
}

export type Geofence = CircleGeofence | PolygonGeofence;

export interface GeofenceCrossing {
  fenceId: string;
  kind: 'enter' | 'exit';
  atTime: SimTime;
  x: number;
  y: number;
}

export function isCircleGeofence(fence: Geofence): fence is CircleGeofence {
  return 'radiusM' in fence;
}

/** Circles include their boundary; polygons follow the even-odd rule. */
export function contains(fence: Geofence, point: Point): boolean {
  if (isCircleGeofence(fence)) return (point.x - fence.center.x) ** 2 + (point.y - fence.center.y) ** 2 <= fence.radiusM ** 2;
  return pointInPolygon(point, fence.points);
}

function boxOf(fence: Geofence): BoundingBox {
  if (!isCircleGeofence(fence)) return boundsOf(fence.points);
  const { center, radiusM } = fence;
  return { minX: center.x - radiusM, minY: center.y - radiusM, maxX: center.x + radiusM, maxY: center.y + radiusM };
}

/**
 * Every enter/exit of every fence along the trip, sorted by time (ties keep the fences' order). The state
 * at departure is `contains(fence, trip.start)`, so a trip starting inside yields an exit but no enter.
 * A trip that only touches a boundary (tangent to a circle, through a polygon's corner) crosses nothing.
 */
export function crossingsAlongTrip(trip: Trip, fences: readonly Geofence[]): GeofenceCrossing[] {
  const crossings: GeofenceCrossing[] = [];
  for (const fence of fences) {
    const box = boxOf(fence);
    let inside = contains(fence, trip.start);
    for (const segment of trip.segments) {
      const segmentBox = { minX: Math.min(segment.x0, segment.x1), minY: Math.min(segment.y0, segment.y1), maxX: Math.max(segment.x0, segment.x1), maxY: Math.max(segment.y0, segment.y1) };
      if (!boxesOverlap(box, segmentBox)) continue;
      // Between two consecutive boundary hits the state is constant: sample it in the middle, which makes
      // tangents and touched vertices (a hit with the same state on both sides) no crossing at all.
      const hits = [0, 1, ...boundaryHits(fence, segment)].filter((s) => s >= 0 && s <= 1).sort((a, b) => a - b);
      for (let k = 0; k + 1 < hits.length; k++) {
        const a = hits[k]!;
        const b = hits[k + 1]!;
        if (b - a < 1e-12) continue;
        const nowInside = contains(fence, pointOn(segment, (a + b) / 2));
        if (nowInside === inside) continue;
        inside = nowInside;
        const at = pointOn(segment, a);
        crossings.push({ fenceId: fence.id, kind: nowInside ? 'enter' : 'exit', atTime: segment.startTime + a * (segment.endTime - segment.startTime), x: at.x, y: at.y });
      }
    }
  }
  return crossings.sort((p, q) => p.atTime - q.atTime);
}

function pointOn(segment: TripSegment, s: number): Point {
  return { x: segment.x0 + (segment.x1 - segment.x0) * s, y: segment.y0 + (segment.y1 - segment.y0) * s };
}

/** Parameters s (0 at the segment start, 1 at its end) where the segment's line meets the boundary. */
function boundaryHits(fence: Geofence, segment: TripSegment): number[] {
  const dx = segment.x1 - segment.x0;
  const dy = segment.y1 - segment.y0;
  if (isCircleGeofence(fence)) {
    // |p0 + s·d − c|² = r²  ⇒  A s² + B s + C = 0
    const fx = segment.x0 - fence.center.x;
    const fy = segment.y0 - fence.center.y;
    const A = dx * dx + dy * dy;
    const B = 2 * (fx * dx + fy * dy);
    const C = fx * fx + fy * fy - fence.radiusM ** 2;
    const disc = B * B - 4 * A * C;
    if (A === 0 || disc < 0) return [];
    const root = Math.sqrt(disc);
    return [(-B - root) / (2 * A), (-B + root) / (2 * A)];
  }
  const hits: number[] = [];
  const pts = fence.points;
  const lengthSq = dx * dx + dy * dy;
  for (let i = 0; i < pts.length; i++) {
    const q0 = pts[i]!;
    const q1 = pts[(i + 1) % pts.length]!;
    const ex = q1.x - q0.x;
    const ey = q1.y - q0.y;
    const wx = q0.x - segment.x0;
    const wy = q0.y - segment.y0;
    const denom = dx * ey - dy * ex;
    if (Math.abs(denom) <= 1e-12 * Math.max(lengthSq, 1)) {
      // Parallel: only a collinear overlap matters, and only its ends can change the state.
      if (Math.abs(wx * dy - wy * dx) <= 1e-9 * Math.max(lengthSq, 1) && lengthSq > 0) {
        hits.push((wx * dx + wy * dy) / lengthSq, ((q1.x - segment.x0) * dx + (q1.y - segment.y0) * dy) / lengthSq);
      }
      continue;
    }
    const s = (wx * ey - wy * ex) / denom;
    const u = (wx * dy - wy * dx) / denom;
    if (u >= -1e-9 && u <= 1 + 1e-9) hits.push(s);
  }
  return hits;
}
