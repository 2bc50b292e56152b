// Every car as a screen-space marker on the map's moving layer (a 2D canvas: MovingLayer.tsx, car-markers.ts).
// Positions come from the engine's snapshots ~10×/s; the frame loop reads the latest snapshot from the store (no
// React state per frame) and eases each car toward it, so motion looks continuous between snapshots. The map renders
// on demand: while any car is still easing the loop asks for the next frame, and once every car has arrived it stops
// asking. The layer lies over the city's canvas, so moving the cars never redraws the city.
import { useFrame, useThree, type ThreeEvent } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo } from 'react';
import { Vector3, type Intersection, type Object3D, type Raycaster } from 'three';
import type { VehicleTuple } from '../../protocol';
import { useAppState, useModel } from '../app/ModelContext';
import { CAR_PX, drawCars, paintCarSprites, pickCar, spriteLayout, type CarLayer, type CarSprites } from './car-markers';
import { PAINT_ORDER, type MovingLayer } from './MovingLayer';
import type { ScreenProjection } from './screen-projection';
import { SpriteRaster, type SpritePixels } from './sprite-raster';
import { claimPick } from './picking';

const NO_VEHICLES: readonly VehicleTuple[] = [];
/** Closer than this (metres) to its target a car is snapped there, so the easing ends and rendering can stop. */
const ARRIVED_M = 0.05;
/** A jump longer than this (a new run, a replay scrub) is drawn at once, not eased. */
const JUMP_M = 400;

/** The markers' atlas for a device-pixel ratio, drawn once on a canvas, and its pixels read back (sprite-raster.ts). */
interface Sprites {
  onCanvas: CarSprites<HTMLCanvasElement>;
  pixels: CarSprites<SpritePixels>;
}

function carSprites(dpr: number): Sprites | undefined {
  const { width, height, cells } = spriteLayout(dpr);
  const atlas = document.createElement('canvas');
  atlas.width = width;
  atlas.height = height;
  const ctx = atlas.getContext('2d');
  if (ctx === null) return undefined;
  paintCarSprites(ctx, dpr);
  const { data } = ctx.getImageData(0, 0, width, height);
  return {
    onCanvas: { atlas, cells, dpr },
    pixels: { atlas: { data: new Uint32Array(data.buffer, data.byteOffset, width * height), width, height }, cells, dpr },
  };
}

/** The markers' buffer, put on a canvas of its own and drawn onto the moving layer in one blit. */
interface CarRaster {
  raster: SpriteRaster;
  canvas: HTMLCanvasElement;
  ctx: CanvasRenderingContext2D | null;
}

function paintCars(ctx: CanvasRenderingContext2D, projection: ScreenProjection, cars: CarLayer, sprites: CarSprites, out: CarRaster): void {
  const { width, height } = ctx.canvas;
  out.raster.begin(width, height, (w, h) => new ImageData(w, h));
  if (drawCars(out.raster, projection, cars, sprites) === 0 || out.raster.image === undefined) return;
  if (out.canvas.width !== width || out.canvas.height !== height) {
    out.canvas.width = width;
    out.canvas.height = height;
  }
  out.ctx ??= out.canvas.getContext('2d');
  if (out.ctx === null) return;
  out.ctx.putImageData(out.raster.image, 0, 0);
  ctx.drawImage(out.canvas, 0, 0);
}

/**
 * `software`: the browser draws on the CPU (render-profile.ts). There the markers go through one pixel buffer
 * (sprite-raster.ts: Skia's per-blit raster cost ~3.5 ms a frame for 1,000 cars); a GPU-backed 2D canvas blits them
 * for nothing, where a canvas-sized buffer put at every frame (four times the pixels at 2 device pixels per CSS
 * pixel) would be the cost.
 */
