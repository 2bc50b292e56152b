// The map's tests look at the ground from straight above the origin, north (−z) up the screen, on an 800 × 600 canvas.
import { PerspectiveCamera } from 'three';
import { ScreenProjection } from '../screen-projection';

export function topDownCamera(height = 1000): PerspectiveCamera {
  const camera = new PerspectiveCamera(45, 800 / 600, 1, 1_000_000);
  camera.position.set(0, height, 0);
  camera.up.set(0, 0, -1);
  camera.lookAt(0, 0, 0);
  camera.updateMatrixWorld();
  return camera;
}

export function topDownProjection(height = 1000): ScreenProjection {
  return new ScreenProjection().update(topDownCamera(height), 800, 600);
}
