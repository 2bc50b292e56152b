// Many small boxes (the homes) as ONE plain mesh instead of an InstancedMesh. Without a GPU, Chromium draws WebGL
// with SwiftShader on the CPU, where instancing pays a per-instance cost: the 1,000 homes took 28 ms a frame as an
// InstancedMesh and 12 ms merged into one vertex buffer (same material, same run, 823×501 canvas). A GPU draws
// either in well under a millisecond, so merging costs nothing where a GPU exists.
//
// Each box has no bottom face (the camera never looks up from under the ground): 5 faces, 10 triangles. Box i
// owns vertices [i × vertices, (i + 1) × vertices) and triangles [i × 10, (i + 1) × 10), so a picked triangle
// (faceIndex) names its box directly.

/** Triangles per box: a picked faceIndex divided by this is the box's index. */
export const BOX_TRIANGLES = 10;

export interface BoxTemplate {
  /** Local corner positions, x/y/z per vertex. */
  readonly positions: Float32Array;
  /** Outward face normals per vertex (lit boxes only: each face has its own four vertices). */
  readonly normals: Float32Array | undefined;
  /** Triangle corners into this box's own vertices. */
  readonly indices: Uint16Array;
  readonly vertices: number;
}

// Each face: outward normal and two in-plane axes u, v with u × v = normal, so (−u−v, +u−v, +u+v, −u+v) runs
// counter-clockwise seen from outside (three's front side).
const FACES: readonly (readonly [n: readonly number[], u: readonly number[], v: readonly number[]])[] = [
  [[0, 1, 0], [0, 0, 1], [1, 0, 0]],
  [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  [[-1, 0, 0], [0, 0, 1], [0, 1, 0]],
  [[0, 0, 1], [1, 0, 0], [0, 1, 0]],
  [[0, 0, -1], [0, 1, 0], [1, 0, 0]],
];
const CORNERS = [[-1, -1], [1, -1], [1, 1], [-1, 1]] as const;

/**
 * A box `width` (x) × `height` (y) × `depth` (z) standing on `bottom`. `lit` gives every face its own vertices and
 * normals (flat shading under lights); unlit boxes share their 8 corners, so less vertex work per box.
 */
export function boxTemplate(width: number, height: number, depth: number, bottom: number, lit: boolean): BoxTemplate {
  const half = [width / 2, height / 2, depth / 2];
  const centre = [0, bottom + height / 2, 0];
  const positions: number[] = [];
  const normals: number[] = [];
  const indices: number[] = [];
  const vertexOf = new Map<string, number>();
  for (const [n, u, v] of FACES) {
    const face = CORNERS.map(([a, b]) => {
      const p = [0, 1, 2].map((k) => centre[k]! + (n[k]! + a * u[k]! + b * v[k]!) * half[k]!);
      const key = p.join(',');
      const shared = lit ? undefined : vertexOf.get(key);
      if (shared !== undefined) return shared;
      const index = positions.length / 3;
      positions.push(...p);
      if (lit) normals.push(...n);
      vertexOf.set(key, index);
      return index;
    });
    indices.push(face[0]!, face[1]!, face[2]!, face[0]!, face[2]!, face[3]!);
  }
  return {
    positions: Float32Array.from(positions),
    normals: lit ? Float32Array.from(normals) : undefined,
    indices: Uint16Array.from(indices),
    vertices: positions.length / 3,
  };
}

/** The index buffer of `count` boxes (32-bit: 1,000 lit boxes already need 20,000 vertices). */
export function boxIndices(template: BoxTemplate, count: number): Uint32Array {
  const out = new Uint32Array(count * template.indices.length);
  for (let i = 0; i < count; i++) {
    const base = i * template.vertices;
    for (let k = 0; k < template.indices.length; k++) out[i * template.indices.length + k] = base + template.indices[k]!;
  }
  return out;
}

/**
 * Writes box `i`, turned `rotationY` radians about the vertical axis and standing at ground point (x, z), into
 * `positions` (and its normals into `normals`, when given). No allocation: the cars' frame loop calls it for
 * every moving car, every frame.
 */
export function writeBox(
  template: BoxTemplate, positions: Float32Array, i: number, x: number, z: number, rotationY: number, normals?: Float32Array,
): void {
  const cos = Math.cos(rotationY);
  const sin = Math.sin(rotationY);
  const local = template.positions;
  const at = i * template.vertices * 3;
  for (let k = 0; k < local.length; k += 3) {
    const lx = local[k]!;
    const lz = local[k + 2]!;
    // three's rotation about +y: x' = x cos + z sin, z' = −x sin + z cos.
    positions[at + k] = x + lx * cos + lz * sin;
    positions[at + k + 1] = local[k + 1]!;
    positions[at + k + 2] = z - lx * sin + lz * cos;
  }
  const n = template.normals;
  if (normals === undefined || n === undefined) return;
  for (let k = 0; k < n.length; k += 3) {
    normals[at + k] = n[k]! * cos + n[k + 2]! * sin;
    normals[at + k + 1] = n[k + 1]!;
    normals[at + k + 2] = -n[k]! * sin + n[k + 2]! * cos;
  }
}

/** Paints every vertex of box `i` with one linear RGB colour. */
export function paintBox(template: BoxTemplate, colours: Float32Array, i: number, r: number, g: number, b: number): void {
  const at = i * template.vertices * 3;
  for (let k = 0; k < template.vertices * 3; k += 3) {
    colours[at + k] = r;
    colours[at + k + 1] = g;
    colours[at + k + 2] = b;
  }
}
