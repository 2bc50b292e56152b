// Homes as one merged mesh of boxes (see box-mesh.ts for why not an InstancedMesh), all in the dark look: what the
// engine says about a home — lit (a light on), charging an EV (the wallbox delivering power) — and the selection are
// painted as its roof on the map's moving layer (home-roofs.ts, HomeRoofs.tsx), so a light going on never redraws the
// city's canvas. Clicking a box picks its home.
import { useLayoutEffect, useMemo } from 'react';
import { BufferAttribute, BufferGeometry } from 'three';
import { type ThreeEvent } from '@react-three/fiber';
import type { SessionInfo } from '../../protocol';
import { useModel } from '../app/ModelContext';
import { BOX_TRIANGLES, boxIndices, boxTemplate, writeBox } from './box-mesh';
import { toScene } from './coordinates';
import { HOME_COLOURS, HOME_SIZE } from './home-roofs';
import { isClaimed } from './picking';

export function Homes({ homes, unit }: { homes: SessionInfo['homes']; unit: number }) {
  const model = useModel();

  // Homes never move: their boxes are written once per session, with per-face normals for the scene's lights.
  const geometry = useMemo(() => {
    const template = boxTemplate(HOME_SIZE.width * unit, HOME_SIZE.height * unit, HOME_SIZE.width * unit, 0, true);
    const positions = new Float32Array(homes.length * template.vertices * 3);
    const normals = new Float32Array(positions.length);
    homes.forEach((h, i) => {
      const [x, , z] = toScene(h.x, h.y);
      writeBox(template, positions, i, x, z, 0, normals);
    });
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(positions, 3));
    geometry.setAttribute('normal', new BufferAttribute(normals, 3));
    geometry.setIndex(new BufferAttribute(boxIndices(template, homes.length), 1));
    geometry.computeBoundingSphere();
    return geometry;
  }, [homes, unit]);
  useLayoutEffect(() => () => geometry.dispose(), [geometry]);

  const onClick = (e: ThreeEvent<MouseEvent>): void => {
    e.stopPropagation();
    if (isClaimed(e.nativeEvent)) return; // a car drawn over this home took the click
    const home = e.faceIndex == null ? undefined : homes[Math.floor(e.faceIndex / BOX_TRIANGLES)];
    if (home === undefined) return;
    // Open the home on its front-door lock (the device most scenes are about), else its first device.
    const twins = model.store.get().session?.twins.filter((t) => t.address.startsWith(`home/${home.id}/`)) ?? [];
    model.selectTwin((twins.find((t) => t.kind === 'lock') ?? twins[0])?.address ?? null);
  };

  if (homes.length === 0) return null;
  // Lambert, not Standard: the same diffuse lighting of flat faces without the physically based specular terms,
  // which a CPU renderer pays for on every pixel.
  return <mesh geometry={geometry} onClick={onClick}>
    <meshLambertMaterial color={HOME_COLOURS.dark} />
  </mesh>;
}
