// Orbit camera (three's OrbitControls): drag to rotate, right-drag to pan, wheel to zoom. It re-frames the whole
// map when a new map is loaded, and never below the ground.
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { framing, type Bounds } from './coordinates';

export function OrbitCamera({ bounds }: { bounds: Bounds }) {
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

  useFrame(() => controls.update());
  return null;
}
