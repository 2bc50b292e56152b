// Every car as one box of a single merged, dynamic mesh (see box-mesh.ts for why not an InstancedMesh). Positions
// come from the engine's snapshots ~10×/s; the frame loop reads the latest snapshot from the store (no React state
// per frame) and eases each car toward it, so motion looks continuous between snapshots. The map renders on demand:
// while any car is still easing the loop asks for the next frame, and once every car has arrived it stops asking.
// The cars have a canvas of their own over the city's (MapLayers), so moving them never redraws the city.
import { useFrame, useThree, type ThreeEvent } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo } from 'react';
import { BufferAttribute, BufferGeometry, Color, DynamicDrawUsage, Vector3 } from 'three';
import type { VehicleTuple } from '../../protocol';
import { useAppState, useModel } from '../app/ModelContext';
import { BOX_TRIANGLES, boxIndices, boxTemplate, paintBox, writeBox } from './box-mesh';
import { headingToRotationY } from './coordinates';
import { claimPick } from './picking';

const CAR = new Color('#f97316');
const SELECTED = new Color('#f472b6');
const NO_VEHICLES: readonly VehicleTuple[] = [];
/** Closer than this (metres) to its target a car is snapped there, so the easing ends and rendering can stop. */
const ARRIVED_M = 0.05;
/** A jump longer than this (a new run, a replay scrub) is drawn at once, not eased. */
const JUMP_M = 400;

