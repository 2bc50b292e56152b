// Homes as one merged mesh of boxes (see box-mesh.ts for why not an InstancedMesh), each coloured by what the
// engine says about it: lit (a light on), charging an EV (the wallbox delivering power), or dark. Colours are
// rewritten only when those facts or the selection change, not every snapshot.
import { useLayoutEffect, useMemo } from 'react';
import { BufferAttribute, BufferGeometry, Color } from 'three';
import { useThree, type ThreeEvent } from '@react-three/fiber';
import type { HomeStatus, SessionInfo } from '../../protocol';
import { useAppState, useModel } from '../app/ModelContext';
import { BOX_TRIANGLES, boxIndices, boxTemplate, paintBox, writeBox } from './box-mesh';
import { toScene } from './coordinates';
import { isClaimed } from './picking';

export const HOME_COLOURS = { lit: '#ffd54a', charging: '#38bdf8', dark: '#64748b', selected: '#f472b6' } as const;

const homeLook = (h: HomeStatus | undefined): keyof typeof HOME_COLOURS => (h?.lit ? 'lit' : h?.charging ? 'charging' : 'dark');

export function Homes({ homes, unit }: { homes: SessionInfo['homes']; unit: number }) {
  const model = useModel();
  const invalidate = useThree((s) => s.invalidate);
  // One string per home: the slice changes only when a home's look changes.
  // The engine lists homes in the same order in the session and in every snapshot.
  const looks = useAppState((s) => homes.map((h, i) => {
    const status = s.snapshot?.homes[i];
    return homeLook(status?.id === h.id ? status : undefined);
  }).join(','));
  const selectedHome = useAppState((s) => /^home\/([^/]+)\//.exec(s.selectedTwin ?? '')?.[1]);

  // Homes never move: their boxes are written once per session, with per-face normals for the scene's lights.
  const { geometry, template } = useMemo(() => {
    const template = boxTemplate(2.2 * unit, 1.4 * unit, 2.2 * unit, 0, true);
    const positions = new Float32Array(homes.length * template.vertices * 3);
    const normals = new Float32Array(positions.length);
    homes.forEach((h, i) => {
      const [x, , z] = toScene(h.x, h.y);
      writeBox(template, positions, i, x, z, 0, normals);
    });
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(positions, 3));
    geometry.setAttribute('normal', new BufferAttribute(normals, 3));
    geometry.setAttribute('color', new BufferAttribute(new Float32Array(positions.length), 3));
    geometry.setIndex(new BufferAttribute(boxIndices(template, homes.length), 1));
    geometry.computeBoundingSphere();
    return { geometry, template };
  }, [homes, unit]);
  useLayoutEffect(() => () => geometry.dispose(), [geometry]);

  useLayoutEffect(() => {
    const list = looks.split(',') as (keyof typeof HOME_COLOURS)[];
    const attribute = geometry.getAttribute('color') as BufferAttribute;
    const colour = new Color();
    homes.forEach((h, i) => {
      // Color.set converts the sRGB hex to linear, which is what three expects in a vertex colour.
      colour.set(HOME_COLOURS[h.id === selectedHome ? 'selected' : (list[i] ?? 'dark')]);
      paintBox(template, attribute.array as Float32Array, i, colour.r, colour.g, colour.b);
    });
    attribute.needsUpdate = true;
    // The city's layer draws only on demand: a home changing colour is one of the few reasons it draws again.
    invalidate();
  }, [looks, homes, selectedHome, geometry, template, invalidate]);

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
    <meshLambertMaterial vertexColors />
  </mesh>;
}
