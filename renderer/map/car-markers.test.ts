import { PerspectiveCamera } from 'three';
import { describe, expect, it } from 'vitest';
import { headingToForward, pickCar } from './car-markers';

// A camera straight above the origin looking down, north (−z) up the screen: 800 × 600 canvas.
function topDown(): PerspectiveCamera {
  const camera = new PerspectiveCamera(45, 800 / 600, 1, 10_000);
  camera.position.set(0, 1000, 0);
  camera.up.set(0, 0, -1);
  camera.lookAt(0, 0, 0);
  camera.updateMatrixWorld();
  return camera;
}

/** x, z, heading per car, as Vehicles keeps them. */
const cars = (...xz: [number, number][]): Float64Array => Float64Array.from(xz.flatMap(([x, z]) => [x, z, 0]));

describe('pickCar', () => {
  const camera = topDown();
  const centre: [number, number] = [400, 300];

  it('picks the car whose marker is nearest the pointer', () => {
    const shown = cars([0, 0], [5, 0], [200, 0]);
    expect(pickCar(camera, 800, 600, centre, shown, 3, Uint8Array.of(1, 1, 1), 3, 0, 10)).toBe(0);
    expect(pickCar(camera, 800, 600, [centre[0] + 4, 300], shown, 3, Uint8Array.of(1, 1, 1), 3, 0, 10)).toBe(1);
  });

  it('picks nothing beyond the radius in pixels, whatever the world distance', () => {
    const shown = cars([200, 0]);
    expect(pickCar(camera, 800, 600, centre, shown, 3, Uint8Array.of(1), 1, 0, 10)).toBeUndefined();
    // Zoomed out far enough, the same 200 m is within 10 px.
    const far = topDown();
    far.position.set(0, 100_000, 0);
    far.far = 1_000_000;
    far.updateProjectionMatrix();
    far.updateMatrixWorld();
    expect(pickCar(far, 800, 600, centre, shown, 3, Uint8Array.of(1), 1, 0, 10)).toBe(0);
  });

  it('skips cars not drawn yet, cars past the count and cars behind the camera', () => {
    expect(pickCar(camera, 800, 600, centre, cars([0, 0]), 3, Uint8Array.of(0), 1, 0, 10)).toBeUndefined();
    expect(pickCar(camera, 800, 600, centre, cars([0, 0]), 3, Uint8Array.of(1), 0, 0, 10)).toBeUndefined();
    // A point above the camera projects (mirrored) near the centre too: it must not be picked.
    expect(pickCar(camera, 800, 600, centre, cars([0, 0]), 3, Uint8Array.of(1), 1, 2000, 10)).toBeUndefined();
  });
});

describe('headingToForward', () => {
  it('points north (−z) at 0° and east (+x) at 90°', () => {
    const [nx, nz] = headingToForward(0);
    expect([nx, nz].map((v) => Math.round(v * 1e9) / 1e9 + 0)).toEqual([0, -1]);
    const [ex, ez] = headingToForward(90);
    expect([ex, ez].map((v) => Math.round(v * 1e9) / 1e9 + 0)).toEqual([1, 0]);
  });
});