export function Vehicles({ capacity, unit }: { capacity: number; unit: number }) {
  const model = useModel();
  const invalidate = useThree((s) => s.invalidate);
  const selectedVehicle = useAppState((s) => /^vehicle\/([^/]+)/.exec(s.selectedTwin ?? '')?.[1]);

  // Exaggerated like every symbol (a real car is ~4.5 m long) so cars read at city scale; raised to sit on the
  // roads. Unlit, so each box shares its 8 corners.
  const template = useMemo(() => boxTemplate(1.3 * unit, 0.9 * unit, 2.4 * unit, 0.15 * unit, false), [unit]);
  // Typed arrays sized once per session: the frame loop allocates nothing.
  const drawn = useMemo(() => {
    const boxes = Math.max(1, capacity);
    const geometry = new BufferGeometry();
    const position = new BufferAttribute(new Float32Array(boxes * template.vertices * 3), 3).setUsage(DynamicDrawUsage);
    geometry.setAttribute('position', position);
    geometry.setAttribute('color', new BufferAttribute(new Float32Array(boxes * template.vertices * 3), 3));
    geometry.setIndex(new BufferAttribute(boxIndices(template, boxes), 1));
    geometry.setDrawRange(0, 0);
    return {
      geometry,
      /** Where each car is drawn: x, z, rotation about y (64-bit, so "arrived" compares equal to the target). */
      shown: new Float64Array(boxes * 3),
      placed: new Uint8Array(boxes),
      /** 1 where the car is painted as selected, 0 as a car, 2 not painted yet. */
      painted: new Uint8Array(boxes).fill(2),
      /** The snapshot last drawn and whether a car was still easing toward it. */
      snapshot: NO_VEHICLES,
      easing: false,
      selected: undefined as string | undefined,
    };
  }, [capacity, template]);
  useLayoutEffect(() => () => drawn.geometry.dispose(), [drawn]);

  // For the test hook: project a drawn car to canvas pixels, so an end-to-end test can click it.
  const camera = useThree((s) => s.camera);
  const size = useThree((s) => s.size);
  useEffect(() => {
    const drawnAt = (vehicleId: string): [number, number] | undefined => {
      const i = model.store.get().snapshot?.vehicles.findIndex((v) => v[0] === vehicleId) ?? -1;
      return i < 0 || i >= capacity || drawn.placed[i] !== 1 ? undefined : [drawn.shown[i * 3]!, drawn.shown[i * 3 + 1]!];
    };
    model.renderStats.vehicleCanvasPoint = (vehicleId) => {
      const at = drawnAt(vehicleId);
      if (at === undefined) return undefined;
      const p = new Vector3(at[0], 0.6 * unit, at[1]).project(camera);
      return [((p.x + 1) / 2) * size.width, ((1 - p.y) / 2) * size.height];
    };
    // For the follow camera: the eased, drawn position (not the snapshot's), so the camera glides with the car.
    model.renderStats.vehicleScenePoint = drawnAt;
    return () => void (model.renderStats.vehicleCanvasPoint = model.renderStats.vehicleScenePoint = undefined);
  }, [model, camera, size, unit, capacity, drawn]);

  useFrame((_state, delta) => {
    const vehicles = model.store.get().snapshot?.vehicles ?? NO_VEHICLES;
    const count = Math.min(vehicles.length, capacity);
    model.renderStats.vehicleInstances = count;
    model.renderStats.frames++;
    // Nothing new and nothing in motion (a paused run, a camera drag): the buffers are already right.
    if (vehicles === drawn.snapshot && !drawn.easing && selectedVehicle === drawn.selected) return;
    drawn.snapshot = vehicles;
    drawn.selected = selectedVehicle;

    const { shown, placed, painted, geometry } = drawn;
    const positions = geometry.getAttribute('position') as BufferAttribute;
    const colours = geometry.getAttribute('color') as BufferAttribute;
    // Close most of the gap within ~100 ms (one snapshot), whatever the frame rate. After an idle spell (frames on
    // demand) delta spans the whole spell, though the new snapshot arrived just now: ease as from one frame then.
    const ease = Math.min(1, (drawn.easing ? Math.min(delta, 0.1) : 1 / 60) * 12);
    let easing = false;
    let moved = false;
    let repainted = false;
    for (let i = 0; i < count; i++) {
      const [id, x, y, heading, speed] = vehicles[i]!;
      // A parked car stands beside its place's symbol (a driveway), so the home's colour stays visible.
      // Scene coordinates as coordinates.toScene, inlined: the loop allocates nothing per car.
      const tx = speed === 0 ? x + 1.9 * unit : x;
      const tz = -y;
      const rot = headingToRotationY(heading);
      const o = i * 3;
      let cx = tx;
      let cz = tz;
      if (placed[i] === 1 && Math.hypot(shown[o]! - tx, shown[o + 1]! - tz) <= JUMP_M) {
        cx = shown[o]! + (tx - shown[o]!) * ease;
        cz = shown[o + 1]! + (tz - shown[o + 1]!) * ease;
        if (Math.abs(tx - cx) + Math.abs(tz - cz) < ARRIVED_M) {
          cx = tx;
          cz = tz;
        } else {
          easing = true;
        }
      }
      if (placed[i] !== 1 || cx !== shown[o] || cz !== shown[o + 1] || rot !== shown[o + 2]) {
        placed[i] = 1;
        shown[o] = cx;
        shown[o + 1] = cz;
        shown[o + 2] = rot;
        writeBox(template, positions.array as Float32Array, i, cx, cz, rot);
        moved = true;
      }
      const look = id === selectedVehicle ? 1 : 0;
      if (painted[i] !== look) {
        painted[i] = look;
        const c = look === 1 ? SELECTED : CAR;
        paintBox(template, colours.array as Float32Array, i, c.r, c.g, c.b);
        repainted = true;
      }
    }
    drawn.easing = easing;
    geometry.setDrawRange(0, count * BOX_TRIANGLES * 3);
    if (moved) {
      positions.needsUpdate = true;
      geometry.boundingSphere = null; // cars moved: picking recomputes it
    }
    if (repainted) colours.needsUpdate = true;
    if (easing) invalidate();
  });

  const onClick = (e: ThreeEvent<MouseEvent>): void => {
    e.stopPropagation();
    const tuple = e.faceIndex == null ? undefined : model.store.get().snapshot?.vehicles[Math.floor(e.faceIndex / BOX_TRIANGLES)];
    if (tuple === undefined) return;
    claimPick(e.nativeEvent);
    model.selectTwin(`vehicle/${tuple[0]}/drive`);
  };

  return (
    // Drawn over everything: a car parked at a workplace would otherwise vanish inside the building's symbol.
    <mesh geometry={drawn.geometry} frustumCulled={false} renderOrder={10} onClick={onClick}>
      <meshBasicMaterial vertexColors depthTest={false} transparent opacity={0.95} />
    </mesh>
  );
}
