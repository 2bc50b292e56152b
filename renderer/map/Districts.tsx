// District outlines as flat tinted areas under the roads, so the residential, business, industrial and park
// parts of the city read at a glance.
import { useMemo } from 'react';
import { Shape, ShapeGeometry } from 'three';
import type { MapDistrict } from '../../protocol';

export const DISTRICT_COLOURS: Record<MapDistrict['kind'], string> = {
  residential: '#1f2e27', business: '#222a3d', industrial: '#30291f', park: '#1c3a22',
};

export function Districts({ districts }: { districts: MapDistrict[] }) {
  const shapes = useMemo(() => districts.map((d) => {
    const shape = new Shape();
    for (let i = 0; i < d.outline.length; i += 2) {
      const x = d.outline[i]!;
      const y = d.outline[i + 1]!;
      if (i === 0) shape.moveTo(x, y);
      else shape.lineTo(x, y);
    }
    return { id: d.id, kind: d.kind, geometry: new ShapeGeometry(shape) };
  }), [districts]);
  // The shape is drawn in the (x, y) plane; turning it -90° about x lays it on the ground with y → -z.
  return (
    <group rotation={[-Math.PI / 2, 0, 0]}>
      {shapes.map((s) => (
        <mesh key={s.id} geometry={s.geometry}>
          <meshBasicMaterial color={DISTRICT_COLOURS[s.kind]} />
        </mesh>
      ))}
    </group>
  );
}
