// Homes as one InstancedMesh, each coloured by what the engine says about it: lit (a light on), charging an EV
// (the wallbox delivering power), or dark. Colours change only when those facts change, not every snapshot.
import { useLayoutEffect, useMemo, useRef } from 'react';
import { BoxGeometry, Color, Matrix4, type InstancedMesh } from 'three';
import type { ThreeEvent } from '@react-three/fiber';
import type { HomeStatus, SessionInfo } from '../../protocol';
import { useAppState, useModel } from '../app/ModelContext';
import { toScene } from './coordinates';

export const HOME_COLOURS = { lit: '#ffd54a', charging: '#38bdf8', dark: '#64748b', selected: '#f472b6' } as const;

const homeLook = (h: HomeStatus | undefined): keyof typeof HOME_COLOURS => (h?.lit ? 'lit' : h?.charging ? 'charging' : 'dark');

export function Homes({ homes, unit }: { homes: SessionInfo['homes']; unit: number }) {
  const model = useModel();
  const mesh = useRef<InstancedMesh>(null);
  // One string per home: the slice changes only when a home's look changes.
  // The engine lists homes in the same order in the session and in every snapshot.
  const looks = useAppState((s) => homes.map((h, i) => {
    const status = s.snapshot?.homes[i];
    return homeLook(status?.id === h.id ? status : undefined);
  }).join(','));
  const selectedHome = useAppState((s) => /^home\/([^/]+)\//.exec(s.selectedTwin ?? '')?.[1]);
  const colour = useMemo(() => new Color(), []);
  const geometry = useMemo(() => new BoxGeometry(2.2 * unit, 1.4 * unit, 2.2 * unit).translate(0, 0.7 * unit, 0), [unit]);

  useLayoutEffect(() => {
    const m = mesh.current;
    if (m === null) return;
    const matrix = new Matrix4();
    homes.forEach((h, i) => {
      const [x, y, z] = toScene(h.x, h.y);
      m.setMatrixAt(i, matrix.makeTranslation(x, y, z));
    });
    m.instanceMatrix.needsUpdate = true;
    m.computeBoundingSphere();
  }, [homes]);

  useLayoutEffect(() => {
    const m = mesh.current;
    if (m === null) return;
    const list = looks.split(',') as (keyof typeof HOME_COLOURS)[];
    homes.forEach((h, i) => m.setColorAt(i, colour.set(HOME_COLOURS[h.id === selectedHome ? 'selected' : (list[i] ?? 'dark')])));
    if (m.instanceColor) m.instanceColor.needsUpdate = true;
  }, [looks, homes, selectedHome, colour]);

  const onClick = (e: ThreeEvent<MouseEvent>): void => {
    e.stopPropagation();
    const home = e.instanceId === undefined ? undefined : homes[e.instanceId];
    if (home === undefined) return;
    // Open the home on its front-door lock (the device most scenes are about), else its first device.
    const twins = model.store.get().session?.twins.filter((t) => t.address.startsWith(`home/${home.id}/`)) ?? [];
    model.selectTwin((twins.find((t) => t.kind === 'lock') ?? twins[0])?.address ?? null);
  };

  return <instancedMesh key={homes.length} ref={mesh} args={[geometry, undefined, Math.max(1, homes.length)]} count={homes.length} onClick={onClick}>
    <meshStandardMaterial />
  </instancedMesh>;
}
