// Roads as line segments: one geometry for arterials and highways, one for streets, built once per map.
import { useMemo } from 'react';
import { BufferGeometry, Float32BufferAttribute } from 'three';
import type { MapGeometry } from '../../protocol';

function segments(map: MapGeometry, major: boolean): BufferGeometry {
  const positions: number[] = [];
  for (let i = 0; i < map.roadClasses.length; i++) {
    const isMajor = map.roadClasses[i] !== 'street';
    if (isMajor !== major) continue;
    const [x0, y0, x1, y1] = map.roads.slice(i * 4, i * 4 + 4) as [number, number, number, number];
    positions.push(x0, 0.5, -y0, x1, 0.5, -y1);
  }
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new Float32BufferAttribute(positions, 3));
  return geometry;
}

export function Roads({ map }: { map: MapGeometry }) {
  const streets = useMemo(() => segments(map, false), [map]);
  const arterials = useMemo(() => segments(map, true), [map]);
  return (
    <group>
      <lineSegments geometry={streets}>
        <lineBasicMaterial color="#5b6776" />
      </lineSegments>
      <lineSegments geometry={arterials}>
        <lineBasicMaterial color="#a3b1c2" />
      </lineSegments>
    </group>
  );
}
