// The simulation's map is in local metres, x east and y north; three.js is y-up. Ground point (x, y) is drawn
// at (x, 0, -y), so north is "into the screen" from the default camera, and a compass heading h (clockwise from
// north) is a rotation of -h about the vertical axis.
export const toScene = (x: number, y: number, height = 0): [number, number, number] => [x, height, -y];

export const headingToRotationY = (headingDeg: number): number => (-headingDeg * Math.PI) / 180;

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

const extentOf = (bounds: Bounds): number => Math.max(bounds.maxX - bounds.minX, bounds.maxY - bounds.minY, 200);

/** Centre of the map on the ground and a camera distance that shows all of it. */
export function framing(bounds: Bounds): { center: [number, number, number]; distance: number } {
  const cx = (bounds.minX + bounds.maxX) / 2;
  const cy = (bounds.minY + bounds.maxY) / 2;
  return { center: toScene(cx, cy), distance: extentOf(bounds) * 1.1 };
}

/**
 * Size of the map's symbols in metres. True to scale a car would be a few pixels on a city-wide view, so homes
 * and cars are drawn in a unit that grows with the map (a 2.4 km city: 20 m).
 */
export const symbolUnit = (bounds: Bounds): number => extentOf(bounds) / 120;
