// Workplaces and public chargers: static landmarks of the map, drawn once (homes have their own component). A
// city has only tens of them, so an InstancedMesh stays cheap even where instances are drawn one by one (see
// box-mesh.ts); Lambert lighting, as the homes.
import { useLayoutEffect, useMemo, useRef } from 'react';
import { BoxGeometry, CylinderGeometry, Matrix4, type InstancedMesh } from 'three';
import type { MapPlace } from '../../protocol';
import { toScene } from './coordinates';

function PlaceInstances({ places, geometry, colour }: { places: MapPlace[]; geometry: BoxGeometry | CylinderGeometry; colour: string }) {
  const mesh = useRef<InstancedMesh>(null);
  useLayoutEffect(() => {
    const m = mesh.current;
    if (m === null) return;
    const matrix = new Matrix4();
    places.forEach((p, i) => m.setMatrixAt(i, matrix.makeTranslation(...toScene(p.x, p.y))));
    m.instanceMatrix.needsUpdate = true;
    m.computeBoundingSphere();
  }, [places]);
  if (places.length === 0) return null;
  return <instancedMesh key={places.length} ref={mesh} args={[geometry, undefined, places.length]}><meshLambertMaterial color={colour} /></instancedMesh>;
}

export function Places({ places, unit }: { places: MapPlace[]; unit: number }) {
  const workplaceGeometry = useMemo(() => new BoxGeometry(3 * unit, 4 * unit, 3 * unit).translate(0, 2 * unit, 0), [unit]);
  const chargerGeometry = useMemo(() => new CylinderGeometry(0.7 * unit, 0.7 * unit, 1.2 * unit, 12).translate(0, 0.6 * unit, 0), [unit]);
  const workplaces = useMemo(() => places.filter((p) => p.kind === 'workplace'), [places]);
  const chargers = useMemo(() => places.filter((p) => p.kind === 'charger'), [places]);
  return (
    <group>
      <PlaceInstances places={workplaces} geometry={workplaceGeometry} colour="#6b5b95" />
      <PlaceInstances places={chargers} geometry={chargerGeometry} colour="#22d3ee" />
    </group>
  );
}
