import { PerspectiveCamera } from 'three';
import { describe, expect, it } from 'vitest';
import { ScreenProjection } from './screen-projection';

// From the south, above the ground, looking at the origin: 800 × 600 canvas.
function camera(): PerspectiveCamera {
  const c = new PerspectiveCamera(45, 800 / 600, 1, 100_000);
  c.position.set(0, 500, 500);
  c.lookAt(0, 0, 0);
  return c;
}

describe('ScreenProjection', () => {
  const projection = new ScreenProjection().update(camera(), 800, 600);
  const out = [NaN, NaN];

  it('projects as three\'s Vector3.project does, in canvas pixels with y down', () => {
    expect(projection.toScreen(0, 0, 0, out)).toBe(true);
    expect(out[0]).toBeCloseTo(400);
    expect(out[1]).toBeCloseTo(300);
    // East is right; the nearer ground (south, +z) is lower on the screen.
    projection.toScreen(100, 0, 0, out);
    expect(out[0]).toBeGreaterThan(400);
    projection.toScreen(0, 0, 100, out);
    expect(out[1]).toBeGreaterThan(300);
  });

  it('refuses a point behind the camera and writes nothing', () => {
    const kept = [-1, -1];
    expect(projection.toScreen(0, 1000, 1000, kept)).toBe(false); // behind and above the camera
    expect(projection.toScreen(0, 500, 500, kept)).toBe(false); // the camera's own position
    expect(kept).toEqual([-1, -1]);
  });

  it('writes at an offset, for arrays of points', () => {
    const many = new Float64Array(6);
    expect(projection.toScreen(0, 0, 0, many, 4)).toBe(true);
    expect([...many.slice(0, 4)]).toEqual([0, 0, 0, 0]);
    expect(many[4]).toBeCloseTo(400);
  });

  it('takes the camera as it is when updated: a moved camera needs an update', () => {
    const c = camera();
    const p = new ScreenProjection().update(c, 800, 600);
    c.position.set(200, 500, 500);
    c.lookAt(200, 0, 0);
    p.toScreen(0, 0, 0, out);
    expect(out[0]).toBeCloseTo(400);
    p.update(c, 800, 600).toScreen(0, 0, 0, out);
    expect(out[0]).toBeLessThan(400);
  });

  it('says whether a marker around a pixel can show on the canvas', () => {
    expect(projection.onCanvas(-5, 300, 9)).toBe(true);
    expect(projection.onCanvas(-10, 300, 9)).toBe(false);
    expect(projection.onCanvas(400, 609, 9)).toBe(true);
    expect(projection.onCanvas(400, 610, 9)).toBe(false);
  });
});
