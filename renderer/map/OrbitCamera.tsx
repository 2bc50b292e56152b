// Orbit camera (three's OrbitControls): drag to rotate, right-drag to pan, wheel to zoom. It re-frames the whole
// map when a new map is loaded, and never below the ground. While a car is followed, the target tracks the car
// every frame and the camera moves with it, so the user's chosen angle and distance are kept.
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { useModel } from '../app/ModelContext';
import { framing, type Bounds } from './coordinates';

export function OrbitCamera({ bounds }: { bounds: Bounds }) {
  const model = useModel();
  const camera = useThree((s) => s.camera);
  const domElement = useThree((s) => s.gl.domElement);
  const controls = useMemo(() => new OrbitControls(camera, domElement), [camera, domElement]);

  useEffect(() => {
    controls.enableDamping = true;
    controls.maxPolarAngle = Math.PI / 2 - 0.05;
    return () => controls.dispose();
  }, [controls]);

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

  // Reads the followed id and the car's drawn point from the model inside the frame loop: no React state per frame.
  // Vehicles is mounted before this component, so its frame callback has already moved the car this frame.
  useFrame(() => {
    const followed = model.store.get().followedVehicle;
    const point = followed === null ? undefined : model.renderStats.vehicleScenePoint?.(followed);
    if (point !== undefined) {
      const dx = point[0] - controls.target.x;
      const dz = point[1] - controls.target.z;
      controls.target.set(point[0], 0, point[1]);
      camera.position.x += dx;
      camera.position.z += dz;
    }
    controls.update();
    controls.target.toArray(model.renderStats.cameraTarget);
  });
  return null;
}
