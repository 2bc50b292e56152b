// District outlines as flat tinted areas under the roads, so the residential, business, industrial and park
// parts of the city read at a glance. All districts are one mesh with a colour per vertex: one draw call instead
// of one per district (a generated city has ~60), which a CPU WebGL renderer pays for in setup per draw.
import { useLayoutEffect, useMemo } from 'react';
import { BufferAttribute, BufferGeometry, Color, Shape, ShapeGeometry } from 'three';
import type { MapDistrict } from '../../protocol';

export const DISTRICT_COLOURS: Record<MapDistrict['kind'], string> = {
  residential: '#1f2e27', business: '#222a3d', industrial: '#30291f', park: '#1c3a22',
};

/** Every district triangulated (three's ShapeGeometry), in the (x, y) plane, merged into one geometry. */
function districtsGeometry(districts: MapDistrict[]): BufferGeometry {
  const positions: number[] = [];
  const colours: number[] = [];
  const indices: number[] = [];
  const colour = new Color();
  for (const d of districts) {
    if (d.outline.length < 6) continue;
    const shape = new Shape();
    for (let i = 0; i < d.outline.length; i += 2) {
      if (i === 0) shape.moveTo(d.outline[i]!, d.outline[i + 1]!);
      else shape.lineTo(d.outline[i]!, d.outline[i + 1]!);
    }
    const part = new ShapeGeometry(shape);
    const base = positions.length / 3;
    // Vertex colours are linear; Color.set converts the sRGB hex, as a material's `color` would.
    colour.set(DISTRICT_COLOURS[d.kind]);
    const at = part.getAttribute('position');
    for (let v = 0; v < at.count; v++) {
      positions.push(at.getX(v), at.getY(v), at.getZ(v));
      colours.push(colour.r, colour.g, colour.b);
    }
    const index = part.getIndex();
    if (index !== null) for (let k = 0; k < index.count; k++) indices.push(base + index.getX(k));
    else for (let v = 0; v < at.count; v++) indices.push(base + v);
    part.dispose();
  }
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(Float32Array.from(positions), 3));
  geometry.setAttribute('color', new BufferAttribute(Float32Array.from(colours), 3));
  geometry.setIndex(new BufferAttribute(Uint32Array.from(indices), 1));
  geometry.computeBoundingSphere();
  return geometry;
}

export function Districts({ districts }: { districts: MapDistrict[] }) {
  const geometry = useMemo(() => districtsGeometry(districts), [districts]);
  useLayoutEffect(() => () => geometry.dispose(), [geometry]);
  // The shape is drawn in the (x, y) plane; turning it -90° about x lays it on the ground with y → -z.
  return (
    <mesh geometry={geometry} rotation={[-Math.PI / 2, 0, 0]}>
      <meshBasicMaterial vertexColors />
    </mesh>
  );
}
