// Equirectangular projection between WGS84 lon/lat and the world's local metres. Accurate to well
// under 1 % across a city (tens of km), which is all a car–home simulation needs, and trivially
// invertible so positions can go back to lon/lat for display, export and VSS CurrentLocation signals.

import type { Point } from './geometry';

/** Mean Earth radius (IUGG), metres. */
const EARTH_RADIUS_M = 6_371_008.8;
const DEG = Math.PI / 180;

export interface LonLat {
  lon: number;
  lat: number;
}

/** The projection of one map: local (0, 0) is `origin`. Plain data so it travels with the CityMap JSON. */
export interface Projection {
  kind: 'equirectangular';
  origin: LonLat;
}

export function createProjection(origin: LonLat): Projection {
  return { kind: 'equirectangular', origin: { lon: origin.lon, lat: origin.lat } };
}

export function fromLonLat(projection: Projection, position: LonLat): Point {
  const { origin } = projection;
  const cosLat = Math.cos(origin.lat * DEG);
  return {
    x: (position.lon - origin.lon) * DEG * EARTH_RADIUS_M * cosLat,
    y: (position.lat - origin.lat) * DEG * EARTH_RADIUS_M,
  };
}

export function toLonLat(projection: Projection, point: Point): LonLat {
  const { origin } = projection;
  const cosLat = Math.cos(origin.lat * DEG);
  return {
    lon: origin.lon + point.x / (EARTH_RADIUS_M * cosLat * DEG),
    lat: origin.lat + point.y / (EARTH_RADIUS_M * DEG),
  };
}