export function Vehicles({ capacity, unit, layer, software }: { capacity: number; unit: number; layer: MovingLayer; software: boolean }) {
  const model = useModel();
  const invalidate = useThree((s) => s.invalidate);
  const selectedVehicle = useAppState((s) => /^vehicle\/([^/]+)/.exec(s.selectedTwin ?? '')?.[1]);
  /** Cars stand a little above the ground (on the roads), where the test hook and picking project them. */
  const lift = 0.6 * unit;

  // Typed arrays sized once per session: the frame loop allocates nothing.
  const drawn = useMemo(() => {
    const cars = Math.max(1, capacity);
    const layout: CarLayer = {
      /** Where each car is drawn: x, z, heading (64-bit, so "arrived" compares equal to the target). */
      shown: new Float64Array(cars * 3),
      placed: new Uint8Array(cars),
      count: 0,
      selected: -1,
      lift,
      reach: unit,
      screen: new Float32Array(cars * 2),
      drawn: new Uint8Array(cars),
    };
    return {
      cars: layout,
      sprites: undefined as Sprites | undefined,
      raster: { raster: new SpriteRaster(), canvas: document.createElement('canvas'), ctx: null } as CarRaster,
      /** The snapshot last drawn and whether a car was still easing toward it. */
      snapshot: NO_VEHICLES,
      easing: false,
      selected: undefined as string | undefined,
    };
  }, [capacity, unit, lift]);

  useLayoutEffect(() => {
    layer.painters[PAINT_ORDER.cars] = (ctx, projection, dpr) => {
      if (drawn.sprites?.pixels.dpr !== dpr) drawn.sprites = carSprites(dpr);
      if (drawn.sprites === undefined) return;
      if (software) paintCars(ctx, projection, drawn.cars, drawn.sprites.pixels, drawn.raster);
      else drawCars(ctx, projection, drawn.cars, drawn.sprites.onCanvas);
    };
    layer.changed = true;
    return () => void (layer.painters[PAINT_ORDER.cars] = undefined);
  }, [layer, drawn, software]);

  // For the test hook: project a drawn car to canvas pixels, so an end-to-end test can click it.
  const camera = useThree((s) => s.camera);
  const size = useThree((s) => s.size);
  useEffect(() => {
    const drawnAt = (vehicleId: string): [number, number] | undefined => {
      const i = model.store.get().snapshot?.vehicles.findIndex((v) => v[0] === vehicleId) ?? -1;
      const { placed, shown } = drawn.cars;
      return i < 0 || i >= capacity || placed[i] !== 1 ? undefined : [shown[i * 3]!, shown[i * 3 + 1]!];
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

  useFrame((_state, delta) => {
    const vehicles = model.store.get().snapshot?.vehicles ?? NO_VEHICLES;
    const count = Math.min(vehicles.length, capacity);
    model.renderStats.vehicleInstances = count;
    // Nothing new and nothing in motion (a paused run, a camera drag): the cars are already right.
    if (vehicles === drawn.snapshot && !drawn.easing && selectedVehicle === drawn.selected) return;
    const reselected = selectedVehicle !== drawn.selected;
    drawn.snapshot = vehicles;
    drawn.selected = selectedVehicle;

    const { shown, placed } = drawn.cars;
    // Close most of the gap within ~100 ms (one snapshot), whatever the frame rate. After an idle spell (frames on
    // demand) delta spans the whole spell, though the new snapshot arrived just now: ease as from one frame then.
    const ease = Math.min(1, (drawn.easing ? Math.min(delta, 0.1) : 1 / 60) * 12);
    let easing = false;
    let moved = count !== drawn.cars.count;
    let selected = -1;
    for (let i = 0; i < count; i++) {
      const [id, x, y, heading, speed] = vehicles[i]!;
      if (id === selectedVehicle) selected = i;
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
        moved = true;
      }
    }
    drawn.easing = easing;
    drawn.cars.count = count;
    drawn.cars.selected = selected;
    if (moved || reselected) layer.changed = true;
    if (easing) invalidate();
  });

  // Picked in screen space, where the last draw put the markers: the car whose marker centre is nearest the
  // pointer, within a marker's reach. r3f calls this for the cars' clicks (and hovers) with a ray through the pointer.
  const ray = useMemo(() => ({ point: new Vector3() }), []);
  function raycast(this: Object3D, raycaster: Raycaster, intersects: Intersection<Object3D>[]): void {
    ray.point.copy(raycaster.ray.origin).add(raycaster.ray.direction).project(camera);
    const pointer = [((ray.point.x + 1) / 2) * size.width, ((1 - ray.point.y) / 2) * size.height] as const;
    const index = pickCar(drawn.cars, pointer, CAR_PX * 0.7);
    if (index === undefined) return;
    const point = new Vector3(drawn.cars.shown[index * 3]!, lift, drawn.cars.shown[index * 3 + 1]!);
    intersects.push({ distance: raycaster.ray.origin.distanceTo(point), point, index, object: this });
  }

  const onClick = (e: ThreeEvent<MouseEvent>): void => {
    e.stopPropagation();
    const tuple = e.index === undefined ? undefined : drawn.snapshot[e.index];
    if (tuple === undefined) return;
    claimPick(e.nativeEvent);
    model.selectTwin(`vehicle/${tuple[0]}/drive`);
  };

  // Nothing of it is drawn in WebGL: the group only takes the cars' clicks for r3f's event system.
  return <group onClick={onClick} raycast={raycast} />;
}
