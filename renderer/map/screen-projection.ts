// The shared three.js camera applied by hand to scene points, for the map's moving layer (cars, message arcs,
// pulses), which is drawn with Canvas 2D rather than WebGL (see MovingLayer.tsx for why). The camera's view and
// projection are multiplied once per drawn frame; each point then costs one 4×4 product, allocation-free.
import { Matrix4, type Camera } from 'three';

export class ScreenProjection {
  /** Canvas size in CSS pixels, as the frame was drawn. */
  width = 1;
  height = 1;
  private readonly viewProjection = new Matrix4();

  /** Takes the camera's current matrices (call after the frame's camera moves) and the canvas's size. */
  update(camera: Camera, width: number, height: number): this {
    camera.updateMatrixWorld();
    this.viewProjection.multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse);
    this.width = width;
    this.height = height;
    return this;
  }

  /**
   * Writes the canvas pixel (CSS pixels, y down) of scene point x, y, z into out[at], out[at + 1]. Returns false,
   * writing nothing, for a point behind the camera: its perspective divide would mirror it onto the screen.
   */
  toScreen(x: number, y: number, z: number, out: { [i: number]: number }, at = 0): boolean {
    const e = this.viewProjection.elements;
    const w = e[3]! * x + e[7]! * y + e[11]! * z + e[15]!;
    if (!(w > 1e-6)) return false;
    out[at] = ((e[0]! * x + e[4]! * y + e[8]! * z + e[12]!) / w + 1) * 0.5 * this.width;
    out[at + 1] = (1 - (e[1]! * x + e[5]! * y + e[9]! * z + e[13]!) / w) * 0.5 * this.height;
    return true;
  }

  /** Whether a point drawn `reach` pixels around canvas pixel x, y can show on the canvas. */
  onCanvas(x: number, y: number, reach: number): boolean {
    return x >= -reach && y >= -reach && x <= this.width + reach && y <= this.height + reach;
  }
}
