// The geofences the map draws (issue 18: geofence rings): those the scene's own cars are checked against — their
// homes' and the scenario's — each as a closed outline in local metres. A circle is sent as a polygon of
// CIRCLE_POINTS so the renderer draws every fence one way. In a city of 1,000 cars only the watched car's fences are
// sent: a ring round every home would hide the map.
import type { MapGeofence } from '../../protocol';
import type { Simulation } from '../../twins/sim';
import { isCircleGeofence, type Geofence } from '../../twins/world/geofence';

export const CIRCLE_POINTS = 48;
/** Up to this many cars, every car's fences are drawn. */
const ALL_CARS_UP_TO = 24;

export function outlineOf(fence: Geofence): number[] {
  if (!isCircleGeofence(fence)) return fence.points.flatMap((p) => [p.x, p.y]);
  const out: number[] = [];
  for (let i = 0; i < CIRCLE_POINTS; i++) {
    const a = (2 * Math.PI * i) / CIRCLE_POINTS;
    out.push(fence.center.x + fence.radiusM * Math.cos(a), fence.center.y + fence.radiusM * Math.sin(a));
  }
  return out;
}

/** The fences of `watchedVehicle` (or of every car in a small scene), each once. */
export function geofencesOf(sim: Simulation, watchedVehicle: string | undefined): MapGeofence[] {
  const cars = sim.vehicles.size <= ALL_CARS_UP_TO ? [...sim.vehicles.keys()] : watchedVehicle === undefined ? [] : [watchedVehicle];
  const byId = new Map<string, MapGeofence>();
  for (const car of cars) {
    for (const fence of sim.fencesFor(car)) if (!byId.has(fence.id)) byId.set(fence.id, { id: fence.id, outline: outlineOf(fence) });
  }
  return [...byId.values()];
}
