// Plane geometry shared by the world: local metres with x east and y north. Kept separate so the road
// graph, motion and geofences agree on one definition of heading, distance and "inside".

export interface Point {
  x: number;
  y: number;
}

export interface BoundingBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

/**
 * Compass heading of a displacement in degrees: 0 = north, 90 = east, clockwise, in [0, 360).
 * Compass rather than maths convention because that is what a vehicle's heading signal reports.
 */
export function headingDeg(dx: number, dy: number): number {
  if (dx === 0 && dy === 0) return 0;
  const deg = (Math.atan2(dx, dy) * 180) / Math.PI;
  return deg < 0 ? deg + 360 : deg;
}

/** Even-odd (ray casting) test; the polygon may be given open or closed (first point repeated). */
export function pointInPolygon(point: Point, polygon: readonly Point[]): boolean {
  let inside = false;
  const n = polygon.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const a = polygon[i]!;
    const b = polygon[j]!;
    if (a.y > point.y !== b.y > point.y) {
      const xAtY = a.x + ((point.y - a.y) * (b.x - a.x)) / (b.y - a.y);
      if (point.x < xAtY) inside = !inside;
    }
  }
  return inside;
}

export function boundsOf(points: readonly Point[]): BoundingBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    if (p.x < minX) minX = p.x;
    if (p.y < minY) minY = p.y;
    if (p.x > maxX) maxX = p.x;
    if (p.y > maxY) maxY = p.y;
  }
  return { minX, minY, maxX, maxY };
}

export function boxesOverlap(a: BoundingBox, b: BoundingBox): boolean {
  return a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;
}

/** Rounds to the centimetre: generated maps stay readable as JSON and identical across runs. */
export function roundCm(value: number): number {
  return Math.round(value * 100) / 100;
}
