// Geofence rings: every fence the scene's cars watch, as one set of line segments (each outline closed), drawn a
// little above the roads so the ring reads over them. Built once per session; the city's layer draws it.
import { useLayoutEffect, useMemo } from 'react';
import { BufferGeometry, Float32BufferAttribute } from 'three';
import type { MapGeofence } from '../../protocol';

export const GEOFENCE_COLOUR = '#3fb950';

/** Segments closing each outline: [x0, y0, x1, y1, …] → (p0 p1)(p1 p2)…(pn p0), in scene space (y up, z = −y). */
export function ringSegments(fences: readonly MapGeofence[], height: number): number[] {
  const out: number[] = [];
  for (const { outline } of fences) {
    const n = Math.floor(outline.length / 2);
    if (n < 2) continue;
    for (let i = 0; i < n; i++) {
      const j = (i + 1) % n;
      out.push(outline[2 * i]!, height, -outline[2 * i + 1]!, outline[2 * j]!, height, -outline[2 * j + 1]!);
    }
  }
  return out;
}

export function Geofences({ fences }: { fences: readonly MapGeofence[] }) {
  const geometry = useMemo(() => {
    const g = new BufferGeometry();
    g.setAttribute('position', new Float32BufferAttribute(ringSegments(fences, 1.5), 3));
    return g;
  }, [fences]);
  useLayoutEffect(() => () => geometry.dispose(), [geometry]);
  if (fences.length === 0) return null;
  return (
    <lineSegments geometry={geometry}>
      <lineBasicMaterial color={GEOFENCE_COLOUR} transparent opacity={0.85} />
    </lineSegments>
  );
}
