// Orbit camera (three's OrbitControls): drag to rotate, right-drag to pan, wheel to zoom. It re-frames the whole
// map when a new map is loaded, and never below the ground. While a car is followed, the target tracks the car
// every frame and the camera moves with it, so the user's chosen angle and distance are kept. The map renders on
// demand: every visible camera change (a drag, the damping that follows it, a re-frame) asks for the next frame.
import { invalidate, useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { Vector3 } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { useModel } from '../app/ModelContext';
import { framing, type Bounds } from './coordinates';

/**
 * A camera step below this fraction of the viewing distance counts as rest: with a 45° field of view it is a twentieth
 * of a pixel on a 2,000-pixel-tall canvas, and all the damping still owes after it (~19 such steps) under a pixel.
 */
const REST = 2e-5;
/** Following a car brings the camera this share of the whole-map distance from it: the car and its street. */
const FOLLOW_SHARE = 0.18;

/** `element` takes the pointer events: the element over both of the map's canvases (MapLayers). */
export function OrbitCamera({ bounds, element }: { bounds: Bounds; element: HTMLElement }) {
  const model = useModel();
  const camera = useThree((s) => s.camera);
  const controls = useMemo(() => new OrbitControls(camera, element), [camera, element]);

  useEffect(() => {
    controls.enableDamping = true;
    // The wheel zooms toward what is under the pointer, as a map does (issue 18), not toward the map's centre.
    controls.zoomToCursor = true;
    controls.maxPolarAngle = Math.PI / 2 - 0.05;
    // update() dispatches 'change' while the camera still moves (damping included), so this keeps frames coming
    // until it comes to rest. Every layer of the map shares this camera: all of them redraw. Damping decays
    // geometrically, and OrbitControls' own threshold keeps a city-sized view "moving" for seconds of invisible
    // steps: a change below REST since the last drawn view asks for no frame, which ends the damping (the
    // remainder is applied by the next update).
    const drawn = { position: new Vector3(Infinity, 0, 0), target: new Vector3() };
    const redraw = (): void => {
      const limit = camera.position.distanceTo(controls.target) * REST;
      if (camera.position.distanceTo(drawn.position) < limit && controls.target.distanceTo(drawn.target) < limit) return;
      drawn.position.copy(camera.position);
      drawn.target.copy(controls.target);
      invalidate();
    };
    controls.addEventListener('change', redraw);
    return () => {
      controls.removeEventListener('change', redraw);
      controls.dispose();
    };
  }, [camera, controls]);

  useEffect(() => {
    const { center, distance } = framing(bounds);
    controls.target.set(...center);
    // From the south, tilted ~50° down: streets and heights both read.
    camera.position.set(center[0], distance * 0.8, center[2] + distance * 0.65);
    camera.near = 1;
    camera.far = distance * 10;
    camera.updateProjectionMatrix();
    controls.maxDistance = distance * 4;
    controls.update();
  }, [bounds, camera, controls]);

  /** The car followed last frame: Follow zooms in once, when it starts, then keeps the user's own distance. */
  const follow = useMemo(() => ({ id: null as string | null, closeUp: framing(bounds).distance * FOLLOW_SHARE }), [bounds]);

  // Reads the followed id and the car's drawn point from the model inside the frame loop: no React state per frame.
  // Vehicles is mounted before this component, so its frame callback has already moved the car this frame.
  useFrame(() => {
    const followed = model.store.get().followedVehicle;
    const point = followed === null ? undefined : model.renderStats.vehicleScenePoint?.(followed);
    if (point !== undefined && followed !== follow.id) {
      // Start of a follow: come down to a street-level distance along the current view direction.
      const offset = camera.position.clone().sub(controls.target);
      if (offset.length() > follow.closeUp) camera.position.copy(controls.target).add(offset.setLength(follow.closeUp));
    }
    follow.id = point === undefined ? null : followed;
    // The keyboard list picked something: glide over it as following does, keeping the angle and distance.
    const focus = model.renderStats.mapFocus;
    if (focus !== undefined && point === undefined) {
      model.renderStats.mapFocus = undefined;
      camera.position.x += focus[0] - controls.target.x;
      camera.position.z += focus[1] - controls.target.z;
      controls.target.set(focus[0], 0, focus[1]);
    }
    if (point !== undefined) {
      const dx = point[0] - controls.target.x;
      const dz = point[1] - controls.target.z;
      controls.target.set(point[0], 0, point[1]);
      camera.position.x += dx;
      camera.position.z += dz;
    }
    controls.update();
    controls.target.toArray(model.renderStats.cameraTarget);
    model.renderStats.cameraDistance = camera.position.distanceTo(controls.target);
  });
  return null;
}
