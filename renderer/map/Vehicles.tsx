// Every car as one instance of one InstancedMesh (DynamicDrawUsage). Positions come from the engine's snapshots
// ~10×/s; the frame loop reads the latest snapshot from the store (no React state per frame) and eases each car
// toward it, so motion looks continuous between snapshots.
import { useFrame, useThree, type ThreeEvent } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { BoxGeometry, Color, DynamicDrawUsage, Object3D, Vector3, type InstancedMesh } from 'three';
import { useAppState, useModel } from '../app/ModelContext';
import { headingToRotationY, toScene } from './coordinates';

const CAR = new Color('#f97316');
const SELECTED = new Color('#f472b6');

export function Vehicles({ capacity, unit }: { capacity: number; unit: number }) {
  const model = useModel();
  const mesh = useRef<InstancedMesh>(null);
  const shown = useRef<{ x: number; z: number; rot: number }[]>([]);
  const dummy = useMemo(() => new Object3D(), []);
  // Exaggerated like every symbol (a real car is ~4.5 m long) so cars read at city scale; raised to sit on the roads.
  const geometry = useMemo(() => new BoxGeometry(1.3 * unit, 0.9 * unit, 2.4 * unit).translate(0, 0.6 * unit, 0), [unit]);
  const selectedVehicle = useAppState((s) => /^vehicle\/([^/]+)/.exec(s.selectedTwin ?? '')?.[1]);

  useLayoutEffect(() => {
    mesh.current?.instanceMatrix.setUsage(DynamicDrawUsage);
    shown.current = [];
  }, [capacity]);

  // For the test hook: project a drawn car to canvas pixels, so an end-to-end test can click it.
  const camera = useThree((s) => s.camera);
  const size = useThree((s) => s.size);
  useEffect(() => {
    model.renderStats.vehicleCanvasPoint = (vehicleId) => {
      const i = model.store.get().snapshot?.vehicles.findIndex((v) => v[0] === vehicleId) ?? -1;
      const at = shown.current[i];
      if (at === undefined) return undefined;
      const p = new Vector3(at.x, 0.6 * unit, at.z).project(camera);
      return [((p.x + 1) / 2) * size.width, ((1 - p.y) / 2) * size.height];
    };
    // For the follow camera: the eased, drawn position (not the snapshot's), so the camera glides with the car.
    model.renderStats.vehicleScenePoint = (vehicleId) => {
      const at = shown.current[model.store.get().snapshot?.vehicles.findIndex((v) => v[0] === vehicleId) ?? -1];
      return at === undefined ? undefined : [at.x, at.z];
    };
    return () => void (model.renderStats.vehicleCanvasPoint = model.renderStats.vehicleScenePoint = undefined);
  }, [model, camera, size, unit]);

  useFrame((_state, delta) => {
    const m = mesh.current;
    if (m === null) return;
    const vehicles = model.store.get().snapshot?.vehicles ?? [];
    const count = Math.min(vehicles.length, capacity);
    // Close most of the gap within ~100 ms (one snapshot), whatever the frame rate.
    const ease = Math.min(1, delta * 12);
    for (let i = 0; i < count; i++) {
      const [id, x, y, heading, speed] = vehicles[i]!;
      // A parked car stands beside its place's symbol (a driveway), so the home's colour stays visible.
      const [tx, , tz] = toScene(speed === 0 ? x + 1.9 * unit : x, y);
      const rot = headingToRotationY(heading);
      const prev = shown.current[i];
      const far = prev === undefined || Math.hypot(prev.x - tx, prev.z - tz) > 400; // a jump (new run): no easing
      const cur = far ? { x: tx, z: tz, rot } : { x: prev.x + (tx - prev.x) * ease, z: prev.z + (tz - prev.z) * ease, rot };
      shown.current[i] = cur;
      dummy.position.set(cur.x, 0, cur.z);
      dummy.rotation.set(0, cur.rot, 0);
      dummy.updateMatrix();
      m.setMatrixAt(i, dummy.matrix);
      m.setColorAt(i, id === selectedVehicle ? SELECTED : CAR);
    }
    m.count = count;
    m.instanceMatrix.needsUpdate = true;
    if (m.instanceColor) m.instanceColor.needsUpdate = true;
    m.boundingSphere = null; // cars moved: let picking recompute it
    model.renderStats.vehicleInstances = count;
    model.renderStats.frames++;
  });

  const onClick = (e: ThreeEvent<MouseEvent>): void => {
    e.stopPropagation();
    const tuple = e.instanceId === undefined ? undefined : model.store.get().snapshot?.vehicles[e.instanceId];
    if (tuple) model.selectTwin(`vehicle/${tuple[0]}/drive`);
  };

  return (
    // Drawn over everything: a car parked at a workplace would otherwise vanish inside the building's symbol.
    <instancedMesh key={capacity} ref={mesh} args={[geometry, undefined, Math.max(1, capacity)]} frustumCulled={false} renderOrder={10} onClick={onClick}>
      <meshBasicMaterial depthTest={false} transparent opacity={0.95} />
    </instancedMesh>
  );
}
