// Every car as a screen-space marker, all in one THREE.Points draw (see car-markers.ts for why not boxes). Positions
// come from the engine's snapshots ~10×/s; the frame loop reads the latest snapshot from the store (no React state
// per frame) and eases each car toward it, so motion looks continuous between snapshots. The map renders on demand:
// while any car is still easing the loop asks for the next frame, and once every car has arrived it stops asking.
// The cars have a canvas of their own over the city's (MapLayers), so moving them never redraws the city.
import { useFrame, useThree, type ThreeEvent } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo } from 'react';
import { BufferAttribute, BufferGeometry, DynamicDrawUsage, ShaderMaterial, Vector3, type Intersection, type Object3D, type Raycaster } from 'three';
import type { VehicleTuple } from '../../protocol';
import { useAppState, useModel } from '../app/ModelContext';
import { CAR_PX, SELECTED_CAR_PX, carFragmentShader, carUniforms, carVertexShader, pickCar } from './car-markers';
import { claimPick } from './picking';

const NO_VEHICLES: readonly VehicleTuple[] = [];
/** Closer than this (metres) to its target a car is snapped there, so the easing ends and rendering can stop. */
const ARRIVED_M = 0.05;
/** A jump longer than this (a new run, a replay scrub) is drawn at once, not eased. */
const JUMP_M = 400;

export function Vehicles({ capacity, unit }: { capacity: number; unit: number }) {
  const model = useModel();
  const invalidate = useThree((s) => s.invalidate);
  const selectedVehicle = useAppState((s) => /^vehicle\/([^/]+)/.exec(s.selectedTwin ?? '')?.[1]);

  // Typed arrays sized once per session: the frame loop allocates nothing.
  const drawn = useMemo(() => {
    const cars = Math.max(1, capacity);
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(new Float32Array(cars * 3), 3).setUsage(DynamicDrawUsage));
    geometry.setAttribute('forward', new BufferAttribute(new Float32Array(cars * 2), 2).setUsage(DynamicDrawUsage));
    geometry.setAttribute('selected', new BufferAttribute(new Float32Array(cars), 1));
    geometry.setDrawRange(0, 0);
    const material = new ShaderMaterial({
      uniforms: carUniforms(unit), vertexShader: carVertexShader, fragmentShader: carFragmentShader, depthTest: false, depthWrite: false,
    });
    return {
      geometry,
      material,
      /** Where each car is drawn: x, z, heading (64-bit, so "arrived" compares equal to the target). */
      shown: new Float64Array(cars * 3),
      placed: new Uint8Array(cars),
      /** 1 where the car is painted as selected, 0 as a car, 2 not painted yet. */
      painted: new Uint8Array(cars).fill(2),
      /** The snapshot last drawn and whether a car was still easing toward it. */
      snapshot: NO_VEHICLES,
      easing: false,
      selected: undefined as string | undefined,
    };
  }, [capacity, unit]);
  useLayoutEffect(() => () => {
    drawn.geometry.dispose();
    drawn.material.dispose();
  }, [drawn]);
  /** Cars stand a little above the ground (on the roads), where the test hook and picking project them. */
  const lift = 0.6 * unit;

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
      const p = new Vector3(at[0], lift, at[1]).project(camera);
      return [((p.x + 1) / 2) * size.width, ((1 - p.y) / 2) * size.height];
    };
    // For the follow camera: the eased, drawn position (not the snapshot's), so the camera glides with the car.
    model.renderStats.vehicleScenePoint = drawnAt;
    return () => void (model.renderStats.vehicleCanvasPoint = model.renderStats.vehicleScenePoint = undefined);
  }, [model, camera, size, lift, capacity, drawn]);
  const dpr = useThree((s) => s.viewport.dpr);
  useLayoutEffect(() => {
    const u = drawn.material.uniforms;
    u.uSize!.value = CAR_PX * dpr;
    u.uSelectedSize!.value = SELECTED_CAR_PX * dpr;
    u.uViewport!.value = [size.width, size.height];
    invalidate();
  }, [drawn, dpr, size, invalidate]);

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
    const forward = geometry.getAttribute('forward') as BufferAttribute;
    const selected = geometry.getAttribute('selected') as BufferAttribute;
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
      if (placed[i] !== 1 || cx !== shown[o] || cz !== shown[o + 1] || heading !== shown[o + 2]) {
        placed[i] = 1;
        shown[o] = cx;
        shown[o + 1] = cz;
        shown[o + 2] = heading;
        const p = positions.array as Float32Array;
        p[i * 3] = cx;
        p[i * 3 + 1] = lift;
        p[i * 3 + 2] = cz;
        // The heading as a ground direction (car-markers.headingToForward, inlined: no allocation per car).
        (forward.array as Float32Array)[i * 2] = Math.sin((heading * Math.PI) / 180);
        (forward.array as Float32Array)[i * 2 + 1] = -Math.cos((heading * Math.PI) / 180);
        moved = true;
      }
      const look = id === selectedVehicle ? 1 : 0;
      if (painted[i] !== look) {
        painted[i] = look;
        (selected.array as Float32Array)[i] = look;
        repainted = true;
      }
    }
    drawn.easing = easing;
    geometry.setDrawRange(0, count);
    if (moved) positions.needsUpdate = forward.needsUpdate = true;
    if (repainted) selected.needsUpdate = true;
    if (easing) invalidate();
  });

  // Picked in screen space, as the markers are drawn: the car whose marker centre is nearest the pointer, within a
  // marker's reach. r3f calls this for the cars' clicks (and hovers) with a ray through the pointer.
  const ray = useMemo(() => ({ point: new Vector3() }), []);
  function raycast(this: Object3D, raycaster: Raycaster, intersects: Intersection<Object3D>[]): void {
    const vehicles = drawn.snapshot;
    ray.point.copy(raycaster.ray.origin).add(raycaster.ray.direction).project(camera);
    const pointer = [((ray.point.x + 1) / 2) * size.width, ((1 - ray.point.y) / 2) * size.height] as const;
    const index = pickCar(camera, size.width, size.height, pointer, drawn.shown, 3, drawn.placed, Math.min(vehicles.length, capacity), lift, CAR_PX * 0.7);
    if (index === undefined) return;
    const point = new Vector3(drawn.shown[index * 3]!, lift, drawn.shown[index * 3 + 1]!);
    intersects.push({ distance: raycaster.ray.origin.distanceTo(point), point, index, object: this });
  }

  const onClick = (e: ThreeEvent<MouseEvent>): void => {
    e.stopPropagation();
    const tuple = e.index === undefined ? undefined : drawn.snapshot[e.index];
    if (tuple === undefined) return;
    claimPick(e.nativeEvent);
    model.selectTwin(`vehicle/${tuple[0]}/drive`);
  };

  return (
    // Drawn over everything: a car parked at a workplace would otherwise vanish inside the building's symbol.
    <points geometry={drawn.geometry} material={drawn.material} frustumCulled={false} renderOrder={10} onClick={onClick} raycast={raycast} />
  );
}
