// Cars as screen-space markers: one point per car (a single THREE.Points draw), a fixed number of pixels wide at
// any zoom — big enough to see and to click on a city-wide view, where a car to scale is a few pixels — with a car's
// outline (a body with a pointed nose) cut in the fragment shader and turned by the car's heading as the camera
// sees it. Without a GPU (SwiftShader draws WebGL on the CPU) a point costs a few vertex-shader runs where a box
// costs eight corners and ten triangles: on a bare three.js page (823×492 canvas) 1,000 moving points cost the GPU
// process 5.2 ms a frame, an empty canvas 2.7, 1,000 lit boxes 19.3. A GPU draws either for nothing: one code path.
import { Color, Matrix4, Vector3, type Camera } from 'three';

/** Marker sizes in CSS pixels: big enough to see and to click on a city-wide view; the selected car stands out. */
export const CAR_PX = 12;
export const SELECTED_CAR_PX = 18;

export const CAR_COLOURS = { car: '#f97316', selected: '#f472b6', edge: '#0d1117' } as const;

export const carVertexShader = /* glsl */ `
attribute vec2 forward;
attribute float selected;
uniform float uSize;
uniform float uSelectedSize;
uniform float uReach;
uniform vec2 uViewport;
varying vec2 vDir;
varying float vSelected;
void main() {
  vec4 clip = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
  // The heading on screen: where a point a little ahead of the car (on the ground) lands, relative to the car.
  vec4 ahead = projectionMatrix * modelViewMatrix * vec4(position + vec3(forward.x, 0.0, forward.y) * uReach, 1.0);
  vec2 d = (ahead.xy / ahead.w - clip.xy / clip.w) * uViewport;
  vDir = length(d) > 1e-6 ? normalize(d) : vec2(0.0, 1.0);
  vSelected = selected;
  gl_PointSize = mix(uSize, uSelectedSize, selected);
  gl_Position = clip;
}
`;

export const carFragmentShader = /* glsl */ `
uniform vec3 uColour;
uniform vec3 uSelectedColour;
uniform vec3 uEdge;
varying vec2 vDir;
varying float vSelected;
// The car's outline in its own frame (x to its right, y ahead) within the point's [-1, 1] square.
bool inside(vec2 q) {
  if (abs(q.x) > 0.5 || q.y < -0.92 || q.y > 0.96) return false;
  return q.y < 0.25 || abs(q.x) < 0.5 * (0.96 - q.y) / 0.71;
}
void main() {
  // gl_PointCoord runs down the screen; the heading (vDir) runs up it.
  vec2 p = vec2(gl_PointCoord.x * 2.0 - 1.0, 1.0 - gl_PointCoord.y * 2.0);
  vec2 q = vec2(p.x * vDir.y - p.y * vDir.x, dot(p, vDir));
  if (!inside(q)) discard;
  // A dark rim (the outline shrunk by a quarter inside it) keeps a car visible over a lit home or another car.
  // The colours are given in the canvas's own (sRGB) space: no per-pixel conversion, which a CPU renderer pays for.
  gl_FragColor = vec4(inside(q * 1.3) ? (vSelected > 0.5 ? uSelectedColour : uColour) : uEdge, 1.0);
}
`;

/** A CSS colour as the canvas's sRGB values (three keeps Color in linear space). */
const srgb = (css: string): Color => new Color(css).convertLinearToSRGB();

export function carUniforms(unit: number) {
  return {
    uSize: { value: CAR_PX },
    uSelectedSize: { value: SELECTED_CAR_PX },
    uReach: { value: unit },
    uViewport: { value: [1, 1] as [number, number] },
    uColour: { value: srgb(CAR_COLOURS.car) },
    uSelectedColour: { value: srgb(CAR_COLOURS.selected) },
    uEdge: { value: srgb(CAR_COLOURS.edge) },
  };
}

/** A compass heading (degrees clockwise from north) as a ground direction in scene x, z (north is −z). */
export function headingToForward(headingDeg: number): [number, number] {
  const h = (headingDeg * Math.PI) / 180;
  return [Math.sin(h), -Math.cos(h)];
}

const viewProjection = new Matrix4();
const at = new Vector3();

/**
 * The car drawn nearest to a canvas pixel, within `radiusPx`: markers are a fixed size on screen, so picking is
 * too (a ray against points in world units would grow and shrink with the zoom). `shown` holds x, z, … per car;
 * `placed[i]` is 1 for a car drawn at least once. Returns its index, or undefined.
 */
export function pickCar(
  camera: Camera, width: number, height: number, pointer: readonly [number, number],
  shown: Float64Array, stride: number, placed: Uint8Array, count: number, y: number, radiusPx: number,
): number | undefined {
  viewProjection.multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse);
  let best: number | undefined;
  let bestD2 = radiusPx * radiusPx;
  for (let i = 0; i < count; i++) {
    if (placed[i] !== 1) continue;
    at.set(shown[i * stride]!, y, shown[i * stride + 1]!).applyMatrix4(viewProjection);
    if (at.z > 1) continue; // behind the camera
    const dx = ((at.x + 1) / 2) * width - pointer[0];
    const dy = ((1 - at.y) / 2) * height - pointer[1];
    const d2 = dx * dx + dy * dy;
    if (d2 <= bestD2) {
      bestD2 = d2;
      best = i;
    }
  }
  return best;
}
